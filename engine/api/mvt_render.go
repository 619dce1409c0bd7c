package api

import (
	"bytes"

	"github.com/klauspost/compress/gzip"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"twin/engine"
	"twin/geo"
)

// hullPad widens the World's lon/lat hull (degrees, about a metre) so that
// the edge samples it is measured from cannot cut off a feature.
const hullPad = 1e-5

// tileCount is the number of features written to one layer of a tile.
type tileCount struct {
	layer string
	n     int
}

// renderTile draws tile t of snap as an MVT, the layers in tileLayers order
// and empty layers left out; the tile is empty (no bytes) when nothing lies
// in it or the World has no geodetic CRS. Each layer's features are those
// whose box meets the tile widened by tileBuffer units, in the R-tree's
// order (deterministic for a snapshot), with their geometry projected to
// tile units, clipped to the widened tile, simplified (tileSimplifyAt) and
// rounded to whole units; features that vanish on the way are left out.
// counts gives the features written per layer.
//
// The rendering works in sc's memory (nil: fresh memory), and the tile it
// returns lies there: it is valid until sc is used again.
//
// Cost: one R-tree search per drawn layer, O(log n + k·v) for k features of
// v vertices, plus O(1) per vertex (see tileProjector). Safe for concurrent
// use with distinct scratch spaces (snap is immutable).
func renderTile(snap *engine.Snapshot, t maptile.Tile, sc *tileScratch) (tile []byte, counts []tileCount) {
	z := int(t.Z)
	var active []*tileLayer
	for i := range tileLayers {
		tl := &tileLayers[i]
		if z >= tl.minZoom && snap.Layer(tl.name).Len() > 0 {
			active = append(active, tl)
		}
	}
	if len(active) == 0 || snap.CRS() == nil {
		return nil, nil
	}
	query, grid, ok := tileArea(snap, t)
	if !ok {
		return nil, nil
	}
	if sc == nil {
		sc = new(tileScratch)
	}
	r, e := &sc.r, &sc.e
	r.start(newTileProjector(snap.CRS(), t, tileExtent, grid), tileSimplifyAt(z))
	e.start()
	for _, tl := range active {
		e.beginLayer()
		// The box search may return features that only come near the
		// tile; the exact clip in tile units drops them.
		snap.Layer(tl.name).SearchBounds(query, func(f geo.Feature) bool {
			if tl.keep != nil && !tl.keep(f, z) {
				return true
			}
			if g := r.feature(f); g.typ != 0 {
				sc.attrs = tl.attrs(sc.attrs[:0], f)
				e.feature(g, sc.attrs)
			}
			return true
		})
		if e.nfeat > 0 {
			counts = append(counts, tileCount{tl.name, e.nfeat})
		}
		e.endLayer(tl.name, tl.fields)
	}
	return e.out, counts
}

// tileScratch is the memory one tile rendering works in: the renderer's and
// the encoder's buffers, kept between renderings (the tile route pools
// them) so that a busy server renders tiles with few allocations. A
// tileScratch is not safe for concurrent use.
type tileScratch struct {
	r     tileRenderer
	e     tileEncoder
	attrs []tileAttr
	gz    bytes.Buffer // the gzipped tile
	zw    *gzip.Writer
}

// tileArea returns the World-CRS box to search for tile t's features (the
// tile widened by tileBuffer units) and the box to lay the projection grid
// over (the tile widened by a whole tile on each side, so that the features
// reaching out of it are mostly still inside the grid). Both are cut to the
// World's lon/lat hull first, so that low-zoom tiles spanning continents are
// never carried into a local CRS far outside its area of use. ok is false
// when the tile misses the World.
func tileArea(snap *engine.Snapshot, t maptile.Tile) (query, grid orb.Bound, ok bool) {
	data, ok := snap.Bounds()
	if !ok {
		return query, grid, false
	}
	hull, ok := snap.LonLatHull(data)
	if !ok {
		return query, grid, false
	}
	hull = hull.Pad(hullPad)
	toWorld := fromWire(snap, crsCRS84)
	carry := func(b orb.Bound) (orb.Bound, bool) {
		if !b.Intersects(hull) {
			return orb.Bound{}, false
		}
		q := orb.Bound{
			Min: orb.Point{max(b.Min[0], hull.Min[0]), max(b.Min[1], hull.Min[1])},
			Max: orb.Point{min(b.Max[0], hull.Max[0]), min(b.Max[1], hull.Max[1])},
		}
		return newArea(toWorld, q).poly.Bound(), true
	}
	if query, ok = carry(t.Bound(float64(tileBuffer) / tileExtent)); !ok {
		return query, grid, false
	}
	grid, _ = carry(t.Bound(1))
	return query, grid, true
}

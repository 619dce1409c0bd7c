package scene

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// tile is one merged building mesh.
type tile struct {
	item      int // index into the draw list
	roofIndex int // number of roof indices at the start of Indices
	buildings int
	ids       []string // building ids in mesh order
}

type placed struct {
	b   *geo.Building
	key uint64
}

// hilbert returns the index of (x, y) on a Hilbert curve of order 16.
func hilbert(x, y uint32) uint64 {
	var d uint64
	for s := uint32(1 << 15); s > 0; s >>= 1 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x, y = s-1-x, s-1-y
			}
			x, y = y, x
		}
	}
	return d
}

// sortBuildings returns the buildings of the layer in Hilbert order of
// their footprint centres (ties by id), so that consecutive buildings are
// near each other. O(n log n).
func sortBuildings(l *engine.Layer, bmin, bmax [2]float64) []placed {
	var out []placed
	sx := math.Max(bmax[0]-bmin[0], 1e-9)
	sy := math.Max(bmax[1]-bmin[1], 1e-9)
	l.Ascend("", func(f geo.Feature) bool {
		b, ok := f.(*geo.Building)
		if !ok || len(b.Footprint) == 0 {
			return true
		}
		c := b.Footprint.Bound().Center()
		x := uint32(math.Min(math.Max((c[0]-bmin[0])/sx, 0), 1) * 65535)
		y := uint32(math.Min(math.Max((c[1]-bmin[1])/sy, 0), 1) * 65535)
		out = append(out, placed{b, hilbert(x, y)})
		return true
	})
	// Ascend visits ids in order, so a stable sort breaks key ties by id.
	slices.SortStableFunc(out, func(a, b placed) int { return cmp.Compare(a.key, b.key) })
	return out
}

// addBuildings merges the buildings layer into tile meshes of at most
// TileBuildings buildings each, extruding tiles on Workers goroutines; each
// tile's bytes depend only on its buildings, so the result is the same for
// any number of workers.
func (s *Scene) addBuildings(snap *engine.Snapshot) {
	l := snap.Layer(geo.LayerBuildings)
	if l.Len() == 0 {
		return
	}
	lb, _ := l.Bounds()
	all := sortBuildings(l, [2]float64{lb.Min[0], lb.Min[1]}, [2]float64{lb.Max[0], lb.Max[1]})
	type built struct {
		m    *render.Mesh
		roof int
		box  render.Box
	}
	var chunks [][]placed
	for start := 0; start < len(all); start += s.opts.TileBuildings {
		chunks = append(chunks, all[start:min(start+s.opts.TileBuildings, len(all))])
	}
	out := make([]built, len(chunks))
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for w := 0; w < min(s.opts.Workers, len(chunks)); w++ {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(chunks); k = int(next.Add(1) - 1) {
				m, roof, box := s.tileMesh(snap, chunks[k])
				out[k] = built{m, roof, box}
			}
		})
	}
	wg.Wait()
	for k, c := range chunks {
		s.addTile(c, out[k].m, out[k].roof, out[k].box)
	}
}

// addTile appends a built tile mesh to the draw list.
func (s *Scene) addTile(bs []placed, m *render.Mesh, roof int, box render.Box) {
	it := s.addItem(render.DrawItem{Layer: render.LayerBuildings, Mesh: m, Bounds: box, Visible: true})
	ids := make([]string, len(bs))
	for i, p := range bs {
		ids[i] = p.b.ID
		s.buildingTile[p.b.ID] = len(s.tiles)
	}
	s.tiles = append(s.tiles, tile{item: it, roofIndex: roof, buildings: len(bs), ids: ids})
}

// tileMesh extrudes the buildings into one mesh, roofs first, and returns
// it with its roof index count and bounds.
func (s *Scene) tileMesh(snap *engine.Snapshot, bs []placed) (*render.Mesh, int, render.Box) {
	nv, ni := 0, 0
	for _, p := range bs {
		for _, poly := range p.b.Footprint {
			for _, r := range poly {
				nv += 5 * len(r)
				ni += 9 * len(r)
			}
		}
	}
	mb := &meshBuilder{m: &render.Mesh{Origin: s.origin, Prim: render.Triangles,
		Vertices: make([]float32, 0, nv*render.VertexFloats)}, walls: make([]uint32, 0, 6*nv/5)}
	mb.m.Indices = make([]uint32, 0, ni)
	box := render.EmptyBox()
	for _, p := range bs {
		b := p.b
		ground := s.groundOf(snap, b)
		h := b.Height
		if !(h > 0) {
			h = s.opts.DefaultHeight
		}
		base, top := ground+b.MinHeight, ground+h
		if len(b.Surfaces) == 0 || !mb.surfaces(b.Surfaces, BuildingColor) {
			mb.extrude(b.Footprint, base, top, BuildingColor)
		}
		bd := b.Footprint.Bound()
		box = box.Extend([3]float64{bd.Min[0], bd.Min[1], base}).Extend([3]float64{bd.Max[0], bd.Max[1], top})
	}
	roof := mb.finish()
	mb.m.Bounds = box
	return mb.m, roof, box
}

// updateBuilding rebuilds the tile holding building id (or, for a new
// building, the last tile) from snap, and marks the tile's buffer Resized.
// Returns the buffer, or 0 when there are no tiles to hold it.
// O(vertices of the tile).
func (s *Scene) updateBuilding(snap *engine.Snapshot, id string) render.BufferID {
	k, known := s.buildingTile[id]
	if !known {
		if _, ok := snap.Layer(geo.LayerBuildings).Get(id); !ok || len(s.tiles) == 0 {
			return 0
		}
		k = len(s.tiles) - 1
		s.tiles[k].ids = append(s.tiles[k].ids, id)
		s.buildingTile[id] = k
	}
	t := &s.tiles[k]
	var bs []placed
	for _, bid := range t.ids {
		f, ok := snap.Layer(geo.LayerBuildings).Get(bid)
		if b, isB := f.(*geo.Building); ok && isB && len(b.Footprint) > 0 {
			bs = append(bs, placed{b: b})
		}
	}
	m, roof, box := s.tileMesh(snap, bs)
	it := &s.list.Items[t.item]
	it.Mesh, it.Bounds, it.Resized = m, box, true
	it.Dirty = it.Dirty[:0]
	it.FirstIndex, it.IndexCount = 0, 0
	t.roofIndex, t.buildings = roof, len(bs)
	s.tree = nil
	return it.ID
}

// groundOf returns the building's ground elevation: its own, else the
// terrain's under its footprint centre, else 0.
func (s *Scene) groundOf(snap *engine.Snapshot, b *geo.Building) float64 {
	if !math.IsNaN(b.Ground) {
		return b.Ground
	}
	if z, ok := snap.TerrainHeight(b.Footprint.Bound().Center()); ok {
		return z
	}
	return 0
}

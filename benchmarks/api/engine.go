package apibench

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/geo/geojson"
)

// Engine answers items pages with the engine and the GeoJSON encoder alone:
// the lon/lat box carried into the World's CRS (its edges densified into 8
// steps each, as the API does), Layer.SearchPolygonID with the largest
// rectangle inside, the matches sorted by ID, and the page written as a
// FeatureCollection in lon/lat (7 decimals) through a FeatureCache, with
// numberMatched and numberReturned. No HTTP, no parameter parsing, no
// links: it is the engine-level side of the comparison with PostGIS, whose
// SQL does the same work. Safe for concurrent use.
type Engine struct {
	s     *engine.Snapshot
	l     *engine.Layer
	cache geojson.FeatureCache
	pool  sync.Pool // *engineScratch
}

type engineScratch struct {
	enc  geojson.Writer
	out  appendWriter
	hits []engineHit
}

type engineHit struct {
	id string
	f  geo.Feature
}

// appendWriter is an io.Writer appending to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

// NewEngine returns the engine-level twin for the layer of w's current
// snapshot. Errors: ErrEmpty, engine.ErrNoCRS.
func NewEngine(w *engine.World, layer string) (*Engine, error) {
	s := w.Snapshot()
	l := s.Layer(layer)
	if l == nil || l.Len() == 0 {
		return nil, fmt.Errorf("%w: %q", ErrEmpty, layer)
	}
	if s.CRS() == nil {
		return nil, fmt.Errorf("apibench: engine: %w", engine.ErrNoCRS)
	}
	return &Engine{s: s, l: l}, nil
}

// Items appends to dst the page of the features intersecting the lon/lat
// box b, ordered by ID, from offset on, at most limit of them. Errors: a
// box outside the CRS's range, or the encoder's.
func (e *Engine) Items(dst []byte, b orb.Bound, limit, offset int) ([]byte, error) {
	poly, inner, err := e.area(b)
	if err != nil {
		return dst, err
	}
	sc, _ := e.pool.Get().(*engineScratch)
	if sc == nil {
		sc = &engineScratch{}
	}
	defer func() {
		clear(sc.hits)
		sc.hits, sc.out.b = sc.hits[:0], nil
		e.pool.Put(sc)
	}()
	e.l.SearchPolygonID(poly, inner, func(id string, f geo.Feature) bool {
		sc.hits = append(sc.hits, engineHit{id, f})
		return true
	})
	slices.SortFunc(sc.hits, func(a, b engineHit) int { return strings.Compare(a.id, b.id) })
	page := sc.hits[min(offset, len(sc.hits)):min(offset+limit, len(sc.hits))]
	sc.out.b = dst
	err = sc.enc.Reset(&sc.out, geojson.EncodeOptions{
		Project:   func(p orb.Point) orb.Point { ll, _ := e.s.ToLonLat(p); return ll },
		Precision: 7,
		Cache:     &e.cache,
		Foreign:   map[string]any{"numberMatched": len(sc.hits), "numberReturned": len(page)},
	})
	if err != nil {
		return dst, err
	}
	for _, h := range page {
		if err := sc.enc.Write(h.f); err != nil {
			return dst, err
		}
	}
	err = sc.enc.Close()
	return sc.out.b, err
}

// areaSteps is the number of segments per box edge in the World's CRS.
const areaSteps = 8

// area carries the lon/lat box b into the World's CRS: the polygon through
// its densified edges and the largest axis-aligned rectangle inside it.
func (e *Engine) area(b orb.Bound) (orb.Polygon, orb.Bound, error) {
	corners := [5]orb.Point{b.Min, {b.Max[0], b.Min[1]}, b.Max, {b.Min[0], b.Max[1]}, b.Min}
	ring := make(orb.Ring, 0, 4*areaSteps+1)
	inner := orb.Bound{Min: orb.Point{math.Inf(-1), math.Inf(-1)}, Max: orb.Point{math.Inf(1), math.Inf(1)}}
	for side := range 4 {
		a, c := corners[side], corners[side+1]
		for i := 0; i <= areaSteps; i++ {
			t := float64(i) / areaSteps
			p, err := e.s.FromLonLat(a[0]+t*(c[0]-a[0]), a[1]+t*(c[1]-a[1]))
			if err != nil {
				return nil, inner, err
			}
			if i < areaSteps {
				ring = append(ring, p)
			}
			// Each side's points (both corners included) bound the inner
			// rectangle from that side.
			switch side {
			case 0:
				inner.Min[1] = math.Max(inner.Min[1], p[1])
			case 1:
				inner.Max[0] = math.Min(inner.Max[0], p[0])
			case 2:
				inner.Max[1] = math.Min(inner.Max[1], p[1])
			case 3:
				inner.Min[0] = math.Max(inner.Min[0], p[0])
			}
		}
	}
	return orb.Polygon{append(ring, ring[0])}, inner, nil
}

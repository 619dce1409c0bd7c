package engine

import (
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/spatial"
)

// UnderHit is a pipe or structure found under a query point or line.
type UnderHit struct {
	Layer   string
	Feature geo.Feature
	// Distance is the horizontal distance in metres from the query to the
	// feature's centreline (or point).
	Distance float64
	// At is the point on the feature closest to the query, World CRS.
	At orb.Point
	// Ground is the ground elevation at At, metres: from the feature's own
	// rim/ground elevations, else from terrain; NaN when neither is known.
	Ground float64
	// Top and Bottom are depths below ground (metres, positive down) of the
	// feature's top (pipe crown, manhole rim) and bottom (invert) at At.
	Top, Bottom float64
}

// UnderQuery selects what [Snapshot.Under] returns. The zero value means:
// pipes and pipe nodes at any depth within the World's UnderTolerance.
type UnderQuery struct {
	// DepthMin and DepthMax bound the depth range (metres below ground). A
	// feature is returned when [Top, Bottom] overlaps [DepthMin, DepthMax].
	// DepthMax 0 means no lower limit.
	DepthMin, DepthMax float64
	// Layers to search; nil means geo.LayerPipes and geo.LayerPipeNodes.
	Layers []string
	// Tolerance overrides the horizontal search tolerance in metres; it is
	// added to half the pipe's width.
	Tolerance float64
}

// Under returns the pipes and structures under g (a point or a line string
// in the World's CRS) whose depth range overlaps the query's, sorted by the
// depth of their top, then distance, then ID. Features with no known ground
// elevation are left out when a depth range is given. O(log n + k·v).
func (s *Snapshot) Under(g orb.Geometry, q UnderQuery) []UnderHit {
	tol := q.Tolerance
	if tol <= 0 {
		tol = s.underTol
	}
	dmax := q.DepthMax
	if dmax <= 0 {
		dmax = math.Inf(1)
	}
	ranged := q.DepthMin > 0 || !math.IsInf(dmax, 1)
	layers := q.Layers
	if layers == nil {
		layers = []string{geo.LayerPipes, geo.LayerPipeNodes}
	}
	const maxHalfWidth = 10 // m: no pipe or chamber is wider than 20 m
	search := g.Bound().Pad(tol + maxHalfWidth)
	var hits []UnderHit
	for _, name := range layers {
		s.Layer(name).SearchBounds(search, func(f geo.Feature) bool {
			h, ok := s.underHit(f, g, tol)
			if !ok {
				return true
			}
			if math.IsNaN(h.Top) && ranged {
				return true
			}
			if !ranged || (h.Bottom >= q.DepthMin && h.Top <= dmax) {
				h.Layer = name
				hits = append(hits, h)
			}
			return true
		})
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Top != b.Top && !(math.IsNaN(a.Top) && math.IsNaN(b.Top)) {
			return a.Top < b.Top || math.IsNaN(b.Top)
		}
		if a.Distance != b.Distance {
			return a.Distance < b.Distance
		}
		return a.Feature.FeatureID() < b.Feature.FeatureID()
	})
	return hits
}

// underHit measures one candidate against the query geometry.
func (s *Snapshot) underHit(f geo.Feature, g orb.Geometry, tol float64) (UnderHit, bool) {
	h := UnderHit{Feature: f}
	switch f := f.(type) {
	case *geo.Pipe:
		at, dist, frac := closest(f.Line, g)
		half := math.Max(f.Diameter, f.Width) / 2
		if dist > tol+half {
			return h, false
		}
		invert, ground := f.At(frac)
		h.Distance, h.At, h.Ground = dist, at, s.groundAt(ground, at)
		h.Bottom = h.Ground - invert
		h.Top = h.Bottom - f.Diameter
	case *geo.PipeNode:
		_, dist, _ := closest(orb.LineString{f.Point}, g)
		if dist > tol {
			return h, false
		}
		h.Distance, h.At, h.Ground = dist, f.Point, s.groundAt(f.Ground, f.Point)
		h.Bottom = h.Ground - f.Invert
		h.Top = math.Max(0, h.Ground-(f.Invert+f.MaxDepth))
		if f.MaxDepth == 0 {
			h.Top = h.Bottom
		}
	default:
		lo, hi := f.ZRange()
		dist := spatial.Distance(f.Geometry(), centre(g))
		if dist > tol {
			return h, false
		}
		h.Distance, h.At = dist, centre(g)
		h.Ground = s.groundAt(math.NaN(), h.At)
		h.Top, h.Bottom = h.Ground-hi, h.Ground-lo
	}
	return h, true
}

func (s *Snapshot) groundAt(known float64, p orb.Point) float64 {
	if !math.IsNaN(known) {
		return known
	}
	z, _ := s.TerrainHeight(p)
	return z
}

// closest returns the point of line ls closest to g (a point or line), the
// distance, and the fraction along ls where it lies.
func closest(ls orb.LineString, g orb.Geometry) (at orb.Point, dist, frac float64) {
	switch g := g.(type) {
	case orb.Point:
		return spatial.ClosestOnLine(ls, g)
	case orb.LineString:
		pa, _, d := spatial.ClosestBetweenLines(ls, g)
		_, _, frac = spatial.ClosestOnLine(ls, pa)
		return pa, d, frac
	}
	return spatial.ClosestOnLine(ls, centre(g))
}

func centre(g orb.Geometry) orb.Point { return g.Bound().Center() }

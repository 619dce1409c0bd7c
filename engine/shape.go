package engine

import (
	"github.com/paulmach/orb"

	"twin/geo/spatial"
)

// Shape kinds kept inline in an index entry. The commonest geometries (a
// point, a line, a polygon without holes) are stored as their bare points so
// that a query reads one slice straight from the entry; anything else goes
// through the general predicates on the boxed orb.Geometry. This halves the
// dependent memory loads per candidate, which dominate kNN and bbox queries
// on large layers.
const (
	shapeOther uint8 = iota
	shapePoint
	shapeLine
	shapeRing
)

type shape struct {
	kind uint8
	pt   orb.Point
	pts  []orb.Point
}

func shapeOf(g orb.Geometry) shape {
	switch g := g.(type) {
	case orb.Point:
		return shape{kind: shapePoint, pt: g}
	case orb.LineString:
		if len(g) > 0 {
			return shape{kind: shapeLine, pts: g}
		}
	case orb.Polygon:
		if len(g) == 1 && len(g[0]) >= 3 {
			return shape{kind: shapeRing, pts: g[0]}
		}
	case orb.MultiPolygon:
		if len(g) == 1 && len(g[0]) == 1 && len(g[0][0]) >= 3 {
			return shape{kind: shapeRing, pts: g[0][0]}
		}
	}
	return shape{}
}

// distance is spatial.Distance(e.g, p); boxD is p's distance to e's box.
func (e *entry) distance(p orb.Point, boxD float64) float64 {
	switch e.s.kind {
	case shapePoint:
		return boxD // the box of a point is the point
	case shapeLine:
		return spatial.LineDistance(e.s.pts, false, p)
	case shapeRing:
		if boxD == 0 && spatial.RingContains(e.s.pts, p) {
			return 0
		}
		return spatial.LineDistance(e.s.pts, true, p)
	}
	if boxD > 0 {
		return spatial.DistanceOutside(e.g, p)
	}
	return spatial.Distance(e.g, p)
}

// hitsBound is spatial.IntersectsBound(e.g, b) for an entry whose box [mn,
// mx] is known to intersect b.
func (e *entry) hitsBound(mn, mx [2]float64, b orb.Bound) bool {
	switch e.s.kind {
	case shapePoint:
		return true // its box is itself, and the box intersects b
	case shapeLine:
		return spatial.IntersectsBoundHint(orb.LineString(e.s.pts), orb.Bound{Min: mn, Max: mx}, b)
	case shapeRing:
		return spatial.RingHitsBound(e.s.pts, b)
	}
	return spatial.IntersectsBoundHint(e.g, orb.Bound{Min: mn, Max: mx}, b)
}

// vertexIn reports whether a vertex of the entry's geometry lies in b
// (boundary included): such a feature certainly meets any area containing b.
func (e *entry) vertexIn(b orb.Bound) bool {
	switch e.s.kind {
	case shapePoint:
		return b.Contains(e.s.pt)
	case shapeLine, shapeRing:
		for _, p := range e.s.pts {
			if b.Contains(p) {
				return true
			}
		}
		return false
	}
	return !visitPoints(e.g, func(p orb.Point) bool { return !b.Contains(p) })
}

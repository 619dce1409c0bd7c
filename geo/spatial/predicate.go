package spatial

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Intersects reports whether geometries a and b share at least one point.
// Complexity O(n·m) in their vertex counts: meant for features of tens to
// hundreds of vertices, after an index has narrowed the candidates.
func Intersects(a, b orb.Geometry) bool {
	if a == nil || b == nil {
		return false
	}
	if !a.Bound().Intersects(b.Bound()) {
		return false
	}
	if r, ok := b.(orb.Bound); ok && r.Contains(a.Bound().Min) && r.Contains(a.Bound().Max) {
		return true // a lies wholly inside the query rectangle
	}
	var pa, pb parts
	decompose(a, &pa)
	decompose(b, &pb)
	return intersectParts(&pa, &pb)
}

func intersectParts(pa, pb *parts) bool {
	// Isolated points: covered by the other side.
	for _, p := range pa.points {
		if pb.covers(p) {
			return true
		}
	}
	for _, p := range pb.points {
		if pa.covers(p) {
			return true
		}
	}
	// Any boundary or line segments touching.
	hit := false
	pa.segments(func(a1, a2 orb.Point) bool {
		pb.segments(func(b1, b2 orb.Point) bool {
			hit = SegmentsIntersect(a1, a2, b1, b2)
			return !hit
		})
		return !hit
	})
	if hit {
		return true
	}
	// No boundaries touch: one may lie wholly inside the other's area.
	if v, ok := firstVertex(pa); ok && pb.inArea(v) {
		return true
	}
	if v, ok := firstVertex(pb); ok && pa.inArea(v) {
		return true
	}
	return false
}

func firstVertex(p *parts) (orb.Point, bool) {
	var v orb.Point
	found := false
	p.vertices(func(q orb.Point) bool { v, found = q, true; return false })
	return v, found
}

// Within reports whether a lies wholly inside the area of b (a polygon,
// multipolygon, ring or bound); points on b's boundary count as inside. A
// geometry b without area contains nothing. O(n·m).
func Within(a, b orb.Geometry) bool {
	if a == nil || b == nil || !b.Bound().Contains(a.Bound().Min) || !b.Bound().Contains(a.Bound().Max) {
		return false
	}
	var pa, pb parts
	decompose(a, &pa)
	decompose(b, &pb)
	if len(pb.polys) == 0 {
		return false
	}
	inside := pa.vertices(func(v orb.Point) bool { return pb.inArea(v) })
	if !inside {
		return false
	}
	// Every vertex is inside; a's edges may still leave b's area by crossing
	// its boundary (concave b) or enclosing one of b's holes.
	crossed := false
	pa.segments(func(a1, a2 orb.Point) bool {
		pb.segments(func(b1, b2 orb.Point) bool {
			crossed = segmentsCross(a1, a2, b1, b2)
			return !crossed
		})
		if !crossed {
			// an edge whose midpoint falls outside leaves b along a vertex
			mid := orb.Point{(a1[0] + a2[0]) / 2, (a1[1] + a2[1]) / 2}
			crossed = !pb.inArea(mid)
		}
		return !crossed
	})
	if crossed {
		return false
	}
	for _, q := range pb.polys {
		for _, hole := range q[1:] {
			if len(hole) > 0 && pa.inArea(hole[0]) && !onBoundary(&pa, hole[0]) {
				return false
			}
		}
	}
	return true
}

func onBoundary(p *parts, pt orb.Point) bool {
	on := false
	p.segments(func(a, b orb.Point) bool { on = onSegment(a, b, pt); return !on })
	return on
}

// Distance returns the planar distance from p to g: zero when p is inside an
// area of g, else the distance to g's nearest point. +Inf for nil. O(n).
func Distance(g orb.Geometry, p orb.Point) float64 {
	switch g := g.(type) {
	case nil:
		return math.Inf(1)
	case orb.Point:
		return planar.Distance(g, p)
	case orb.Bound:
		dx := math.Max(0, math.Max(g.Min[0]-p[0], p[0]-g.Max[0]))
		dy := math.Max(0, math.Max(g.Min[1]-p[1], p[1]-g.Max[1]))
		return math.Hypot(dx, dy)
	case orb.Polygon:
		if polygonContains(g, p) {
			return 0
		}
	case orb.MultiPolygon:
		for _, q := range g {
			if polygonContains(q, p) {
				return 0
			}
		}
	case orb.Ring:
		if polygonContains(orb.Polygon{g}, p) {
			return 0
		}
	case orb.Collection:
		d := math.Inf(1)
		for _, c := range g {
			d = math.Min(d, Distance(c, p))
		}
		return d
	}
	return planar.DistanceFrom(g, p)
}

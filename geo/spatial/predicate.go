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
	// No boundaries touch: a component of one may lie wholly inside the
	// other's area; testing one vertex per component decides it.
	return anyComponentIn(pa, pb) || anyComponentIn(pb, pa)
}

// anyComponentIn reports whether a line or polygon of p has its first vertex
// inside q's area.
func anyComponentIn(p, q *parts) bool {
	if len(q.polys) == 0 {
		return false
	}
	for _, l := range p.lines {
		if q.inArea(l[0]) {
			return true
		}
	}
	for _, poly := range p.polys {
		if q.inArea(poly[0][0]) {
			return true
		}
	}
	return false
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

// DistanceOutside is Distance for a point known to lie outside g's bounding
// box, where no area can contain it: it skips the containment test.
func DistanceOutside(g orb.Geometry, p orb.Point) float64 {
	if g == nil {
		return math.Inf(1)
	}
	return planar.DistanceFrom(g, p)
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

// IntersectsBound reports whether g shares at least one point with the
// rectangle b. It is Intersects specialised for the commonest query, without
// allocating. O(v) for v vertices.
func IntersectsBound(g orb.Geometry, b orb.Bound) bool {
	if g == nil {
		return false
	}
	return IntersectsBoundHint(g, g.Bound(), b)
}

// IntersectsBoundHint is IntersectsBound for a caller that already knows
// g's bounding box gb (an index stores it), saving its computation.
func IntersectsBoundHint(g orb.Geometry, gb, b orb.Bound) bool {
	if g == nil || !gb.Intersects(b) {
		return false
	}
	if b.Contains(gb.Min) && b.Contains(gb.Max) {
		return true
	}
	switch g := g.(type) {
	case orb.Point:
		return b.Contains(g)
	case orb.MultiPoint:
		for _, p := range g {
			if b.Contains(p) {
				return true
			}
		}
		return false
	case orb.LineString:
		return lineHitsBound(g, b)
	case orb.MultiLineString:
		for _, l := range g {
			if lineHitsBound(l, b) {
				return true
			}
		}
		return false
	case orb.Ring:
		return polygonHitsBound(orb.Polygon{g}, b)
	case orb.Polygon:
		return polygonHitsBound(g, b)
	case orb.MultiPolygon:
		for _, p := range g {
			if polygonHitsBound(p, b) {
				return true
			}
		}
		return false
	}
	return Intersects(g, b)
}

// lineHitsBound reports whether any segment of l touches b.
func lineHitsBound(l orb.LineString, b orb.Bound) bool {
	if len(l) == 1 {
		return b.Contains(l[0])
	}
	for i := 0; i+1 < len(l); i++ {
		if segmentHitsBound(l[i], l[i+1], b) {
			return true
		}
	}
	return false
}

// segmentHitsBound clips segment p–q to b (Liang–Barsky) and reports
// whether anything is left.
func segmentHitsBound(p, q orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := q[0]-p[0], q[1]-p[1]
	for _, c := range [4][2]float64{{-dx, p[0] - b.Min[0]}, {dx, b.Max[0] - p[0]}, {-dy, p[1] - b.Min[1]}, {dy, b.Max[1] - p[1]}} {
		den, num := c[0], c[1]
		if den == 0 {
			if num < 0 {
				return false
			}
			continue
		}
		t := num / den
		if den < 0 {
			if t > t1 {
				return false
			}
			t0 = math.Max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = math.Min(t1, t)
		}
	}
	return t0 <= t1
}

// polygonHitsBound: a boundary segment touches b, or b lies inside p.
func polygonHitsBound(p orb.Polygon, b orb.Bound) bool {
	if len(p) == 0 || len(p[0]) == 0 {
		return false
	}
	for _, r := range p {
		n := len(r)
		for i := 0; i < n; i++ {
			j := i + 1
			if j == n {
				j = 0
			}
			if segmentHitsBound(r[i], r[j], b) {
				return true
			}
		}
	}
	// No edge touches the rectangle: it is wholly inside p or wholly out.
	return polygonContains(p, b.Min)
}

// RingHitsBound reports whether the area of the ring through pts (a
// polygon without holes) shares a point with b. Allocation-free; O(len(pts)).
func RingHitsBound(pts []orb.Point, b orb.Bound) bool {
	n := len(pts)
	if n == 0 {
		return false
	}
	for i := 0; i < n; i++ {
		j := i + 1
		if j == n {
			j = 0
		}
		if segmentHitsBound(pts[i], pts[j], b) {
			return true
		}
	}
	return RingContains(pts, b.Min)
}

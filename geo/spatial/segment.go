package spatial

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// orient returns the sign of the cross product (b−a)×(c−a): >0 when c is left
// of a→b, <0 when right, 0 when collinear.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// onSegment reports whether p lies on the closed segment a–b.
func onSegment(a, b, p orb.Point) bool {
	if orient(a, b, p) != 0 {
		return false
	}
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// SegmentsIntersect reports whether the closed segments a1–a2 and b1–b2 share
// at least one point (touching and collinear overlap count).
func SegmentsIntersect(a1, a2, b1, b2 orb.Point) bool {
	d1 := orient(b1, b2, a1)
	d2 := orient(b1, b2, a2)
	d3 := orient(a1, a2, b1)
	d4 := orient(a1, a2, b2)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(b1, b2, a1)) || (d2 == 0 && onSegment(b1, b2, a2)) ||
		(d3 == 0 && onSegment(a1, a2, b1)) || (d4 == 0 && onSegment(a1, a2, b2))
}

// segmentsCross reports whether the segments cross at a single interior point
// of both (a proper crossing: no touching, no collinear overlap).
func segmentsCross(a1, a2, b1, b2 orb.Point) bool {
	d1 := orient(b1, b2, a1)
	d2 := orient(b1, b2, a2)
	d3 := orient(a1, a2, b1)
	d4 := orient(a1, a2, b2)
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

// polygonContains is planar.PolygonContains guarded against empty rings.
func polygonContains(p orb.Polygon, pt orb.Point) bool {
	if len(p) == 0 || len(p[0]) == 0 {
		return false
	}
	for _, r := range p[1:] {
		if len(r) == 0 {
			return false
		}
	}
	return planar.PolygonContains(p, pt)
}

// ClosestOnLine returns the point of ls closest to p, its distance, and the
// fraction of ls's length at which it lies (0 at the start, 1 at the end).
// O(len(ls)). For an empty line it returns p, +Inf and 0.
func ClosestOnLine(ls orb.LineString, p orb.Point) (q orb.Point, dist, frac float64) {
	if len(ls) == 0 {
		return p, math.Inf(1), 0
	}
	if len(ls) == 1 {
		return ls[0], planar.Distance(ls[0], p), 0
	}
	best := math.Inf(1)
	var total, at float64
	for i := 0; i+1 < len(ls); i++ {
		a, b := ls[i], ls[i+1]
		seg := planar.Distance(a, b)
		t := 0.0
		if seg > 0 {
			t = ((p[0]-a[0])*(b[0]-a[0]) + (p[1]-a[1])*(b[1]-a[1])) / (seg * seg)
			t = math.Max(0, math.Min(1, t))
		}
		c := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
		if d := planar.Distance(c, p); d < best {
			best, q, at = d, c, total+t*seg
		}
		total += seg
	}
	if total > 0 {
		frac = at / total
	}
	return q, best, frac
}

// ClosestBetweenLines returns a point on a and a point on b that are closest
// to each other, and their distance (zero where the lines cross). O(|a|·|b|).
// For an empty line it returns +Inf.
func ClosestBetweenLines(a, b orb.LineString) (pa, pb orb.Point, dist float64) {
	dist = math.Inf(1)
	if len(a) == 1 {
		a = orb.LineString{a[0], a[0]}
	}
	if len(b) == 1 {
		b = orb.LineString{b[0], b[0]}
	}
	for i := 0; i+1 < len(a); i++ {
		for j := 0; j+1 < len(b); j++ {
			p, q, d := closestSegments(a[i], a[i+1], b[j], b[j+1])
			if d < dist {
				pa, pb, dist = p, q, d
			}
		}
	}
	return pa, pb, dist
}

// closestSegments returns the closest points of segments a1–a2 and b1–b2.
func closestSegments(a1, a2, b1, b2 orb.Point) (pa, pb orb.Point, dist float64) {
	if segmentsCross(a1, a2, b1, b2) {
		d1 := orient(b1, b2, a1)
		d2 := orient(b1, b2, a2)
		t := d1 / (d1 - d2)
		x := orb.Point{a1[0] + t*(a2[0]-a1[0]), a1[1] + t*(a2[1]-a1[1])}
		return x, x, 0
	}
	dist = math.Inf(1)
	try := func(p orb.Point, s1, s2 orb.Point, pOnA bool) {
		q, d, _ := ClosestOnLine(orb.LineString{s1, s2}, p)
		if d < dist {
			dist = d
			if pOnA {
				pa, pb = p, q
			} else {
				pa, pb = q, p
			}
		}
	}
	try(a1, b1, b2, true)
	try(a2, b1, b2, true)
	try(b1, a1, a2, false)
	try(b2, a1, a2, false)
	return pa, pb, dist
}

// LineDistance returns the distance from p to the line through pts (a closed
// ring when closed is true, joining the last point to the first), +Inf for
// no points. Allocation-free; O(len(pts)).
func LineDistance(pts []orb.Point, closed bool, p orb.Point) float64 {
	switch len(pts) {
	case 0:
		return math.Inf(1)
	case 1:
		return planar.Distance(pts[0], p)
	}
	best := math.Inf(1)
	for i := 0; i+1 < len(pts); i++ {
		best = math.Min(best, planar.DistanceFromSegmentSquared(pts[i], pts[i+1], p))
	}
	if closed {
		best = math.Min(best, planar.DistanceFromSegmentSquared(pts[len(pts)-1], pts[0], p))
	}
	return math.Sqrt(best)
}

// RingContains reports whether p lies inside or on the ring through pts
// (closed or not). Allocation-free; false for fewer than 3 points.
func RingContains(pts []orb.Point, p orb.Point) bool {
	if len(pts) < 3 {
		return false
	}
	return planar.RingContains(orb.Ring(pts), p)
}

package api

import (
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// simplifier is Douglas–Peucker line simplification with a tolerance in
// tile units. It keeps exactly the points that orb/simplify's
// DouglasPeucker keeps (same splitting order and tie-breaking; a test
// compares the two), but reuses its scratch space instead of allocating
// two slices per line, which on a busy tile were the larger part of all
// allocations.
//
// A simplifier is not safe for concurrent use.
type simplifier struct {
	tol2  float64 // squared tolerance
	keep  []bool
	stack []int
}

// simplify removes, in place, the points of pts that lie within the
// tolerance of the simplified line, always keeping the first and the last,
// and returns the kept points. O(n log n) typical, O(n²) worst case.
func (s *simplifier) simplify(pts []orb.Point) []orb.Point {
	n := len(pts)
	if n <= 2 {
		return pts
	}
	s.keep = slices.Grow(s.keep[:0], n)[:n]
	clear(s.keep)
	s.keep[0], s.keep[n-1] = true, true
	stack := append(s.stack[:0], 0, n-1)
	for len(stack) > 0 {
		start, end := stack[len(stack)-2], stack[len(stack)-1]
		maxD, maxI := 0.0, 0
		for i := start + 1; i < end; i++ {
			if d := planar.DistanceFromSegmentSquared(pts[start], pts[end], pts[i]); d > maxD {
				maxD, maxI = d, i
			}
		}
		if maxD > s.tol2 {
			s.keep[maxI] = true
			stack[len(stack)-1] = maxI
			stack = append(stack, maxI, end)
		} else {
			stack = stack[:len(stack)-2]
		}
	}
	s.stack = stack
	out := pts[:0]
	for i, k := range s.keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

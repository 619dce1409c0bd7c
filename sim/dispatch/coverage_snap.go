package dispatch

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// mainEdges marks the edges whose both ends lie in the largest strongly
// connected component of the road graph (closures ignored, turn
// restrictions not applied). Places snapped to other edges (road stubs
// cut by the extract's border, spurs that only lead out) could not be
// reached, or not left, so demand, calls and stations snap to these.
// O(n + m).
func mainEdges(g *Graph) []bool {
	m := g.NumEdges()
	from, to := make([]int32, m), make([]int32, m)
	for e := range m {
		_, f, t, _, _ := g.Edge(e)
		from[e], to[e] = int32(f), int32(t)
	}
	comp := components(g.NumNodes(), from, to)
	size := make([]int, g.NumNodes())
	best := int32(-1)
	for _, c := range comp {
		size[c]++
		if best < 0 || size[c] > size[best] {
			best = c
		}
	}
	ok := make([]bool, m)
	for e := range m {
		ok[e] = comp[from[e]] == best && comp[to[e]] == best
	}
	return ok
}

// snapMain is Graph.Snap restricted to the edges marked in ok: the
// nearest position to p on such an edge within maxDistM metres. Errors:
// ErrTooFar, ErrSnap for a non-finite point. O(log m) unless many nearer
// edges are excluded.
func snapMain(g *Graph, p orb.Point, maxDistM float64, ok []bool) (Snap, error) {
	if !finite(p[0]) || !finite(p[1]) {
		return Snap{}, fmt.Errorf("%w: point %v not finite", ErrSnap, p)
	}
	best, bestD := segRef{-1, -1}, math.Inf(1)
	g.snapIdx.tree.Nearby(
		func(mn, mx [2]float64, r segRef, item bool) float64 {
			if item {
				a, b := g.e.line[r.edge][r.seg], g.e.line[r.edge][r.seg+1]
				q, _ := nearestOnSegment(p, a, b)
				return sq(q[0]-p[0]) + sq(q[1]-p[1])
			}
			dx := max(mn[0]-p[0], 0, p[0]-mx[0])
			dy := max(mn[1]-p[1], 0, p[1]-mx[1])
			return dx*dx + dy*dy
		},
		func(_, _ [2]float64, r segRef, d float64) bool {
			if d > maxDistM*maxDistM {
				return false
			}
			if !ok[r.edge] {
				return true
			}
			best, bestD = r, d
			return false
		})
	if best.edge < 0 {
		return Snap{}, fmt.Errorf("%w: no connected road within %.1f m", ErrTooFar, maxDistM)
	}
	line := g.e.line[best.edge]
	q, t := nearestOnSegment(p, line[best.seg], line[best.seg+1])
	return Snap{
		Point: q, DistM: math.Sqrt(bestD), Edge: int(best.edge),
		Frac: lineFrac(line, int(best.seg), t), Reverse: int(g.e.rev[best.edge]), Node: -1,
	}, nil
}

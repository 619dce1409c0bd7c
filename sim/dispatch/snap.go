package dispatch

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Snap is a place on the road graph where a trip starts or ends: a point
// on an edge (from Graph.Snap) or a node (from Graph.SnapNode). A trip from
// a point on a two-way road may leave in either direction; a trip to it may
// arrive from either side.
type Snap struct {
	// Point is the position on the road, in the graph's CRS.
	Point orb.Point
	// DistM is the distance in metres from the point asked for to Point.
	DistM float64
	// Edge is the edge Point lies on, -1 for a node snap.
	Edge int
	// Frac is the position along Edge from its start, as a share of its
	// line's length, 0 … 1.
	Frac float64
	// Reverse is the edge running the other way along the same road part,
	// -1 when there is none (one-way roads, node snaps).
	Reverse int
	// Node is the node of a node snap, -1 for a point on an edge.
	Node int
}

// segRef names segment seg of edge edge in the snapping index.
type segRef struct{ edge, seg int32 }

// snapIndex is an R-tree over the segments of the edges; of two edges
// that run both ways along one road part only the first is indexed.
type snapIndex struct{ tree rtree.RTreeG[segRef] }

func (s *snapIndex) build(g *Graph) {
	for e, line := range g.e.line {
		if r := g.e.rev[e]; r >= 0 && int(r) < e {
			continue
		}
		for k := 1; k < len(line); k++ {
			a, b := line[k-1], line[k]
			s.tree.Insert([2]float64{min(a[0], b[0]), min(a[1], b[1])},
				[2]float64{max(a[0], b[0]), max(a[1], b[1])}, segRef{int32(e), int32(k - 1)})
		}
	}
}

// Snap returns the nearest position to p (the graph's CRS) on any edge,
// closed or open, within maxDistM metres. Where the road is two-way the
// Snap names both directions (Edge and Reverse).
//
// Errors: ErrTooFar when no edge lies within maxDistM (or the graph has no
// edges), ErrSnap for a non-finite p or a negative or NaN maxDistM
// (+Inf is allowed). O(log m) on the segment R-tree; safe for concurrent
// use.
func (g *Graph) Snap(p orb.Point, maxDistM float64) (Snap, error) {
	if math.IsNaN(p[0]+p[1]) || math.IsInf(p[0]+p[1], 0) {
		return Snap{}, fmt.Errorf("%w: point %v not finite", ErrSnap, p)
	}
	if !(maxDistM >= 0) {
		return Snap{}, fmt.Errorf("%w: max distance %v", ErrSnap, maxDistM)
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
			best, bestD = r, d
			return false
		})
	if best.edge < 0 || math.Sqrt(bestD) > maxDistM {
		return Snap{}, fmt.Errorf("%w: nearest road %.1f m away, limit %.1f m", ErrTooFar, math.Sqrt(bestD), maxDistM)
	}
	line := g.e.line[best.edge]
	q, t := nearestOnSegment(p, line[best.seg], line[best.seg+1])
	return Snap{
		Point: q, DistM: math.Sqrt(bestD), Edge: int(best.edge),
		Frac: lineFrac(line, int(best.seg), t), Reverse: int(g.e.rev[best.edge]), Node: -1,
	}, nil
}

// SnapNode returns the snap of node i: a trip from it may take any edge
// leaving the node, a trip to it may arrive by any edge. Error: ErrEdge
// when i is out of range. O(1).
func (g *Graph) SnapNode(i int) (Snap, error) {
	if i < 0 || i >= len(g.nodeID) {
		return Snap{}, fmt.Errorf("%w: node %d of %d", ErrEdge, i, len(g.nodeID))
	}
	return Snap{Point: g.nodePt[i], Edge: -1, Reverse: -1, Node: i}, nil
}

// EdgeSnap returns the snap at share frac (clamped to 0 … 1) along edge e.
// Error: ErrEdge when e is out of range.
func (g *Graph) EdgeSnap(e int, frac float64) (Snap, error) {
	if e < 0 || e >= len(g.e.id) {
		return Snap{}, fmt.Errorf("%w: edge %d of %d", ErrEdge, e, len(g.e.id))
	}
	if math.IsNaN(frac) {
		frac = 0
	}
	frac = min(max(frac, 0), 1)
	return Snap{Point: pointAt(g.e.line[e], frac), Edge: e, Frac: frac, Reverse: int(g.e.rev[e]), Node: -1}, nil
}

// check reports whether s could have come from this graph.
func (g *Graph) check(s Snap) error {
	switch {
	case s.Edge == -1 && s.Node >= 0 && s.Node < len(g.nodeID) && s.Reverse == -1:
		return nil
	case s.Node != -1 || s.Edge < 0 || s.Edge >= len(g.e.id):
		return fmt.Errorf("%w: edge %d, node %d", ErrSnap, s.Edge, s.Node)
	case !(s.Frac >= 0 && s.Frac <= 1):
		return fmt.Errorf("%w: frac %v", ErrSnap, s.Frac)
	case s.Reverse != int(g.e.rev[s.Edge]):
		return fmt.Errorf("%w: edge %d has reverse %d, not %d", ErrSnap, s.Edge, g.e.rev[s.Edge], s.Reverse)
	}
	return nil
}

func sq(x float64) float64 { return x * x }

// nearestOnSegment returns the point of segment ab nearest to p and its
// parameter t ∈ [0, 1] from a.
func nearestOnSegment(p, a, b orb.Point) (orb.Point, float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a, 0
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	t = min(max(t, 0), 1)
	return orb.Point{a[0] + t*dx, a[1] + t*dy}, t
}

// lineFrac returns the share of line's planar length before parameter t of
// segment seg.
func lineFrac(line orb.LineString, seg int, t float64) float64 {
	total, before := 0.0, 0.0
	for k := 1; k < len(line); k++ {
		l := math.Hypot(line[k][0]-line[k-1][0], line[k][1]-line[k-1][1])
		if k-1 < seg {
			before += l
		} else if k-1 == seg {
			before += t * l
		}
		total += l
	}
	if total == 0 {
		return 0
	}
	return min(max(before/total, 0), 1)
}

// pointAt returns the point at share f of line's planar length.
func pointAt(line orb.LineString, f float64) orb.Point {
	part := cutLine(line, f, f)
	return part[0]
}

// cutLine returns the part of line between shares f0 ≤ f1 of its planar
// length, as a new line of at least two points (equal when f0 = f1).
func cutLine(line orb.LineString, f0, f1 float64) orb.LineString {
	total := 0.0
	for k := 1; k < len(line); k++ {
		total += math.Hypot(line[k][0]-line[k-1][0], line[k][1]-line[k-1][1])
	}
	at := func(d float64) (orb.Point, int) { // point at distance d, its segment
		run := 0.0
		for k := 1; k < len(line); k++ {
			l := math.Hypot(line[k][0]-line[k-1][0], line[k][1]-line[k-1][1])
			if run+l >= d && l > 0 {
				t := min(max((d-run)/l, 0), 1)
				a, b := line[k-1], line[k]
				return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, k
			}
			run += l
		}
		return line[len(line)-1], len(line)
	}
	p0, k0 := at(f0 * total)
	p1, k1 := at(f1 * total)
	out := orb.LineString{p0}
	for k := k0; k < k1 && k < len(line); k++ {
		out = append(out, line[k])
	}
	return append(out, p1)
}

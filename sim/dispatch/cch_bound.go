package dispatch

import (
	"math"

	"github.com/paulmach/orb"
)

// Goal-directed pruning of the point-to-point query. The graph is in
// metres, so the straight-line distance between two vertices, divided by
// the fastest straight-line speed of any arc, is a lower bound of the
// cost between them: every arc's cost is at least its ends' distance over
// that speed, and distances obey the triangle inequality along a path.
// A walk then skips a vertex whose label plus the bound to the other
// end's nearest endpoint reaches the best path found, as A* would — on a
// million-node grid this drops most of the relaxations the walks make
// through the top separators after their first meeting. The bound is
// exact for the vertices of a shortest path (their labels are exact when
// processed), so no shortest path is lost.

// boundSlack shrinks the bound by more than the rounding of the sums it
// is made of, so it never exceeds an exact cost.
const boundSlack = 1 - 1e-9

// boundBucket is the number of edges whose fastest speed is kept as one
// value, so a cost change re-derives the graph's fastest speed from one
// bucket and the buckets' maxima instead of from every edge.
const boundBucket = 1024

// geoBound holds the vertex positions by rank and the bound's speed.
type geoBound struct {
	x, y   []float64 // position of rank r
	bucket []float64 // fastest speed per boundBucket edges
	maxV   float64   // largest arc distance over cost, metres per ms; +Inf turns the bound off
}

// initBound stores the positions by rank and takes the fastest arc.
func (c *cch) initBound(pts []orb.Point) {
	c.gb.x, c.gb.y = make([]float64, c.n), make([]float64, c.n)
	for v, p := range pts {
		r := c.rank[v]
		c.gb.x[r], c.gb.y[r] = p[0], p[1]
	}
	ne := len(c.g.e.id)
	c.gb.bucket = make([]float64, (ne+boundBucket-1)/boundBucket)
	for b := range c.gb.bucket {
		c.boundBucket(b)
	}
	c.gb.maxV = maxOf(c.gb.bucket)
}

// boundEdges re-derives the fastest speed after the costs of edges
// changed: exact, so a closed or slowed road that was the fastest stops
// weakening the bound, and a speed-up raises it.
func (c *cch) boundEdges(edges []int32) {
	last := -1
	for _, e := range edges { // usually few, often sorted: skip repeats
		if b := int(e) / boundBucket; b != last {
			c.boundBucket(b)
			last = b
		}
	}
	c.gb.maxV = maxOf(c.gb.bucket)
}

// boundBucket sets bucket b's fastest speed from its edges' current
// costs: the straight distance between an edge's ends over its cost
// (0-cost edges of positive length make it +Inf, closed ones count 0).
func (c *cch) boundBucket(b int) {
	rt := &c.g.rt
	v := 0.0
	for e := b * boundBucket; e < min((b+1)*boundBucket, len(c.g.e.id)); e++ {
		cost := c.g.e.cost[e]
		if cost >= inf {
			continue
		}
		a, h := c.rank[rt.tail[e]], c.rank[rt.head[e]]
		d := math.Hypot(c.gb.x[a]-c.gb.x[h], c.gb.y[a]-c.gb.y[h])
		switch {
		case d == 0:
		case cost == 0:
			v = math.Inf(1)
		default:
			v = max(v, d/float64(cost))
		}
	}
	c.gb.bucket[b] = v
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// goal is one walk's bound towards the other walk's endpoints (at most
// two are used; with more, or no usable speed, the bound is 0).
type goal struct {
	n      int
	x, y   [2]float64
	off    [2]float64
	perM   float64 // ms per metre
	bx, by []float64
}

// goalOf returns the bound towards ends.
func (c *cch) goalOf(ends []endpoint) goal {
	g := goal{bx: c.gb.x, by: c.gb.y}
	if c.gb.maxV <= 0 || math.IsInf(c.gb.maxV, 1) || len(ends) > 2 {
		return g
	}
	g.perM = boundSlack / c.gb.maxV
	for _, e := range ends {
		if e.off >= inf {
			continue
		}
		r := c.rank[e.v]
		g.x[g.n], g.y[g.n], g.off[g.n] = c.gb.x[r], c.gb.y[r], float64(e.off)
		g.n++
	}
	return g
}

// lb returns a lower bound of the cost from rank r to the goal (or from
// the goal to r: the bound is symmetric), in ms, +Inf when no endpoint
// is usable.
func (g *goal) lb(r int32) float64 {
	if g.perM == 0 {
		return 0
	}
	x, y := g.bx[r], g.by[r]
	b := math.Inf(1)
	for i := range g.n {
		dx, dy := x-g.x[i], y-g.y[i]
		b = min(b, math.Sqrt(dx*dx+dy*dy)*g.perM+g.off[i])
	}
	return b
}

package dispatch

import (
	"slices"

	"github.com/paulmach/orb"
)

// cch is a customizable contraction hierarchy over the routing graph
// (Dibbelt, Strasser, Wagner: "Customizable Contraction Hierarchies", ACM
// JEA 21, 2016). Its phases:
//
//   - order (metric-independent): nested dissection by inertial flow
//     (cch_order.go) ranks the vertices, separators last;
//   - contraction (metric-independent): eliminating the vertices in rank
//     order adds every shortcut any metric could need — the chordal
//     supergraph, each vertex's upper neighbours forming a clique — and
//     the elimination tree (parent = lowest upper neighbour);
//   - customization (per metric): every arc's weight in both directions
//     is the minimum of its input arcs and of its lower triangles, taken
//     bottom-up. A cost change re-customizes only the arcs it reaches
//     (update);
//   - perfect customization (per metric, cch_perfect.go): the exact
//     distance of every arc, top-down; queries search only the arcs whose
//     weight is that distance. A cost change repairs it top-down from the
//     arcs whose weights changed (repairPerfect);
//   - queries (cch_query.go): two walks up the elimination tree, pruned
//     by the best path found and a straight-line bound (cch_bound.go).
//
// Arrays are indexed by rank. Arc a joins its lower end (the rank whose
// range of upFirst holds a) to upHead[a]; fw[a] is the cost of travelling
// up it, bw[a] of travelling down. tri names, for each weight, the two
// arcs of the lower triangle that gives it (from its third vertex z to
// the arc's ends), or when the input arc gives it, its edge coded as
// -2-e in the first slot (-1: a turn arc): unpacking needs no search.
// fl[a] and bl[a] carry the length of the path that tri names (the input
// edge's length, or the sum of the triangle's two lengths), so a query
// sums a path's length over its search arcs without unpacking them.
type cch struct {
	g           *Graph
	n           int32
	rank        []int32 // routing vertex → rank
	vert        []int32 // rank → routing vertex
	parent      []int32 // elimination tree parent, -1 at roots
	upFirst     []int32
	upHead      []int32
	dnFirst     []int32 // arcs by upper end: lower ends and arc ids, ascending
	dnTail      []int32
	dnArc       []int32
	fw, bw      []uint32
	fl, bl      []float64 // per arc: length in metres of the path giving fw, bw
	tri         []int32   // per arc a: the lower triangle's arcs z–x, z–y giving fw (4a, 4a+1) and bw (4a+2, 4a+3), -1 when the input arc does
	inFirst     []int32   // per arc direction 2a (up) / 2a+1 (down): its input arcs
	inEdge      []int32   // their edges, -1 for turn arcs (cost 0)
	edgeDir     []int32   // per edge: its arc direction, -1 for loops
	pf, pb      []uint32  // per arc: exact distance up and down it (perfect customization)
	qf, qb      cchUp     // search graphs of the perfect customization (cch_perfect.go)
	perfectWork int       // triangle work of the last full perfect customization
	fullRepairs int       // updates that ran a full perfect customization
	gb          geoBound  // positions and fastest speed for the query's bound (cch_bound.go)
	workers     int
}

// newCCH orders, contracts and customizes the hierarchy for g.
func newCCH(g *Graph, workers int) *cch {
	c := &cch{g: g, n: g.rt.nv, workers: workers}
	pts := c.vertexPoints()
	c.vert = ndOrder(c.routingUGraph(), pts, workers)
	c.rank = make([]int32, c.n)
	for r, v := range c.vert {
		c.rank[v] = int32(r)
	}
	c.initBound(pts)
	c.contract()
	c.mapInput()
	c.customize()
	c.perfect()
	return c
}

func (c *cch) numArcs() int { return len(c.upHead) }

// routingUGraph is the routing graph without directions, loops or
// parallel arcs.
func (c *cch) routingUGraph() ugraph {
	lists := make([][]int32, c.n)
	rt := &c.g.rt
	for v := range c.n {
		for _, a := range rt.arcs[rt.first[v]:rt.first[v+1]] {
			lists[v] = append(lists[v], a.to)
		}
	}
	return newUGraph(int(c.n), lists)
}

// vertexPoints gives every routing vertex the position of its road node
// (the vertices of an expanded junction share it).
func (c *cch) vertexPoints() []orb.Point {
	pts := make([]orb.Point, c.n)
	copy(pts, c.g.nodePt)
	rt := &c.g.rt
	for e := range c.g.e.id {
		if t := rt.tail[e]; int(t) >= len(c.g.nodePt) {
			pts[t] = c.g.nodePt[c.g.e.from[e]]
		}
		if h := rt.head[e]; int(h) >= len(c.g.nodePt) {
			pts[h] = c.g.nodePt[c.g.e.to[e]]
		}
	}
	return pts
}

// contract builds the chordal supergraph in rank space: each vertex's
// upper neighbours, less the lowest (its parent), become the parent's
// upper neighbours too. O(shortcuts · log).
func (c *cch) contract() {
	n := int(c.n)
	up := make([][]int32, n)
	rt := &c.g.rt
	for v := range c.n {
		for _, a := range rt.arcs[rt.first[v]:rt.first[v+1]] {
			x, y := c.rank[v], c.rank[a.to]
			if x > y {
				x, y = y, x
			}
			if x != y {
				up[x] = append(up[x], y)
			}
		}
	}
	c.parent = make([]int32, n)
	c.upFirst = make([]int32, n+1)
	for r := range n {
		l := up[r]
		slices.Sort(l)
		l = slices.Compact(l)
		c.parent[r] = -1
		if len(l) > 0 {
			p := l[0]
			c.parent[r] = p
			up[p] = append(up[p], l[1:]...)
		}
		c.upHead = append(c.upHead, l...)
		c.upFirst[r+1] = int32(len(c.upHead))
		up[r] = nil
	}
	c.buildDown()
}

// buildDown indexes the arcs by their upper end, lower ends ascending.
func (c *cch) buildDown() {
	n := int(c.n)
	c.dnFirst = make([]int32, n+1)
	for _, h := range c.upHead {
		c.dnFirst[h+1]++
	}
	for r := range n {
		c.dnFirst[r+1] += c.dnFirst[r]
	}
	m := len(c.upHead)
	c.dnTail, c.dnArc = make([]int32, m), make([]int32, m)
	pos := slices.Clone(c.dnFirst[:n])
	for x := range n {
		for a := c.upFirst[x]; a < c.upFirst[x+1]; a++ {
			h := c.upHead[a]
			c.dnTail[pos[h]], c.dnArc[pos[h]] = int32(x), a
			pos[h]++
		}
	}
}

// arc returns the id of the arc between ranks x < y (which must exist).
func (c *cch) arc(x, y int32) int32 {
	l := c.upHead[c.upFirst[x]:c.upFirst[x+1]]
	i, _ := slices.BinarySearch(l, y)
	return c.upFirst[x] + int32(i)
}

// tail returns the lower end of arc a.
func (c *cch) tail(a int32) int32 {
	i, _ := slices.BinarySearch(c.upFirst, a+1)
	for c.upFirst[i] > a {
		i--
	}
	return int32(i)
}

// mapInput records, for each arc direction, the routing arcs it stands
// for, and for each edge its arc direction.
func (c *cch) mapInput() {
	rt := &c.g.rt
	dirs := make([][]int32, 2*len(c.upHead))
	c.edgeDir = make([]int32, len(c.g.e.id))
	for i := range c.edgeDir {
		c.edgeDir[i] = -1
	}
	for v := range c.n {
		for _, a := range rt.arcs[rt.first[v]:rt.first[v+1]] {
			x, y := c.rank[v], c.rank[a.to]
			if x == y {
				continue
			}
			d := int32(0)
			if x > y {
				x, y, d = y, x, 1
			}
			ad := 2*c.arc(x, y) + d
			dirs[ad] = append(dirs[ad], a.edge)
			if a.edge >= 0 {
				c.edgeDir[a.edge] = ad
			}
		}
	}
	c.inFirst, c.inEdge = csr(dirs)
}

// input returns the input weight of arc direction ad — the cheapest of
// its routing arcs under the current edge costs — and that arc coded for
// tri: -1 for a turn arc (cost 0) or no arc, -2-e for edge e (the first
// of the cheapest).
func (c *cch) input(ad int32) (uint32, int32) {
	w, code := uint32(inf), int32(-1)
	for _, e := range c.inEdge[c.inFirst[ad]:c.inFirst[ad+1]] {
		if e < 0 {
			return 0, -1
		}
		if ce := c.g.e.cost[e]; ce < w {
			w, code = ce, -2-e
		}
	}
	return w, code
}

// inputLength returns the length in metres of the input arc coded as
// input returns it: the edge's length, 0 for a turn arc or no arc.
func (c *cch) inputLength(code int32) float64 {
	if code <= -2 {
		return c.g.e.length[-2-code]
	}
	return 0
}

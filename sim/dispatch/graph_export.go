package dispatch

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// Arc is one arc of the routing graph, the graph every engine searches
// (see the package doc on turn restrictions): an edge, from the vertex its
// trips start at to the vertex they end at, or a zero-cost turn arc inside
// a junction expanded for turn restrictions.
type Arc struct {
	// Tail and Head are routing vertices (see NumVertices).
	Tail, Head int
	// Edge is the edge the arc travels, -1 for a turn arc.
	Edge int
	// CostMs is the current cost in whole milliseconds, exactly what the
	// router adds up; -1 when the edge is closed.
	CostMs int64
	// LengthM is the edge's length in metres (0 for a turn arc).
	LengthM float64
}

// NumVertices returns the number of vertices of the routing graph: the
// road nodes first (vertex i is road node i, the hub of an expanded
// junction), then the vertices added by expanding junctions for turn
// restrictions. Without restrictions it equals NumNodes.
func (g *Graph) NumVertices() int { return int(g.rt.nv) }

// NumArcs returns the number of arcs of the routing graph: one per edge,
// then the turn arcs of expanded junctions.
func (g *Graph) NumArcs() int { return len(g.rt.arcs) }

// VertexNode returns the road node routing vertex v stands at: v itself
// for v < NumNodes, else the junction it was split from. It panics if v is
// out of range, like a slice index. O(degree of v).
func (g *Graph) VertexNode(v int) int {
	if v < len(g.nodeID) {
		return v
	}
	rt := &g.rt
	if v >= int(rt.nv) {
		panic(fmt.Sprintf("dispatch: vertex %d of %d", v, rt.nv))
	}
	for _, a := range rt.arcs[rt.first[v]:rt.first[v+1]] {
		if a.edge >= 0 { // the leaving edge of an out-vertex
			return int(g.e.from[a.edge])
		}
	}
	for _, a := range rt.rarcs[rt.rfirst[v]:rt.rfirst[v+1]] {
		if a.edge >= 0 { // the approach edge of an in-vertex
			return int(g.e.to[a.edge])
		}
		if int(a.to) < len(g.nodeID) { // reached from the hub
			return int(a.to)
		}
	}
	return 0 // unreachable: every added vertex has an edge or the hub
}

// Arcs calls fn for every arc of the routing graph under the current
// costs, in a fixed order (by tail; within a tail, edges in input order,
// then turn arcs), with its index in that order, until fn returns false.
// The edges are in the order of their tails, so Arc.Edge, not the index,
// names the edge. O(arcs). Safe for concurrent use; fn must not call the
// Graph's update methods.
func (g *Graph) Arcs(fn func(i int, a Arc) bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	rt := &g.rt
	i := 0
	for v := range rt.nv {
		for _, a := range rt.arcs[rt.first[v]:rt.first[v+1]] {
			arc := Arc{Tail: int(v), Head: int(a.to), Edge: int(a.edge)}
			if a.edge >= 0 {
				arc.LengthM = g.e.length[a.edge]
				arc.CostMs = int64(g.e.cost[a.edge])
				if g.e.cost[a.edge] >= inf {
					arc.CostMs = -1
				}
			}
			if !fn(i, arc) {
				return
			}
			i++
		}
	}
}

// VertexRoute returns the fastest path from routing vertex from to routing
// vertex to, exactly as a shortest-path solver on the graph of Arcs finds
// it (pgRouting's pgr_dijkstra on an export of it, say). Unlike a route to
// SnapNode(i), a route to the hub of an expanded junction ends at the hub
// only: arrivals by restricted approaches end at their own vertices.
//
// Errors: ErrEdge for a vertex out of range, ErrUnreachable. Costs as
// Route; safe for concurrent use.
func (g *Graph) VertexRoute(from, to int) (Path, error) {
	cost, mid, err := g.vertexRoute(from, to)
	if err != nil {
		return Path{}, err
	}
	p := Path{CostS: seconds(cost), EndFrac: 1}
	for _, e := range mid {
		p.Edges = append(p.Edges, int(e))
		p.LengthM += g.e.length[e]
		p.Line = appendLine(p.Line, g.e.line[e])
	}
	if len(p.Line) == 0 { // within one junction
		pt := g.nodePt[g.VertexNode(from)]
		p.Line = orb.LineString{pt, pt}
	}
	return p, nil
}

// VertexCost is VertexRoute without the path: the cost in whole
// milliseconds and the length in metres, for batches of pairs. With the
// CCH engine the length is summed from per-arc lengths the customization
// carries, without unpacking the path: it equals VertexRoute's LengthM up
// to float64 rounding (the sums are grouped differently, so they may
// differ in the last bits, about 1e-15 relative). Errors as VertexRoute.
func (g *Graph) VertexCost(from, to int) (costMs int64, lengthM float64, err error) {
	if g.cch == nil {
		cost, mid, err := g.vertexRoute(from, to)
		if err != nil {
			return 0, 0, err
		}
		for _, e := range mid {
			lengthM += g.e.length[e]
		}
		return int64(cost), lengthM, nil
	}
	if err := g.checkVertices(from, to); err != nil || from == to {
		return 0, 0, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := g.getScratch()
	defer g.putScratch(s)
	src := []endpoint{{v: int32(from), edge: -1}}
	tgt := []endpoint{{v: int32(to), edge: -1}}
	cost, ti, lengthM := g.cch.routeLength(s, src, tgt, inf)
	if ti < 0 || cost >= inf {
		return 0, 0, fmt.Errorf("%w: from vertex %d to vertex %d", ErrUnreachable, from, to)
	}
	return int64(cost), lengthM, nil
}

// checkVertices reports ErrEdge unless both are routing vertices.
func (g *Graph) checkVertices(from, to int) error {
	nv := int(g.rt.nv)
	if from < 0 || from >= nv || to < 0 || to >= nv {
		return fmt.Errorf("%w: vertices %d, %d of %d", ErrEdge, from, to, nv)
	}
	return nil
}

// vertexRoute returns the cost and the edges of the fastest path between
// two routing vertices.
func (g *Graph) vertexRoute(from, to int) (uint32, []int32, error) {
	if err := g.checkVertices(from, to); err != nil {
		return 0, nil, err
	}
	if from == to {
		return 0, nil, nil
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := g.getScratch()
	defer g.putScratch(s)
	src := []endpoint{{v: int32(from), edge: -1}}
	tgt := []endpoint{{v: int32(to), edge: -1}}
	var (
		cost uint32
		ti   int
		mid  []int32
	)
	if g.cch != nil {
		cost, _, ti, mid = g.cch.route(s, src, tgt, inf)
		mid = slices.Clone(mid) // route's is scratch memory
	} else {
		cost, ti = g.dijkstraRoute(s, src, tgt, inf)
		if ti >= 0 {
			_, mid = g.dijkstraPath(s, src, tgt[0].v)
		}
	}
	if ti < 0 || cost >= inf {
		return 0, nil, fmt.Errorf("%w: from vertex %d to vertex %d", ErrUnreachable, from, to)
	}
	return cost, mid, nil
}

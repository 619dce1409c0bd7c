package traffic

import (
	"container/heap"

	"twin/geo/sumo"
)

// Router finds fastest routes between edges by expected travel time: each
// edge costs Length / Speed (s) at its speed limit, the cost SUMO's router
// uses on an empty network. Edges connect where some lane of one has a
// link to a lane of the next that the vehicle class may use. A Router is
// not safe for concurrent use (it reuses its buffers); make one per
// goroutine.
type Router struct {
	n     *Network
	succ  [][]int32 // per edge: successor edges (sorted, distinct)
	cost  []float64
	dist  []float64
	prev  []int32
	seen  []uint32
	epoch uint32
	q     edgeHeap
}

// NewRouter returns a router on n. O(links).
func NewRouter(n *Network) *Router {
	r := &Router{n: n, succ: make([][]int32, len(n.Edges)), cost: make([]float64, len(n.Edges)),
		dist: make([]float64, len(n.Edges)), prev: make([]int32, len(n.Edges)), seen: make([]uint32, len(n.Edges))}
	for ei := range n.Edges {
		e := &n.Edges[ei]
		r.cost[ei] = e.Length / max(e.Speed, 0.1)
		for _, li := range e.Lanes {
			for _, lk := range n.Lanes[li].Out {
				to := n.Lanes[n.Links[lk].To].Edge
				if to >= 0 && !containsInt32(r.succ[ei], to) {
					r.succ[ei] = append(r.succ[ei], to)
				}
			}
		}
	}
	return r
}

// Route returns the fastest edge sequence from edge from to edge to for
// class c (both ends included), and false when there is none. The cost of
// the first edge is counted, as SUMO does. O(E log E).
func (r *Router) Route(from, to int32, c sumo.Classes) ([]int32, bool) {
	if from == to {
		return []int32{from}, true
	}
	r.epoch++
	r.q = r.q[:0]
	r.visit(from, r.cost[from], -1)
	for r.q.Len() > 0 {
		it := heap.Pop(&r.q).(edgeItem)
		if it.d > r.dist[it.e] {
			continue
		}
		if it.e == to {
			return r.path(to), true
		}
		for _, s := range r.succ[it.e] {
			if !r.allowed(s, c) {
				continue
			}
			r.visit(s, it.d+r.cost[s], it.e)
		}
	}
	return nil, false
}

func (r *Router) visit(e int32, d float64, prev int32) {
	if r.seen[e] == r.epoch && d >= r.dist[e] {
		return
	}
	r.seen[e], r.dist[e], r.prev[e] = r.epoch, d, prev
	heap.Push(&r.q, edgeItem{e, d})
}

func (r *Router) path(to int32) []int32 {
	var p []int32
	for e := to; e >= 0; e = r.prev[e] {
		p = append(p, e)
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	return p
}

func (r *Router) allowed(e int32, c sumo.Classes) bool {
	for _, li := range r.n.Edges[e].Lanes {
		if allows(r.n.Lanes[li].Allow, c) {
			return true
		}
	}
	return false
}

type edgeItem struct {
	e int32
	d float64
}

type edgeHeap []edgeItem

func (h edgeHeap) Len() int { return len(h) }
func (h edgeHeap) Less(i, j int) bool {
	if h[i].d != h[j].d {
		return h[i].d < h[j].d
	}
	return h[i].e < h[j].e
}
func (h edgeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *edgeHeap) Push(x any)   { *h = append(*h, x.(edgeItem)) }
func (h *edgeHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// allows reports whether a lane open to classes allow may carry a vehicle
// of class c (0 and SUMO's "ignoring" class go everywhere).
func allows(allow, c sumo.Classes) bool {
	return c == 0 || c&sumo.ClassIgnoring != 0 || allow&c != 0
}

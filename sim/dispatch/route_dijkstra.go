package dispatch

// scratch is the per-query working memory: vertex labels that start and
// end at inf, so a query touches only what it reaches. Scratches live in
// Graph.pool; one goroutine uses one at a time.
type scratch struct {
	dist    []uint32
	parV    []int32 // vertex the label came from, -1 for a start vertex
	parE    []int32 // edge of that arc, -1 for a turn arc
	heap    vheap
	touched []int32
	tmark   []int32 // target vertex → index+1 into the caller's target list
	ch      cchScratch
}

func (g *Graph) getScratch() *scratch {
	if s, ok := g.pool.Get().(*scratch); ok {
		return s
	}
	n := int(g.rt.nv)
	s := &scratch{dist: make([]uint32, n), parV: make([]int32, n), parE: make([]int32, n),
		heap: newVHeap(n), tmark: make([]int32, n)}
	for i := range s.dist {
		s.dist[i] = inf
	}
	if g.cch != nil {
		s.ch = g.cch.newScratch()
	}
	return s
}

func (g *Graph) putScratch(s *scratch) {
	s.reset()
	g.pool.Put(s)
}

// reset returns the Dijkstra labels to inf.
func (s *scratch) reset() {
	for _, v := range s.touched {
		s.dist[v] = inf
	}
	s.touched = s.touched[:0]
	s.heap.clear()
}

// endpoint is where a search starts or ends: a vertex of the routing graph
// and the cost between it and the trip's true end (the part of the snapped
// edge to travel). edge is that snapped edge, -1 at a node.
type endpoint struct {
	v    int32
	off  uint32
	edge int32
	frac float64 // position along edge of the trip's end
}

// dijkstra runs a search from src over the routing graph, forward along
// the arcs or backward against them, with arc costs from g.e.cost. It
// calls settle for every vertex as its cost becomes final, in order of
// cost, and stops when settle returns false or the next cost exceeds
// bound. Labels stay in s until s.reset. O((n + m) log n) at worst.
func (g *Graph) dijkstra(s *scratch, src []endpoint, backward bool, bound uint32, settle func(v int32, d uint32) bool) {
	for _, e := range src {
		if e.off >= inf {
			continue
		}
		if s.dist[e.v] == inf {
			s.touched = append(s.touched, e.v)
		}
		if e.off < s.dist[e.v] {
			s.dist[e.v], s.parV[e.v], s.parE[e.v] = e.off, -1, -1
			s.heap.push(e.v, e.off)
		}
	}
	first, arcs := g.rt.first, g.rt.arcs
	if backward {
		first, arcs = g.rt.rfirst, g.rt.rarcs
	}
	cost := g.e.cost
	for s.heap.len() > 0 {
		if s.heap.minKey() > bound {
			return
		}
		u, d := s.heap.pop()
		if !settle(u, d) {
			return
		}
		for _, a := range arcs[first[u]:first[u+1]] {
			w := uint32(0)
			if a.edge >= 0 {
				w = cost[a.edge]
			}
			nd := add(d, w)
			if nd >= inf || nd >= s.dist[a.to] {
				continue
			}
			if s.dist[a.to] == inf {
				s.touched = append(s.touched, a.to)
			}
			s.dist[a.to], s.parV[a.to], s.parE[a.to] = nd, u, a.edge
			s.heap.push(a.to, nd)
		}
	}
}

// dijkstraRoute finds the cheapest way from any source endpoint to any
// target endpoint, starting at best (a direct cost found by the caller, or
// inf). It returns the cost and the target endpoint reached (-1 when
// nothing beat best); the path is in s's parent labels.
func (g *Graph) dijkstraRoute(s *scratch, src, tgt []endpoint, best uint32) (uint32, int) {
	at := -1
	g.dijkstra(s, src, false, inf-1, func(v int32, d uint32) bool {
		if d >= best {
			return false
		}
		for i, t := range tgt {
			if t.v == v {
				if c := add(d, t.off); c < best {
					best, at = c, i
				}
			}
		}
		return true
	})
	return best, at
}

// dijkstraMany fills out[i] with the cost between the one side's endpoints
// and each of the other side's endpoint lists: from src to every target
// (backward false), or from every target to src (backward true). Costs
// are inf where unreachable.
func (g *Graph) dijkstraMany(s *scratch, one []endpoint, many [][]endpoint, backward bool, out []uint32) {
	left := 0
	for i, list := range many {
		out[i] = inf
		for _, t := range list {
			if s.tmark[t.v] == 0 {
				left++
			}
			s.tmark[t.v]++
		}
	}
	g.dijkstra(s, one, backward, inf-1, func(v int32, _ uint32) bool {
		if s.tmark[v] > 0 {
			left--
		}
		return left > 0
	})
	for _, list := range many {
		for _, t := range list {
			s.tmark[t.v] = 0
		}
	}
	for i, list := range many {
		for _, t := range list {
			if d := s.dist[t.v]; d < inf {
				out[i] = min(out[i], add(d, t.off))
			}
		}
	}
}

package dispatch

import (
	"fmt"
	"math"
)

// Reach calls fn for every edge a trip from from can enter within limitS
// seconds under the current costs, in order of entry time: enterS is when
// the trip passes the edge's start and leaveS when it reaches its end,
// travel time being linear along the edge. leaveS may exceed limitS (the
// edge is then reached in part). For the edges the trip starts on, enterS
// is negative: the start point is passed at time 0. An edge is reported
// once per way of entering it: its start, and for the edges of from also
// the snapped point. Closed edges are never reported.
//
// Reach is what isochrones are drawn from. It runs a Dijkstra search
// bounded by limitS over the routing graph: O(k log k) for the k vertices
// within reach. fn must not call the Graph's update methods. Errors:
// ErrSnap, and ErrOptions for a NaN or negative limit. Safe for concurrent
// use.
func (g *Graph) Reach(from Snap, limitS float64, fn func(edge int, enterS, leaveS float64)) error {
	if err := g.check(from); err != nil {
		return err
	}
	if !(limitS >= 0) {
		return fmt.Errorf("%w: Reach limit %v s", ErrOptions, limitS)
	}
	bound := uint32(maxFinite)
	if limitS*1000 < maxFinite {
		bound = uint32(math.Floor(limitS * 1000))
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := g.getScratch()
	defer g.putScratch(s)
	src := g.sources(from, nil)
	for _, e := range src {
		if e.edge >= 0 { // the start point is passed at time 0: always within the limit
			c := g.e.cost[e.edge]
			fn(int(e.edge), seconds(e.off)-seconds(c), seconds(e.off))
		}
	}
	first, arcs, cost := g.rt.first, g.rt.arcs, g.e.cost
	g.dijkstra(s, src, false, bound, func(u int32, d uint32) bool {
		for _, a := range arcs[first[u]:first[u+1]] {
			if a.edge >= 0 && cost[a.edge] < inf {
				fn(int(a.edge), seconds(d), seconds(add(d, cost[a.edge])))
			}
		}
		return true
	})
	return nil
}

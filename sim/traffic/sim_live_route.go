package traffic

import (
	"slices"

	"twin/geo/sumo"
)

// filterSuccessors drops closed edges from the live router's successor
// lists, so its fastest paths avoid them. O(links).
func (s *Sim) filterSuccessors() {
	lv := s.live
	for e, succ := range lv.succ {
		if !slices.ContainsFunc(succ, func(x int32) bool { return lv.closed[x] }) {
			lv.router.succ[e] = succ
			continue
		}
		out := make([]int32, 0, len(succ))
		for _, x := range succ {
			if !lv.closed[x] {
				out = append(out, x)
			}
		}
		lv.router.succ[e] = out
	}
}

// usesClosed reports whether any edge of route is closed.
func (lv *liveState) usesClosed(route []int32) bool {
	return slices.ContainsFunc(route, func(e int32) bool { return lv.closed[e] })
}

// detour returns prefix followed by the fastest open path from the last
// edge of prefix to the route's destination, or false when there is none.
// cache memoises paths by (from, to) within one replanning.
func (s *Sim) detour(prefix []int32, dest int32, c sumo.Classes, cache map[[2]int32][]int32) ([]int32, bool) {
	from := prefix[len(prefix)-1]
	key := [2]int32{from, dest}
	p, ok := cache[key]
	if !ok {
		var found bool
		if p, found = s.live.router.Route(from, dest, c); !found {
			p = nil
		}
		cache[key] = p
	}
	if p == nil {
		return nil, false
	}
	if len(prefix) == 1 {
		return p, true // routes are only read: trips may share one
	}
	out := make([]int32, 0, len(prefix)-1+len(p))
	out = append(out, prefix[:len(prefix)-1]...)
	return append(out, p...), true
}

// replanTrips gives every trip not yet inserted its planned route, or a
// detour from its first edge where that route uses a closed edge further
// on. Trips with scheduled stops keep their planned route.
// O(trips · route + distinct detours · E log E).
func (s *Sim) replanTrips() {
	lv := s.live
	cache := map[[2]int32][]int32{}
	for ti := range s.trips {
		if s.rec[ti].state != 0 {
			continue
		}
		tr := &s.trips[ti]
		planned := lv.baseTrips[ti].Route
		tr.Route = planned
		if len(tr.Stops) > 0 || len(planned) < 2 || !lv.usesClosed(planned[1:]) {
			continue
		}
		if r, ok := s.detour(planned[:1], planned[len(planned)-1], s.types[tr.Type].class, cache); ok {
			tr.Route = r
		}
	}
}

// rerouteRunning reroutes the vehicles on the network whose route still
// uses a closed edge after the one they are on (or, inside a junction,
// the one they are entering), and returns how many it rerouted. Their
// link choices are made afresh on the new route. O(vehicles · route +
// distinct detours · E log E).
func (s *Sim) rerouteRunning() int {
	lv := s.live
	f := &s.f
	cache := map[[2]int32][]int32{}
	n := 0
	for v := range f.trip {
		ti := f.trip[v]
		if ti < 0 || f.lane[v] < 0 {
			continue
		}
		tr := &s.trips[ti]
		k := int(f.hop[v])
		inside := s.n.Lanes[f.lane[v]].Edge < 0
		if inside {
			k++ // committed to the edge after the junction
		}
		if len(tr.Stops) > 0 || k+1 >= len(tr.Route) || !lv.usesClosed(tr.Route[k+1:]) {
			continue
		}
		r, ok := s.detour(tr.Route[:k+1], tr.Route[len(tr.Route)-1], s.types[tr.Type].class, cache)
		if !ok {
			continue
		}
		tr.Route = r
		if !inside {
			f.link[v] = -1
		}
		f.aheadLane[v], f.aheadLink[v], f.wantFor[v] = -1, -1, -1
		n++
	}
	return n
}

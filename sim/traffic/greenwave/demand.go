package greenwave

import (
	"math"

	"twin/geo/sumo"
	"twin/sim/traffic"
)

// Route is a path through the network with the number of vehicles that
// take it.
type Route struct {
	// Edges are edge indices (Network.Edges) in driving order.
	Edges []int32
	// Vehicles is how many vehicles drive it (fractional when a route
	// distribution splits them).
	Vehicles float64
}

// Demand is the routed demand that weights a corridor: the routes of a
// SUMO route file with their vehicle counts, over a span of time.
type Demand struct {
	Routes []Route
	// Hours is the span of departures in hours (at least 1 s); counts
	// divided by it are flows in vehicles per hour.
	Hours float64
	// Unrouted counts vehicles and flows whose path is not in the file
	// (trips and flows given by origin and destination only) or uses an
	// edge the network lacks; they are left out.
	Unrouted int
}

// DemandFromSUMO counts the vehicles of decoded route files on their
// routes: each <vehicle> once, each <flow> by its number of vehicles
// (Number, or its span over Period, times VehsPerHour, or times
// Probability per second), a vehicle on a route distribution spread over
// its routes by their probabilities. The span runs from the first
// departure (or flow begin) to the last (or flow end). O(total route
// length).
func DemandFromSUMO(net *traffic.Network, d *sumo.Demand) *Demand {
	named := map[string][]int32{}
	bad := map[string]bool{}
	for _, r := range d.Routes {
		if e, ok := edgeIndices(net, r.Edges); ok {
			named[r.ID] = e
		} else {
			bad[r.ID] = true
		}
	}
	dists := map[string]sumo.RouteDist{}
	for _, rd := range d.RouteDists {
		dists[rd.ID] = rd
	}
	out := &Demand{}
	lo, hi := math.Inf(1), math.Inf(-1)
	add := func(route string, edges []string, n float64) {
		if n <= 0 {
			return
		}
		if len(edges) > 0 {
			if e, ok := edgeIndices(net, edges); ok {
				out.Routes = append(out.Routes, Route{e, n})
				return
			}
		} else if e, ok := named[route]; ok {
			out.Routes = append(out.Routes, Route{e, n})
			return
		} else if rd, ok := dists[route]; ok {
			total := 0.0
			for _, p := range rd.Probs {
				total += p
			}
			for k, r := range rd.Routes {
				if e, ok := named[r]; ok && total > 0 {
					out.Routes = append(out.Routes, Route{e, n * rd.Probs[k] / total})
				}
			}
			return
		}
		out.Unrouted++
	}
	for _, v := range d.Vehicles {
		lo, hi = math.Min(lo, v.Depart), math.Max(hi, v.Depart)
		add(v.Route, v.Edges, 1)
	}
	for _, f := range d.Flows {
		lo, hi = math.Min(lo, f.Begin), math.Max(hi, f.End)
		add(f.Route, f.Edges, flowCount(f))
	}
	out.Hours = 1
	if hi > lo {
		out.Hours = math.Max(hi-lo, 1) / 3600
	}
	return out
}

// flowCount returns the number of vehicles a flow inserts.
func flowCount(f sumo.Flow) float64 {
	span := math.Max(f.End-f.Begin, 0)
	n := 0.0
	switch {
	case f.Period > 0:
		n = math.Ceil(span / f.Period)
	case f.VehsPerHour > 0:
		n = span * f.VehsPerHour / 3600
	case f.Probability > 0:
		n = span * f.Probability
	}
	if f.Number > 0 && (n == 0 || float64(f.Number) < n) {
		n = float64(f.Number)
	}
	return n
}

func edgeIndices(net *traffic.Network, ids []string) ([]int32, bool) {
	e := make([]int32, len(ids))
	for k, id := range ids {
		i, ok := net.Edge(id)
		if !ok {
			return nil, false
		}
		e[k] = i
	}
	return e, true
}

// edgeCounts returns the number of vehicles on each edge.
func (d *Demand) edgeCounts(edges int) []float64 {
	c := make([]float64, edges)
	if d == nil {
		return c
	}
	for _, r := range d.Routes {
		for _, e := range r.Edges {
			c[e] += r.Vehicles
		}
	}
	return c
}

// legFlows returns, for each leg of the arterial in the given direction,
// the vehicles that drive it (on its first edge) and those among them that
// joined the corridor at the leg's start (their previous edge is not the
// corridor's through edge into that junction, or they departed on it).
// through[i] is the corridor edge entering the leg's first junction (−1
// when none).
func (d *Demand) legFlows(legs [][]int32, through []int32) (volume, joined []float64) {
	volume, joined = make([]float64, len(legs)), make([]float64, len(legs))
	first := map[int32]int{}
	for i, leg := range legs {
		first[leg[0]] = i
	}
	for _, r := range d.Routes {
		for k, e := range r.Edges {
			i, ok := first[e]
			if !ok {
				continue
			}
			volume[i] += r.Vehicles
			if k == 0 || r.Edges[k-1] != through[i] {
				joined[i] += r.Vehicles
			}
		}
	}
	return volume, joined
}

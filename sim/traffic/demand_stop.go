package traffic

import (
	"twin/geo/sumo"
)

// TripStop is a scheduled stop: the vehicle halts with its front at Pos
// (m from the lane start) on the edge Route[Hop] for Duration seconds.
// Time spent there is the trip's stop time, not waiting time or time loss
// (SUMO's definitions).
type TripStop struct {
	Hop           int
	Pos, Duration float64
}

// stops resolves a vehicle's <stop> elements (at bus stops or on lanes)
// onto its route, in order; a stop whose edge is not on the rest of the
// route is an error.
func (c *demandCompiler) stops(in []sumo.Stop, route []int32, line int) ([]TripStop, error) {
	var out []TripStop
	hop := 0
	for _, st := range in {
		laneID, end := st.Lane, st.EndPos
		if st.BusStop != "" {
			b, ok := c.busStops[st.BusStop]
			if !ok {
				return nil, errorf(ErrDemand, "line %d: unknown bus stop %q", st.Line, st.BusStop)
			}
			laneID, end = b.Lane, b.EndPos
		}
		li, ok := c.n.Lane(laneID)
		if !ok || c.n.Lanes[li].Edge < 0 {
			return nil, errorf(ErrDemand, "line %d: unknown stop lane %q", st.Line, laneID)
		}
		length := c.n.Lanes[li].Length
		switch {
		case end < 0 && end != -1:
			end = max(length+end, 0)
		case end < 0 || end > length:
			end = length
		}
		for hop < len(route) && route[hop] != c.n.Lanes[li].Edge {
			hop++
		}
		if hop == len(route) {
			return nil, errorf(ErrDemand, "line %d: stop on %s is not on the route (vehicle line %d)", st.Line, laneID, line)
		}
		out = append(out, TripStop{Hop: hop, Pos: end, Duration: max(st.Duration, 0)})
	}
	return out, nil
}

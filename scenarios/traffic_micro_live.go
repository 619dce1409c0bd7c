package scenarios

import (
	"fmt"
	"math"

	"twin/sim/traffic"
)

// MicroResult counts what reached sim/traffic's microsimulation from the
// rest of the run, and how its trips ended.
type MicroResult struct {
	// Closures and Reopenings count edge closures and reopenings from
	// events and flood; SpeedChanges the speed factor changes from flood.
	Closures     int `json:"closures"`
	Reopenings   int `json:"reopenings"`
	SpeedChanges int `json:"speed_changes"`
	// Rerouted counts running vehicles rerouted round closures.
	Rerouted int `json:"rerouted"`
	// Retimed counts signal program swaps from signal-plan events.
	Retimed int `json:"retimed_signals"`
	// Inserted, Arrived and Waiting count trips (Waiting: due but not
	// inserted, e.g. departing from a closed road); MeanTravelS is the
	// mean trip time of arrived trips, s.
	Inserted    int     `json:"inserted"`
	Arrived     int     `json:"arrived"`
	Waiting     int     `json:"waiting"`
	MeanTravelS float64 `json:"mean_travel_s"`
}

// microEdge is what the microsimulation was last told about a link.
type microEdge struct {
	closed bool
	factor float64
}

// sync tells the microsimulation the closures and speed factors that the
// timeline's events and the flood model put on the network n (its own
// traffic factors excluded, so it does not feed on itself). Only links
// whose state changed are sent. O(links).
func (m *microTraffic) sync(c *city, n *network) error {
	if m.sent == nil {
		m.sent = make([]microEdge, len(c.links))
		for i := range m.sent {
			m.sent[i].factor = 1
		}
	}
	ev, fl := sourceIndex(SourceEvent), sourceIndex(SourceFlood)
	for i, l := range c.links {
		ge, ok := n.edge[l.ID]
		e, ok2 := m.net.Edge(l.ID)
		if !ok || !ok2 {
			continue
		}
		want := microEdge{closed: n.closed[ev][ge] || n.closed[fl][ge], factor: n.factor[ev][ge] * n.factor[fl][ge]}
		if err := m.send(e, m.sent[i], want); err != nil {
			return fmt.Errorf("link %s: %w", l.ID, err)
		}
		m.sent[i] = want
	}
	return nil
}

// send applies one link's change of state to the simulation.
func (m *microTraffic) send(e int32, was, want microEdge) error {
	if want.factor != was.factor {
		if err := m.sim.SetSpeedFactor(e, math.Max(0.05, want.factor)); err != nil {
			return err
		}
		m.res.SpeedChanges++
	}
	switch {
	case want.closed && !was.closed:
		k, err := m.sim.CloseEdge(e)
		if err != nil {
			return err
		}
		m.res.Closures++
		m.res.Rerouted += k
	case !want.closed && was.closed:
		if _, err := m.sim.OpenEdge(e); err != nil {
			return err
		}
		m.res.Reopenings++
	}
	return nil
}

// retime puts a corridor plan on the microsimulation's signals at the
// corridor's junctions (those with a signal there): each keeps its own
// phases, rotated so that the first phase green for the corridor's road
// comes first; that phase lasts the plan's outbound green, the yellow
// phases keep their length, the others share the rest of the plan's cycle
// in proportion; and the offset puts the start of the corridor's green at
// the plan's offset plus its green start (SUMO's convention). Each swap
// takes effect at the start of the signal's next cycle.
func (m *microTraffic) retime(cm *corridorModel, plan string) error {
	po := cm.plans[plan]
	if po == nil {
		return nil
	}
	for i, id := range cm.res.Signals {
		nd, ok := m.net.Node(id)
		if !ok || m.net.Nodes[nd].Signal < 0 {
			continue
		}
		sig := m.net.Nodes[nd].Signal
		p, ok := corridorProgram(m.net, sig, m.sim.Program(sig), cm.links, po, i)
		if !ok {
			continue
		}
		if _, err := m.sim.SetProgram(sig, p); err != nil {
			return fmt.Errorf("signal %s: %w", id, err)
		}
		m.res.Retimed++
	}
	return nil
}

// corridorProgram builds signal sig's program for corridor signal i of
// plan po, from its current program cur; false when none of its phases is
// green for the corridor's links or the plan's cycle leaves no room.
func corridorProgram(net *traffic.Network, sig int32, cur traffic.Program, road map[string]bool, po *PlanOutcome, i int) (traffic.Program, bool) {
	var idx []int32 // state indices of the corridor's controlled links
	for _, li := range net.Signals[sig].Links {
		lk := &net.Links[li]
		if e := net.Lanes[lk.From].Edge; e >= 0 && road[net.Edges[e].ID] {
			idx = append(idx, lk.SignalIndex)
		}
	}
	first := -1
	for k, ph := range cur.Phases {
		if len(idx) > 0 && greenFor(ph.State, idx) {
			first = k
			break
		}
	}
	if first < 0 {
		return traffic.Program{}, false
	}
	n := len(cur.Phases)
	phases := make([]traffic.Phase, n)
	fixed, stretch := 0.0, 0.0
	for k := range phases {
		phases[k] = cur.Phases[(first+k)%n]
		switch {
		case k == 0:
		case yellowPhase(phases[k].State):
			fixed += phases[k].Duration
		default:
			stretch += phases[k].Duration
		}
	}
	g := po.GreenOut[i].Length
	rest := po.CycleS - g - fixed
	if !(g > 0) || rest <= 0 && stretch > 0 || rest < 0 {
		return traffic.Program{}, false
	}
	phases[0].Duration = g
	for k := 1; k < n; k++ {
		if !yellowPhase(phases[k].State) && stretch > 0 {
			phases[k].Duration *= rest / stretch
		}
	}
	off := math.Mod(po.OffsetsS[i]+po.GreenOut[i].Start, po.CycleS)
	return traffic.Program{ID: po.Plan, Type: "static", Offset: off, Phases: phases}, true
}

// greenFor reports whether every state index in idx is green (G or g).
func greenFor(state string, idx []int32) bool {
	for _, k := range idx {
		if int(k) >= len(state) || state[k] != 'G' && state[k] != 'g' {
			return false
		}
	}
	return true
}

// yellowPhase reports a phase with some yellow, which keeps its length.
func yellowPhase(state string) bool {
	for i := 0; i < len(state); i++ {
		if state[i] == 'y' || state[i] == 'Y' {
			return true
		}
	}
	return false
}

// summary fills the trip counts from the simulation.
func (m *microTraffic) summary() *MicroResult {
	sm := m.sim.Summary()
	r := m.res
	r.Inserted, r.Arrived, r.Waiting, r.MeanTravelS = sm.Inserted, sm.Arrived, sm.Waiting, round3(sm.MeanTravelTime)
	return &r
}

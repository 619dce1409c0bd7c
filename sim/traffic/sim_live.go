package traffic

import (
	"errors"
	"math"
	"slices"
)

// ErrLive marks a live change the simulation cannot make: an edge or
// signal index out of range, a speed factor that is not positive and
// finite, or a program that does not fit its signal.
var ErrLive = errors.New("traffic: invalid live change")

// liveState holds what live changes altered. It is nil until the first
// change, so a run without live changes is exactly the plain one.
type liveState struct {
	base      *Network  // the network New was given (read-only, shared)
	baseTrips []Trip    // the demand's trips as given (read-only, shared)
	closed    []bool    // per edge
	factor    []float64 // per edge: speed limit factor
	held      [][]int32 // per edge: due trips waiting for it to reopen
	swaps     []programSwap
	router    *Router
	succ      [][]int32 // the router's successor lists without closures
}

// programSwap is a program waiting to take over a signal at time at (s).
type programSwap struct {
	signal int32
	at     float64
	p      Program
}

// liveInit gives the simulation private copies of the network's edges,
// lanes and signals and of the trips, so live changes never reach the
// caller's Network or Demand. O(edges + lanes + signals + trips).
func (s *Sim) liveInit() *liveState {
	if s.live != nil {
		return s.live
	}
	c := *s.n
	c.Edges = slices.Clone(s.n.Edges)
	c.Lanes = slices.Clone(s.n.Lanes)
	c.Signals = slices.Clone(s.n.Signals)
	lv := &liveState{base: s.n, baseTrips: s.trips, closed: make([]bool, len(c.Edges)),
		factor: make([]float64, len(c.Edges)), held: make([][]int32, len(c.Edges))}
	for i := range lv.factor {
		lv.factor[i] = 1
	}
	s.n = &c
	s.trips = slices.Clone(s.trips)
	lv.router = NewRouter(s.n)
	lv.succ = lv.router.succ
	s.live = lv
	return lv
}

// EdgeClosed reports whether edge e is closed by [Sim.CloseEdge].
func (s *Sim) EdgeClosed(e int32) bool {
	return s.live != nil && e >= 0 && int(e) < len(s.live.closed) && s.live.closed[e]
}

// CloseEdge closes edge e from the current time on (the next step).
// Vehicles on it drive on. No vehicle is inserted on it: trips departing
// from it wait (counted as Summary.Waiting) until it reopens. Every other
// trip whose remaining route uses it is rerouted by the fastest path
// ([Router], at the current speed limits, avoiding closed edges): a
// running vehicle from the edge it is on (or, inside a junction, the edge
// it is entering), a trip not yet inserted from its first edge. A trip with
// scheduled stops, or with no way round, keeps its route. It returns how
// many running vehicles were rerouted, and an ErrLive error for an edge out
// of range. O(trips · route + reroutes · E log E).
func (s *Sim) CloseEdge(e int32) (int, error) {
	if e < 0 || int(e) >= len(s.n.Edges) {
		return 0, errorf(ErrLive, "edge index %d out of range", e)
	}
	lv := s.liveInit()
	if lv.closed[e] {
		return 0, nil
	}
	lv.closed[e] = true
	s.filterSuccessors()
	lv.held[e] = append(lv.held[e], s.backlog[e]...)
	s.backlog[e] = s.backlog[e][:0]
	s.replanTrips()
	return s.rerouteRunning(), nil
}

// OpenEdge reopens edge e from the current time on: the trips waiting to
// depart from it join its insertion queue, and trips not yet inserted
// return to their planned routes (rerouted again where those still use a
// closed edge). Running vehicles keep the routes they have. It returns the
// number of trips released, and an ErrLive error for an edge out of range.
// O(trips · route + reroutes · E log E).
func (s *Sim) OpenEdge(e int32) (int, error) {
	if e < 0 || int(e) >= len(s.n.Edges) {
		return 0, errorf(ErrLive, "edge index %d out of range", e)
	}
	if !s.EdgeClosed(e) {
		return 0, nil
	}
	lv := s.live
	lv.closed[e] = false
	s.filterSuccessors()
	released := len(lv.held[e])
	if released > 0 {
		if len(s.backlog[e]) == 0 && !slices.Contains(s.pending, e) {
			s.pending = append(s.pending, e)
		}
		s.backlog[e] = append(s.backlog[e], lv.held[e]...)
		lv.held[e] = nil
	}
	s.replanTrips()
	return released, nil
}

// SetSpeedFactor sets edge e's speed limits to factor times those of the
// network New was given, from the next step on (for example the
// depth–disruption factor of a flooded road). The router's cost of the
// edge follows. It returns an ErrLive error for an edge out of range or a
// factor that is not positive and finite. O(lanes of e).
func (s *Sim) SetSpeedFactor(e int32, factor float64) error {
	if e < 0 || int(e) >= len(s.n.Edges) {
		return errorf(ErrLive, "edge index %d out of range", e)
	}
	if !(factor > 0) || math.IsInf(factor, 0) {
		return errorf(ErrLive, "edge %s: speed factor %v", s.n.Edges[e].ID, factor)
	}
	lv := s.liveInit()
	lv.factor[e] = factor
	ed := &s.n.Edges[e]
	ed.Speed = lv.base.Edges[e].Speed * factor
	for _, li := range ed.Lanes {
		s.n.Lanes[li].Speed = lv.base.Lanes[li].Speed * factor
	}
	lv.router.cost[e] = ed.Length / max(ed.Speed, 0.1)
	return nil
}

// SetProgram replaces signal sig's program by p from the start of the
// running program's next cycle (now, when a cycle starts at the current
// time; the first step at or after it when that is not a whole second).
// From then on the signal runs p under SUMO's offset convention: phase 0
// starts at every t ≡ p.Offset (mod p's cycle). A second call before the
// swap replaces the program waiting, at the same time. It returns the
// swap time (s), and an ErrLive error for a signal out of range or a
// program whose states do not cover the signal's links. O(phases).
func (s *Sim) SetProgram(sig int32, p Program) (float64, error) {
	if sig < 0 || int(sig) >= len(s.n.Signals) {
		return 0, errorf(ErrLive, "signal index %d out of range", sig)
	}
	if err := p.check(s.n.Signals[sig].NumLinks); err != nil {
		return 0, errors.Join(ErrLive, err)
	}
	lv := s.liveInit()
	for i := range lv.swaps {
		if lv.swaps[i].signal == sig {
			lv.swaps[i].p = p
			return lv.swaps[i].at, nil
		}
	}
	old := &s.n.Signals[sig].Program
	at := s.t
	if c := old.Cycle(); c > 0 {
		k := math.Ceil((s.t-old.Offset)/c - 1e-9)
		at = old.Offset + k*c
	}
	lv.swaps = append(lv.swaps, programSwap{signal: sig, at: at, p: p})
	return at, nil
}

// Program returns the program signal sig runs now (after any live swap).
// It panics when sig is out of range.
func (s *Sim) Program(sig int32) Program { return s.n.Signals[sig].Program }

// liveSignals puts the programs whose swap time has come in force; it
// runs at the start of each step, before the signals switch.
func (s *Sim) liveSignals() {
	if s.live == nil || len(s.live.swaps) == 0 {
		return
	}
	keep := s.live.swaps[:0]
	for _, sw := range s.live.swaps {
		if sw.at > s.t+1e-9 {
			keep = append(keep, sw)
			continue
		}
		s.n.Signals[sw.signal].Program = sw.p
		s.phase[sw.signal] = -1
	}
	s.live.swaps = keep
}

// liveDepartures queues the trips whose departure has come, as insert
// does, but holds those departing from a closed edge; it runs just before
// insert.
func (s *Sim) liveDepartures() {
	if s.live == nil {
		return
	}
	for s.nextTrip < len(s.trips) && s.trips[s.nextTrip].Depart <= s.t {
		ti := int32(s.nextTrip)
		e := s.trips[ti].Route[0]
		switch {
		case s.live.closed[e]:
			s.live.held[e] = append(s.live.held[e], ti)
		default:
			if len(s.backlog[e]) == 0 && !slices.Contains(s.pending, e) {
				s.pending = append(s.pending, e)
			}
			s.backlog[e] = append(s.backlog[e], ti)
		}
		s.nextTrip++
	}
}

// EdgeSpeed returns edge e's speed limit now (m/s): the network's times
// its live speed factor. It panics when e is out of range.
func (s *Sim) EdgeSpeed(e int32) float64 { return s.n.Edges[e].Speed }

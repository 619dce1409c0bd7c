package traffic

import (
	"math"
	"runtime"
	"sync"
)

// Options configure a simulation run. The zero value (with End set) runs
// from 0 s on one goroutine with 300 s statistics intervals.
type Options struct {
	// Begin and End bound the simulated time (s); steps run at Begin,
	// Begin+1, …, End−1. End must exceed Begin.
	Begin, End float64
	// Seed seeds each vehicle's dawdling stream (Krauss sigma).
	Seed uint64
	// Workers is the number of goroutines that move lanes in parallel (0:
	// 1; negative: GOMAXPROCS). Results do not depend on it.
	Workers int
	// Interval is the length of the per-edge statistics intervals (s; 0:
	// 300).
	Interval float64
}

// Validate reports invalid options (wrapping ErrOptions).
func (o Options) Validate() error {
	if math.IsNaN(o.Begin) || math.IsNaN(o.End) || math.IsInf(o.Begin, 0) || math.IsInf(o.End, 0) || !(o.End > o.Begin) {
		return errorf(ErrOptions, "begin %v, end %v", o.Begin, o.End)
	}
	if o.Interval < 0 || math.IsNaN(o.Interval) {
		return errorf(ErrOptions, "interval %v", o.Interval)
	}
	return nil
}

// Sim is a running simulation: the network, the demand not yet inserted,
// and the vehicles on the road. Time advances by 1 s per [Sim.Step], in
// SUMO's order: signals switch, every vehicle plans its speed from the
// state at the start of the step (leaders, lanes ahead, signals), minor
// links decide right of way from the approaching vehicles, vehicles move
// and cross onto their next lanes (arriving at the end of their route),
// change lanes towards one that leads on along their route, and waiting
// vehicles are inserted. A Sim is not safe for concurrent use; Step itself
// runs lanes on Options.Workers goroutines.
type Sim struct {
	n     *Network
	opt   Options
	types []vtype
	trips []Trip
	rec   []tripRecord
	t     float64
	steps int64

	nextTrip int
	backlog  [][]int32 // per edge: trips waiting to depart, FIFO
	pending  []int32   // edges with a backlog, in order of first waiting trip

	f        fleet
	lanes    [][]int32 // vehicles on each lane, front first
	incoming [][]int32
	touched  []int32 // lanes with incoming vehicles
	active   []int32 // lanes with vehicles
	running  int

	linkState []byte
	viaLink   []int32 // per lane: the link an internal lane belongs to, else -1
	phase     []int32 // per signal: the phase its links' states were set for
	appr      []approach
	alt       []laneAlt // per lane: the first vehicle's speed if it must yield
	coop      []int32   // per lane: a vehicle waiting to change into it, or -1

	arrived      []int32 // trips in arrival order
	teleports    int
	vehicleSteps int64
	stats        edgeStats

	live *liveState // live changes (sim_live.go); nil when none

	workers int
	wg      sync.WaitGroup
	phases  [3]func(lanes []int32) // plan, yield, move (bound once)
}

// tripRecord is what the simulation records for one trip.
type tripRecord struct {
	state                              uint8 // 0 planned, 1 running, 2 arrived
	depart, departPos, departSpeed     float64
	arrival, arrivalPos, arrivalSpeed  float64
	departLane, arrivalLane            int32
	routeLength, waitingTime, timeLoss float64
	stopTime                           float64
	waitingCount                       int32
}

// New prepares a simulation of demand d on network n. It returns an
// ErrOptions error for invalid options and an ErrDemand error for a trip
// whose type may not use any lane of its first edge. O(trips + lanes).
func New(n *Network, d *Demand, opt Options) (*Sim, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.Interval == 0 {
		opt.Interval = 300
	}
	s := &Sim{n: n, opt: opt, trips: d.Trips, t: opt.Begin, rec: make([]tripRecord, len(d.Trips)),
		backlog: make([][]int32, len(n.Edges)), lanes: make([][]int32, len(n.Lanes)),
		incoming: make([][]int32, len(n.Lanes)), linkState: make([]byte, len(n.Links)),
		appr: make([]approach, len(n.Links)), alt: make([]laneAlt, len(n.Lanes)), coop: make([]int32, len(n.Lanes))}
	for i := range s.coop {
		s.coop[i] = -1
	}
	s.viaLink = make([]int32, len(n.Lanes))
	for i := range s.viaLink {
		s.viaLink[i] = -1
	}
	for i := range n.Links {
		s.linkState[i] = n.Links[i].State
		if v := n.Links[i].Via; v >= 0 {
			s.viaLink[v] = int32(i)
		}
	}
	s.phase = make([]int32, len(n.Signals))
	for i := range s.phase {
		s.phase[i] = -1
	}
	for i := range d.Types {
		s.types = append(s.types, newVType(&d.Types[i]))
	}
	for i := range d.Trips {
		if err := s.checkTrip(&d.Trips[i]); err != nil {
			return nil, err
		}
	}
	s.workers = opt.Workers
	if s.workers < 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	s.workers = max(s.workers, 1)
	s.stats.init(n, opt.Begin, opt.Interval)
	s.phases = [3]func([]int32){s.planLanes, s.yieldLanes, s.moveLanes}
	for i := range s.appr {
		s.appr[i].step = -1
	}
	return s, nil
}

// checkTrip rejects a trip that could never be inserted: an unknown type,
// an empty route, an edge index out of range, or a first edge with no
// lane its type may use (or without the lane it names).
func (s *Sim) checkTrip(tr *Trip) error {
	if tr.Type < 0 || int(tr.Type) >= len(s.types) || len(tr.Route) == 0 {
		return errorf(ErrDemand, "trip %s: bad type or empty route", tr.ID)
	}
	for _, e := range tr.Route {
		if e < 0 || int(e) >= len(s.n.Edges) {
			return errorf(ErrDemand, "trip %s: edge index %d out of range", tr.ID, e)
		}
	}
	if s.departLane(tr, &s.types[tr.Type]) < 0 {
		return errorf(ErrDemand, "trip %s: no lane of edge %s for its type or departLane", tr.ID, s.n.Edges[tr.Route[0]].ID)
	}
	return nil
}

// Time returns the time of the next step (s).
func (s *Sim) Time() float64 { return s.t }

// Done reports whether the simulation reached Options.End.
func (s *Sim) Done() bool { return s.t >= s.opt.End }

// Running returns the number of vehicles on the network.
func (s *Sim) Running() int { return s.running }

// Run steps until Options.End; progress, when not nil, is called after
// every step with the time reached (s).
func (s *Sim) Run(progress func(t float64)) {
	for !s.Done() {
		s.Step()
		if progress != nil {
			progress(s.t)
		}
	}
}

// Step advances the simulation by one 1 s step at the current time. O(vehicles
// + active lanes); on one worker it does not allocate once the buffers
// have grown (more workers start their goroutines each phase).
func (s *Sim) Step() {
	if s.Done() {
		return
	}
	s.liveSignals()
	s.updateSignals()
	s.collectActive()
	s.parallel(s.phases[0])
	s.parallel(s.phases[1])
	s.parallel(s.phases[2])
	s.transfer()
	s.changeLanes()
	s.teleport()
	s.liveDepartures()
	s.insert()
	s.vehicleSteps += int64(s.running)
	s.steps++
	s.t = s.opt.Begin + float64(s.steps)
	s.stats.roll(s.t, false)
}

// collectActive lists the lanes holding vehicles.
func (s *Sim) collectActive() {
	s.active = s.active[:0]
	for l := range s.lanes {
		if len(s.lanes[l]) > 0 {
			s.active = append(s.active, int32(l))
		}
	}
}

// parallel runs fn over chunks of the active lanes on the worker
// goroutines. fn must only write state owned by the lanes it is given.
func (s *Sim) parallel(fn func(lanes []int32)) {
	n := len(s.active)
	if s.workers == 1 || n < 64 {
		fn(s.active)
		return
	}
	chunk := (n + s.workers*4 - 1) / (s.workers * 4)
	var next int64
	var mu sync.Mutex
	take := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		lo := int(next)
		next += int64(chunk)
		return lo, min(lo+chunk, n)
	}
	s.wg.Add(s.workers)
	for range s.workers {
		go func() {
			defer s.wg.Done()
			for {
				lo, hi := take()
				if lo >= n {
					return
				}
				fn(s.active[lo:hi])
			}
		}()
	}
	s.wg.Wait()
}

// updateSignals sets every link's state for the current step.
func (s *Sim) updateSignals() {
	for si := range s.n.Signals {
		sg := &s.n.Signals[si]
		ph, _ := sg.Program.PhaseAt(s.t)
		if s.phase[si] == int32(ph) {
			continue
		}
		s.phase[si] = int32(ph)
		st := sg.Program.Phases[ph].State
		for _, li := range sg.Links {
			if k := int(s.n.Links[li].SignalIndex); k < len(st) {
				s.linkState[li] = st[k]
			}
		}
	}
}

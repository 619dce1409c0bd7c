package dispatch

import (
	"container/heap"
	"fmt"
	"math"
	"sort"
	"time"
)

// SimOptions configure a simulation run.
type SimOptions struct {
	// Start is the wall-clock time at t = 0; only reported, and its time
	// of day is what GenerateIncidents' StartHour should be.
	Start time.Time
	// DurationS is how long the run lasts, seconds (> 0).
	DurationS float64
	// Policy chooses units for calls.
	Policy PolicyOptions
	// Types are the incident types; nil means DefaultTypes.
	Types map[IncidentType]TypeSpec
	// TurnoutS is the time from dispatch until a unit at rest moves,
	// seconds (0: none; NFPA 1710 allows 60 s for EMS, 80 s for fire).
	// Units already driving (returning) leave at once.
	TurnoutS float64
	// NoRedispatch turns off re-dispatch: by default, when a unit becomes
	// free and would reach a call that another unit of its type is still
	// driving to at least RedispatchGainS sooner, it takes the call over
	// and the other unit turns back.
	NoRedispatch bool
	// RedispatchGainS is the least time a re-dispatch must save, seconds
	// (0: 60).
	RedispatchGainS float64
	// SampleS is the interval coverage is sampled at, seconds (0: 300).
	SampleS float64
	// MaxSnapM is how far an incident or station may lie from a road,
	// metres (0: 500).
	MaxSnapM float64
	// Changes are closures and speed changes applied during the run
	// through Graph.Apply; units on the road are rerouted at once.
	Changes []TimedChange
}

// TimedChange is a batch of graph changes at a time in the run.
type TimedChange struct {
	// AtS is when, seconds from the start.
	AtS float64
	// Changes are applied together with Graph.Apply.
	Changes []Change
}

// Validate checks every field and returns ErrOptions otherwise.
func (o SimOptions) Validate() error {
	if !(o.DurationS > 0) || math.IsInf(o.DurationS, 0) {
		return fmt.Errorf("%w: DurationS %v", ErrOptions, o.DurationS)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"TurnoutS", o.TurnoutS}, {"RedispatchGainS", o.RedispatchGainS}, {"SampleS", o.SampleS}, {"MaxSnapM", o.MaxSnapM}} {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%w: %s %v", ErrOptions, f.name, f.v)
		}
	}
	types := make([]IncidentType, 0, len(o.Types))
	for t := range o.Types {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	for _, t := range types {
		s := o.Types[t]
		if len(s.Needs) == 0 || !(s.OnSceneS >= 0) || math.IsInf(s.OnSceneS, 0) {
			return fmt.Errorf("%w: incident type %q needs units and a finite time on scene", ErrOptions, t)
		}
	}
	for _, c := range o.Changes {
		if !(c.AtS >= 0) || math.IsInf(c.AtS, 0) {
			return fmt.Errorf("%w: change at %v s", ErrOptions, c.AtS)
		}
	}
	return o.Policy.Validate()
}

func (o SimOptions) withDefaults() SimOptions {
	if o.Types == nil {
		o.Types = DefaultTypes()
	}
	if o.RedispatchGainS == 0 {
		o.RedispatchGainS = 60
	}
	if o.SampleS == 0 {
		o.SampleS = 300
	}
	if o.MaxSnapM == 0 {
		o.MaxSnapM = 500
	}
	o.Policy = o.Policy.withDefaults()
	return o
}

// Sim is the event-driven dispatch simulator. Calls come in, the policy
// sends units, units drive their exact fastest routes (position
// interpolated along them in time), stay on scene, drive home; closures
// reroute units on the road. Available units at rest count toward
// coverage (and MEXCLP's losses); returning units can be sent but cover
// nothing until they are home. It never reads the clock: time advances only
// through AdvanceTo and Run, in seconds from the start. The same inputs
// give the same results, bit for bit. A Sim is not safe for concurrent
// use; it changes its Graph's costs when Changes are due.
//
// Costs: a call costs one ManyToOne over the dispatchable units of each
// type it needs plus one Route per unit sent; a freed unit one Route per
// unit of its type still driving (re-dispatch); a coverage sample
// O(units × demand points) over times cached per position; a closure one
// Route per unit on the road.
type Sim struct {
	g       *Graph
	cov     *Coverage
	disp    *Dispatcher
	dispT   map[UnitType]*Dispatcher // per unit type, with its own MEXCLP q (busy.go)
	opt     SimOptions
	now     float64
	seq     uint64
	events  eventQueue
	st      []Station
	homes   []Snap
	units   []unitRun
	byID    map[string]int
	inc     []incRun
	incID   map[string]bool
	pending []needRef
	types   []UnitType // unit types in the fleet, sorted
	busy    *busyTally // offered load, when q is estimated
	rec     record
}

// needRef names one unit an incident needs.
type needRef struct{ inc, need int }

// unitRun is a unit's running state.
type unitRun struct {
	Unit
	status Status
	at     Snap  // position while at rest or on scene
	tr     *trip // while en route or returning
	job    needRef
	gen    int
	busyAt float64 // when it last left Available
	busyS  float64 // seconds not Available so far
	trips  int
}

// incRun is an incident's running state.
type incRun struct {
	Incident
	snap    Snap
	spec    TypeSpec
	unit    []int     // unit per need, -1 when none assigned
	arrived []float64 // arrival per need, -1 before
	first   float64   // first arrival, -1 before
	placed  bool
}

// NewSim returns a simulator on g with the demand of cov, the stations
// and the units (all available at their stations at t = 0). Errors:
// ErrOptions, ErrUnit, and ErrTooFar for a station farther than MaxSnapM
// from a road.
func NewSim(g *Graph, cov *Coverage, stations []Station, units []Unit, opt SimOptions) (*Sim, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := checkFleet(stations, units); err != nil {
		return nil, err
	}
	estimateQ := opt.Policy.Kind == MEXCLP && opt.Policy.BusyQ == 0
	opt = opt.withDefaults()
	disp, err := NewDispatcher(g, cov, opt.Policy)
	if err != nil {
		return nil, err
	}
	s := &Sim{g: g, cov: cov, disp: disp, opt: opt, st: stations, byID: map[string]int{}, incID: map[string]bool{}}
	for _, st := range stations {
		sn, err := cov.d.Snap(g, st.Point, opt.MaxSnapM)
		if err != nil {
			return nil, fmt.Errorf("station %s: %w", st.ID, err)
		}
		s.homes = append(s.homes, sn)
	}
	seen := map[UnitType]bool{}
	for i, u := range units {
		s.units = append(s.units, unitRun{Unit: u, status: Available, at: s.homes[u.Station], job: needRef{-1, -1}})
		s.byID[u.ID] = i
		if !seen[u.Type] {
			seen[u.Type] = true
			s.types = append(s.types, u.Type)
		}
	}
	sort.Slice(s.types, func(i, j int) bool { return s.types[i] < s.types[j] })
	if estimateQ {
		if err := s.initBusy(); err != nil {
			return nil, err
		}
	}
	for i, c := range opt.Changes {
		s.push(c.AtS, evChange, i, 0)
	}
	for t := 0.0; t <= opt.DurationS; t += opt.SampleS {
		s.push(t, evSample, 0, 0)
	}
	return s, nil
}

// Now returns the simulation clock, seconds from the start.
func (s *Sim) Now() float64 { return s.now }

// AddIncident schedules a call. Errors: ErrIncident for an unknown type,
// a duplicate ID, a time before Now, or a place farther than MaxSnapM
// from a road.
func (s *Sim) AddIncident(in Incident) error {
	if err := checkIncident(in, s.opt.Types); err != nil {
		return err
	}
	if s.incID[in.ID] || in.ID == "" {
		return fmt.Errorf("%w: duplicate or empty ID %q", ErrIncident, in.ID)
	}
	if in.TimeS < s.now {
		return fmt.Errorf("%w: %s at %v s is before the clock (%v s)", ErrIncident, in.ID, in.TimeS, s.now)
	}
	sn, err := s.cov.d.Snap(s.g, in.Point, s.opt.MaxSnapM)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrIncident, in.ID, err)
	}
	spec := s.opt.Types[in.Type]
	r := incRun{Incident: in, snap: sn, spec: spec, first: -1}
	for range spec.Needs {
		r.unit = append(r.unit, -1)
		r.arrived = append(r.arrived, -1)
	}
	s.incID[in.ID] = true
	s.inc = append(s.inc, r)
	s.tallyBusy(in, spec)
	s.push(in.TimeS, evCall, len(s.inc)-1, 0)
	return nil
}

// Run adds the incidents (in time order, then ID), runs to DurationS and
// returns the result. Errors: those of AddIncident and AdvanceTo.
func (s *Sim) Run(incidents []Incident) (*Result, error) {
	in := append([]Incident(nil), incidents...)
	sortIncidents(in)
	for _, x := range in {
		if err := s.AddIncident(x); err != nil {
			return nil, err
		}
	}
	if err := s.AdvanceTo(s.opt.DurationS); err != nil {
		return nil, err
	}
	return s.Result(), nil
}

// AdvanceTo processes every event up to time t (seconds from the start)
// and sets the clock to t; unit positions in between are interpolated
// (Units). Errors: ErrOptions for t before Now or NaN; errors of the
// graph's queries.
func (s *Sim) AdvanceTo(t float64) error {
	if !(t >= s.now) {
		return fmt.Errorf("%w: advance to %v s, clock at %v s", ErrOptions, t, s.now)
	}
	for s.events.Len() > 0 && s.events.items[0].t <= t {
		ev := heap.Pop(&s.events).(event)
		s.now = ev.t
		if err := s.handle(ev); err != nil {
			return err
		}
	}
	s.now = t
	return nil
}

package greenwave

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"twin/sim/traffic"
)

// ErrTune reports a tuning that cannot run: no trips, no candidate cycle,
// or a plan the network refuses.
var ErrTune = errors.New("greenwave: cannot tune")

// TuneOptions configure Tune. The zero value tries the whole cycles 5 s
// apart between the shortest and the longest current cycle of the
// corridor's signals (±25 % of the cycle when they all run the same one),
// one seed, a stop penalty of 10 s and a 1 % network tolerance.
type TuneOptions struct {
	// Options are the solver options used at every candidate cycle;
	// CycleMin and CycleMax bound the candidates (zero: see above) and
	// CycleStep spaces them (zero: 5 s). Every signal's current cycle
	// inside the bounds is a candidate too, so the default plan (the
	// longest current cycle) is always compared when it is in range.
	Options
	// Seeds seed the microsimulation's driver imperfection; every
	// candidate runs once per seed and its figures pool the trips of all
	// runs. Empty means {1}.
	Seeds []uint64
	// End stops each run (s); zero means one hour after the last
	// departure. Trips not arrived by then are counted as unfinished.
	End float64
	// StopPenalty is the cost of one stop in seconds of travel time in the
	// objective (what a stop costs beyond its delay: fuel, wear, comfort);
	// zero means 10 s, a round figure rather than a calibrated one, and
	// negative means none.
	StopPenalty float64
	// NetworkTolerance rejects a candidate whose mean travel time over all
	// vehicles exceeds the lowest among the candidates by more than this
	// fraction; zero means 0.01, negative means no limit.
	NetworkTolerance float64
	// Workers bounds the runs going at once; zero or negative means
	// GOMAXPROCS. Results do not depend on it.
	Workers int
	// Progress, when not nil, is called after each run with the runs
	// finished and their total; calls are serialised.
	Progress func(done, total int)
}

// Validate reports whether the options are usable. Errors wrap ErrOptions.
func (o TuneOptions) Validate() error {
	if err := o.Options.Validate(); err != nil {
		return err
	}
	switch {
	case o.CycleStep < 0:
		return fmt.Errorf("%w: CycleStep %g s must be > 0", ErrOptions, o.CycleStep)
	case math.IsNaN(o.End) || math.IsInf(o.End, 0) || o.End < 0:
		return fmt.Errorf("%w: End %g s must be finite and ≥ 0", ErrOptions, o.End)
	case math.IsNaN(o.StopPenalty) || math.IsInf(o.StopPenalty, 0):
		return fmt.Errorf("%w: StopPenalty must be finite", ErrOptions)
	case math.IsNaN(o.NetworkTolerance) || math.IsInf(o.NetworkTolerance, 0):
		return fmt.Errorf("%w: NetworkTolerance must be finite", ErrOptions)
	}
	return nil
}

func (o TuneOptions) defaults() TuneOptions {
	if len(o.Seeds) == 0 {
		o.Seeds = []uint64{1}
	}
	if o.CycleStep == 0 {
		o.CycleStep = 5
	}
	if o.StopPenalty == 0 {
		o.StopPenalty = 10
	}
	o.StopPenalty = math.Max(o.StopPenalty, 0)
	if o.NetworkTolerance == 0 {
		o.NetworkTolerance = 0.01
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// Score is what the microsimulation measured over a set of vehicles,
// pooled over the seeds: the vehicles that arrived, their mean travel
// time (arrival − insertion, s) and mean number of stops (SUMO's
// waitingCount).
type Score struct {
	Vehicles   int     `json:"vehicles"`
	TravelTime float64 `json:"travel_time_s"`
	Stops      float64 `json:"stops"`
}

// Candidate is one common cycle tried by Tune.
type Candidate struct {
	// Cycle is the common cycle in seconds.
	Cycle float64 `json:"cycle_s"`
	// Plan is MAXBAND's plan at the cycle; nil when Err is set.
	Plan *Plan `json:"-"`
	// Err says why the cycle has no plan (the programs cannot run at it).
	Err string `json:"error,omitempty"`
	// Corridor scores the vehicles that drive through at least two of
	// the corridor's signals, Network all vehicles.
	Corridor Score `json:"corridor"`
	Network  Score `json:"network"`
	// Unfinished counts the trips (over all seeds) not arrived at End.
	Unfinished int `json:"unfinished"`
	// Objective is Corridor.TravelTime + StopPenalty·Corridor.Stops (s).
	Objective float64 `json:"objective_s"`
	// Rejected says why the candidate may not be chosen; empty if it may.
	Rejected string `json:"rejected,omitempty"`
}

// Tuning is the outcome of Tune.
type Tuning struct {
	// Candidates in ascending cycle.
	Candidates []Candidate `json:"candidates"`
	// Best indexes the chosen candidate, Default the one at the longest
	// current cycle (the plan Solve gives with zero cycle bounds; −1 when
	// it is out of range).
	Best    int `json:"best"`
	Default int `json:"default"`
	// Current scores the network's own programs, for reference.
	Current    Candidate `json:"current"`
	Seeds      []uint64  `json:"seeds"`
	StopWeight float64   `json:"stop_penalty_s"`
	Tolerance  float64   `json:"network_tolerance"`
}

// Plan returns the chosen plan.
func (t *Tuning) Plan() *Plan { return t.Candidates[t.Best].Plan }

// Tune picks the common cycle of a corridor by microsimulation. For each
// candidate cycle (TuneOptions) it solves MAXBAND at that cycle (Solve),
// gives the plan's programs (Plan.TLLogics, as SUMO would load them) to
// the network's copy (traffic.Network.WithPrograms) and runs the demand in
// traffic.Sim once per seed. A candidate is rejected when the plan cannot
// run at its cycle, when it leaves more trips unfinished than the fewest
// any candidate leaves, or when its mean travel time over all vehicles
// exceeds the lowest candidate's by more than NetworkTolerance (the side
// streets are not sacrificed to the corridor). Among the others it keeps
// the one with the lowest Objective: the corridor vehicles' mean travel
// time plus StopPenalty seconds per mean stop; ties go to the shorter
// cycle. The corridor vehicles are those whose route drives through
// junctions of at least two of the corridor's signals.
//
// Runs go on Workers goroutines at once, each simulation on one; the
// result is the same for any worker count. It returns ctx's error when
// cancelled, errors wrapping ErrOptions, ErrCorridor or ErrTune otherwise.
// O(candidates · seeds · simulation).
func Tune(ctx context.Context, net *traffic.Network, c *Corridor, d *traffic.Demand, opt TuneOptions) (*Tuning, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if d == nil || len(d.Trips) == 0 {
		return nil, fmt.Errorf("%w: no trips to simulate (routes needed)", ErrTune)
	}
	opt = opt.defaults()
	onCorridor, err := corridorTrips(net, c, d)
	if err != nil {
		return nil, err
	}
	cycles := candidateCycles(c, opt.Options)
	if len(cycles) == 0 {
		return nil, fmt.Errorf("%w: no candidate cycle in %g–%g s", ErrTune, opt.CycleMin, opt.CycleMax)
	}
	if opt.End == 0 {
		opt.End = d.Trips[len(d.Trips)-1].Depart + 3600
	}
	t := &Tuning{Default: -1, Seeds: opt.Seeds, StopWeight: opt.StopPenalty, Tolerance: opt.NetworkTolerance}
	longest := longestCycle(c)
	for _, cyc := range cycles {
		cand := Candidate{Cycle: cyc}
		o := opt.Options
		o.CycleMin, o.CycleMax = cyc, cyc
		if p, err := Solve(c, o); err != nil {
			cand.Err = err.Error()
		} else {
			cand.Plan = p
		}
		if math.Abs(cyc-longest) < 1e-9 {
			t.Default = len(t.Candidates)
		}
		t.Candidates = append(t.Candidates, cand)
	}
	if err := t.simulate(ctx, net, d, onCorridor, opt); err != nil {
		return nil, err
	}
	t.choose()
	if t.Best < 0 {
		return nil, fmt.Errorf("%w: cycles %g–%g s", ErrInfeasible, cycles[0], cycles[len(cycles)-1])
	}
	return t, nil
}

// candidateCycles lists the cycles to try, ascending and distinct.
func candidateCycles(c *Corridor, o Options) []float64 {
	lo, hi := o.CycleMin, o.CycleMax
	short, long := math.Inf(1), 0.0
	for i := range c.Signals {
		short, long = math.Min(short, c.Signals[i].Cycle()), math.Max(long, c.Signals[i].Cycle())
	}
	if lo == 0 && hi == 0 && short == long {
		lo, hi = math.Round(0.75*short), math.Round(1.25*long)
	}
	if lo == 0 {
		lo = math.Min(short, hi)
	}
	if hi == 0 {
		hi = math.Max(long, lo)
	}
	var cycles []float64
	for k := 0; ; k++ {
		cyc := lo + float64(k)*o.CycleStep
		if cyc > hi+1e-9 {
			break
		}
		cycles = append(cycles, cyc)
	}
	for i := range c.Signals {
		if cyc := c.Signals[i].Cycle(); cyc >= lo-1e-9 && cyc <= hi+1e-9 {
			cycles = append(cycles, cyc)
		}
	}
	slices.Sort(cycles)
	return slices.CompactFunc(cycles, func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })
}

func longestCycle(c *Corridor) float64 {
	long := 0.0
	for i := range c.Signals {
		long = math.Max(long, c.Signals[i].Cycle())
	}
	return long
}

// choose applies the rejection rules and picks the best candidate.
func (t *Tuning) choose() {
	minNet, minLeft := math.Inf(1), math.MaxInt
	for i := range t.Candidates {
		if cd := &t.Candidates[i]; cd.Err == "" {
			minLeft = min(minLeft, cd.Unfinished)
		}
	}
	for i := range t.Candidates {
		if cd := &t.Candidates[i]; cd.Err == "" && cd.Unfinished == minLeft {
			minNet = math.Min(minNet, cd.Network.TravelTime)
		}
	}
	t.Best = -1
	for i := range t.Candidates {
		cd := &t.Candidates[i]
		switch {
		case cd.Err != "":
			cd.Rejected = "no plan"
		case cd.Unfinished > minLeft:
			cd.Rejected = fmt.Sprintf("%d unfinished", cd.Unfinished)
		case t.Tolerance >= 0 && cd.Network.TravelTime > minNet*(1+t.Tolerance):
			cd.Rejected = fmt.Sprintf("network %+.1f %%", 100*(cd.Network.TravelTime/minNet-1))
		}
		if cd.Rejected == "" && (t.Best < 0 || cd.Objective < t.Candidates[t.Best].Objective-1e-9) {
			t.Best = i
		}
	}
}

// run is one simulation: a candidate (−1: the current programs) and a
// seed.
type run struct {
	cand int
	seed uint64
}

// tally sums a run's trips.
type tally struct {
	corridor, network struct {
		n           int
		time, stops float64
	}
	unfinished int
}

// simulate runs every candidate with a plan, and the current programs,
// for every seed, and fills in the scores.
func (t *Tuning) simulate(ctx context.Context, net *traffic.Network, d *traffic.Demand, onCorridor map[string]bool, opt TuneOptions) error {
	nets := make([]*traffic.Network, len(t.Candidates))
	for i := range t.Candidates {
		if t.Candidates[i].Plan == nil {
			continue
		}
		n, err := applyPlan(net, t.Candidates[i].Plan)
		if err != nil {
			return err
		}
		nets[i] = n
	}
	var runs []run
	for i := -1; i < len(t.Candidates); i++ {
		if i >= 0 && nets[i] == nil {
			continue
		}
		for _, s := range opt.Seeds {
			runs = append(runs, run{i, s})
		}
	}
	results := make([]tally, len(runs))
	errs := make([]error, len(runs))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	jobs := make(chan int)
	for w := 0; w < min(opt.Workers, len(runs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				n := net
				if r := runs[k]; r.cand >= 0 {
					n = nets[r.cand]
				}
				results[k], errs[k] = simulateOnce(ctx, n, d, onCorridor, runs[k].seed, opt.End)
				if errs[k] != nil {
					cancel()
				}
				mu.Lock()
				done++
				if opt.Progress != nil {
					opt.Progress(done, len(runs))
				}
				mu.Unlock()
			}
		}()
	}
	for k := range runs {
		if ctx.Err() != nil {
			break
		}
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs { // the run that failed, not those it cancelled
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	t.collect(runs, results)
	return nil
}

// collect pools the runs' tallies into the candidates' scores.
func (t *Tuning) collect(runs []run, results []tally) {
	sums := make([]tally, len(t.Candidates)+1)
	for k, r := range runs {
		s, x := &sums[r.cand+1], &results[k]
		s.corridor.n += x.corridor.n
		s.corridor.time += x.corridor.time
		s.corridor.stops += x.corridor.stops
		s.network.n += x.network.n
		s.network.time += x.network.time
		s.network.stops += x.network.stops
		s.unfinished += x.unfinished
	}
	score := func(n int, time, stops float64) Score {
		if n == 0 {
			return Score{}
		}
		return Score{Vehicles: n / len(t.Seeds), TravelTime: time / float64(n), Stops: stops / float64(n)}
	}
	for i := -1; i < len(t.Candidates); i++ {
		cd := &t.Current
		if i >= 0 {
			cd = &t.Candidates[i]
		}
		s := &sums[i+1]
		cd.Corridor = score(s.corridor.n, s.corridor.time, s.corridor.stops)
		cd.Network = score(s.network.n, s.network.time, s.network.stops)
		cd.Unfinished = s.unfinished
		cd.Objective = cd.Corridor.TravelTime + t.StopWeight*cd.Corridor.Stops
	}
}

// simulateOnce runs the demand on the network until every trip has
// arrived or end, and sums its trips.
func simulateOnce(ctx context.Context, net *traffic.Network, d *traffic.Demand, onCorridor map[string]bool, seed uint64, end float64) (tally, error) {
	var r tally
	s, err := traffic.New(net, d, traffic.Options{End: end, Seed: seed, Workers: 1})
	if err != nil {
		return r, fmt.Errorf("%w: %v", ErrTune, err)
	}
	last := d.Trips[len(d.Trips)-1].Depart
	for !s.Done() && (s.Time() <= last || s.Running() > 0) {
		if int(s.Time())%60 == 0 && ctx.Err() != nil {
			return r, ctx.Err()
		}
		s.Step()
	}
	trips := s.TripInfos()
	for i := range trips {
		tr := &trips[i]
		r.network.n++
		r.network.time += tr.Duration
		r.network.stops += float64(tr.WaitingCount)
		if onCorridor[tr.ID] {
			r.corridor.n++
			r.corridor.time += tr.Duration
			r.corridor.stops += float64(tr.WaitingCount)
		}
	}
	r.unfinished = len(d.Trips) - len(trips)
	return r, nil
}

// applyPlan returns a copy of the network whose corridor signals run the
// plan's programs, converted as SUMO loads them from the additional file.
func applyPlan(net *traffic.Network, p *Plan) (*traffic.Network, error) {
	logics, err := p.TLLogics(net)
	if err != nil {
		return nil, err
	}
	progs := make(map[string]traffic.Program, len(logics))
	for i := range logics {
		progs[logics[i].ID] = traffic.ProgramFromSUMO(&logics[i])
	}
	n, err := net.WithPrograms(progs)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTune, err)
	}
	return n, nil
}

// corridorTrips marks the trips whose route drives through (enters and
// leaves) junctions of at least two of the corridor's signals.
func corridorTrips(net *traffic.Network, c *Corridor, d *traffic.Demand) (map[string]bool, error) {
	sigOf := map[int32]int{} // junction → corridor signal
	for i := range c.Signals {
		found := false
		for k := range net.Signals {
			if net.Signals[k].ID == c.Signals[i].ID {
				for _, n := range net.Signals[k].Nodes {
					sigOf[n] = i
				}
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: signal %s of the corridor is not in the network", ErrTune, c.Signals[i].ID)
		}
	}
	on := make(map[string]bool, len(d.Trips))
	seen := make([]bool, len(c.Signals))
	for _, tr := range d.Trips {
		clear(seen)
		count := 0
		for k := 0; k+1 < len(tr.Route); k++ {
			if i, ok := sigOf[net.Edges[tr.Route[k]].To]; ok && !seen[i] {
				seen[i] = true
				count++
			}
		}
		if count >= 2 {
			on[tr.ID] = true
		}
	}
	return on, nil
}

// DemandFromTrips counts the compiled trips of a traffic.Demand on their
// routes, for corridors built from demand whose routes sim/traffic found
// (flows and trips given by origin and destination). The span is from the
// first departure to the last (at least 1 s). O(trips).
func DemandFromTrips(d *traffic.Demand) *Demand {
	out := &Demand{Hours: 1}
	if len(d.Trips) == 0 {
		return out
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, tr := range d.Trips {
		out.Routes = append(out.Routes, Route{Edges: tr.Route, Vehicles: 1})
		lo, hi = math.Min(lo, tr.Depart), math.Max(hi, tr.Depart)
	}
	if hi > lo {
		out.Hours = math.Max(hi-lo, 1) / 3600
	}
	return out
}

package scenarios

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo/swmm"
)

// runner runs one plan on one clock.
type runner struct {
	c        *city
	sc       *Scenario
	p        *plan
	total    time.Duration
	progress func(string, time.Duration, time.Duration)
	sewer    *swmm.Model // the city's sewer, for the urban flood model

	net              *network
	flood            flooder
	traffic          *trafficModel
	disp             *dispatcher
	sampler          *roadSampler
	event            deltaStamp
	res              *VariantResult
	links            [][]float32 // flood depth per link per step
	gauges           []Hydrograph
	sited            *SitingResult
	covStart, covMin float64
}

func (r *runner) setup() error {
	var err error
	if r.net, err = newNetwork(r.c); err != nil {
		return err
	}
	start := r.sc.StartTime()
	r.event = deltaStamp{source: SourceEvent, start: start}
	r.sampler = newRoadSampler(r.net)
	if r.p.sims[SimFlood] {
		if r.flood, err = r.newFlood(deltaStamp{source: SourceFlood, start: start}); err != nil {
			return err
		}
		for _, g := range r.p.flood.Gauges {
			r.gauges = append(r.gauges, Hydrograph{Name: g.Name})
		}
	}
	if r.p.sims[SimTraffic] {
		r.traffic = newTrafficModel(r.c, r.p.traffic, start, deltaStamp{source: SourceTraffic, start: start})
		if r.p.traffic.Model == TrafficMicro {
			if r.traffic.micro, err = newMicroTraffic(r.c, r.p.traffic, r.sc.Seed, r.total.Seconds()); err != nil {
				return err
			}
		}
		if r.hasSignalEvents() {
			if r.traffic.corridor, err = newCorridorModel(r.c, r.p.traffic.Corridor); err != nil {
				return err
			}
			if r.traffic.micro != nil { // the as-found plan from the start
				if err = r.traffic.micro.retime(r.traffic.corridor, r.traffic.corridor.active); err != nil {
					return err
				}
			}
		}
	}
	if r.p.sims[SimDispatch] {
		return r.setupDispatch()
	}
	return nil
}

func (r *runner) setupDispatch() error {
	var err error
	if r.disp, err = newDispatcher(r.net, r.c, r.p.dispatch); err != nil {
		return err
	}
	if st := r.p.dispatch.Siting; st != nil {
		if r.sited, err = r.disp.site(r.c, st); err != nil {
			return fmt.Errorf("siting: %w", err)
		}
	}
	r.covStart, err = r.disp.coverage(r.coverLimit())
	r.covMin = r.covStart
	return err
}

// coverLimit is the travel time that counts as covered: the target less
// the turnout.
func (r *runner) coverLimit() float64 {
	return math.Max(0, (r.p.dispatch.Target - r.p.dispatch.Turnout).Seconds())
}

func (r *runner) pumpNodes() []string {
	var ns []string
	for _, e := range r.p.events {
		if e.Pump != nil && !slices.Contains(ns, e.Pump.Node) {
			ns = append(ns, e.Pump.Node)
		}
	}
	slices.Sort(ns)
	return ns
}

func (r *runner) hasSignalEvents() bool {
	for _, e := range r.p.events {
		if e.Signals != nil {
			return true
		}
	}
	return r.p.traffic.Corridor != ""
}

// run advances the clock step by step; see the package doc for the order
// within a step.
func (r *runner) run(ctx context.Context) (*VariantResult, error) {
	if err := r.setup(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.p.name, err)
	}
	r.res = &VariantResult{Name: r.p.name, Description: r.p.description, Deltas: map[string]int{}}
	for _, s := range []string{SimFlood, SimDispatch, SimTraffic} {
		if r.p.sims[s] {
			r.res.Simulations = append(r.res.Simulations, s)
		}
	}
	step, total := r.sc.Step.Seconds(), r.total.Seconds()
	next := 0
	var canceled error
	for t := 0.0; t < total-1e-9; {
		if ctx.Err() != nil {
			canceled = fmt.Errorf("%w at %.0f s of %s", ErrCanceled, t, r.p.name)
			break
		}
		t1 := math.Min(total, t+step)
		var err error
		if next, err = r.events(next, t, t1); err != nil {
			return nil, fmt.Errorf("%s at %.0f s: %w", r.p.name, t, err)
		}
		if err := r.step(t, t1); err != nil {
			return nil, fmt.Errorf("%s at %.0f s: %w", r.p.name, t, err)
		}
		t = t1
		r.res.ReachedS = t
		if r.progress != nil {
			r.progress(r.p.name, time.Duration(t*float64(time.Second)), r.total)
		}
	}
	r.finish()
	return r.res, canceled
}

// step advances the models from t0 to t1 and couples them.
func (r *runner) step(t0, t1 float64) error {
	var ds []engine.Delta
	mmh := 0.0
	if r.flood != nil {
		mmh = r.flood.rainMMh(t0, t1)
		fd, err := r.flood.advance(t0, t1)
		if err != nil {
			return err
		}
		ds = append(ds, fd...)
		r.links = append(r.links, r.flood.linkDepths())
		r.sampleGauges()
	}
	if err := r.net.apply(ds); err != nil {
		return err
	}
	if r.traffic != nil {
		if m := r.traffic.micro; m != nil {
			if err := m.sync(r.c, r.net); err != nil {
				return err
			}
		}
		if err := r.net.apply(r.traffic.update(t1)); err != nil {
			return err
		}
	}
	if err := r.net.commit(); err != nil {
		return err
	}
	if r.disp != nil {
		if err := r.disp.handle(t1); err != nil {
			return err
		}
		cov, err := r.disp.coverage(r.coverLimit())
		if err != nil {
			return err
		}
		r.covMin = math.Min(r.covMin, cov)
		r.res.Series.Coverage = append(r.res.Series.Coverage, round3(cov))
	}
	r.record(t1, mmh)
	return nil
}

func (r *runner) sampleGauges() {
	for i, g := range r.p.flood.Gauges {
		pt, err := r.c.snap.FromLonLat(g.Lon, g.Lat)
		d := 0.0
		if err == nil {
			d = round3(r.flood.depthAt(pt))
		}
		r.gauges[i].DepthM = append(r.gauges[i].DepthM, d)
	}
}

// record appends the step's series values.
func (r *runner) record(t, mmh float64) {
	s := &r.res.Series
	s.TS = append(s.TS, round3(t))
	if r.flood != nil {
		s.RainMMh = append(s.RainMMh, round3(mmh))
		s.WaterM3 = append(s.WaterM3, round3(r.flood.storedM3()))
	}
	s.ClosedLinks = append(s.ClosedLinks, r.net.closedCount())
	wsum, lsum := 0.0, 0.0
	for e := 0; e < r.net.g.NumEdges(); e++ {
		if r.net.appliedClosed[e] {
			continue
		}
		_, _, _, l, _ := r.net.g.Edge(e)
		wsum += r.net.appliedFactor[e] * l
		lsum += l
	}
	f := 0.0
	if lsum > 0 {
		f = wsum / lsum
	}
	s.SpeedFactor = append(s.SpeedFactor, round3(f))
}

func (r *runner) finish() {
	for k, v := range r.net.deltas {
		r.res.Deltas[k] = v
	}
	if r.flood != nil {
		r.res.Flood = r.flood.finish(r.links, r.gauges)
		r.flood.close()
	}
	if r.traffic != nil {
		r.res.Traffic = r.traffic.finish()
	}
	if r.disp != nil {
		list := r.disp.results()
		for i := range list {
			in := &list[i]
			in.AtS, in.ResponseS, in.WaitS, in.TravelS = round3(in.AtS), round3(in.ResponseS), round3(in.WaitS), round3(in.TravelS)
			if ll, err := r.c.snap.ToLonLat(orb.Point{in.X, in.Y}); err == nil {
				in.Lon, in.Lat = round6(ll[0]), round6(ll[1])
			}
		}
		units := 0
		for _, s := range r.disp.stations {
			units += len(s.freeAt)
		}
		r.res.Dispatch = summarize(list, r.p.dispatch.Target.Seconds(), units)
		d := r.res.Dispatch
		d.CoverageStart, d.CoverageMin, d.Siting = round3(r.covStart), round3(r.covMin), r.sited
		d.MeanS, d.MedianS, d.P90S, d.WithinTarget = round3(d.MeanS), round3(d.MedianS), round3(d.P90S), round3(d.WithinTarget)
	}
}

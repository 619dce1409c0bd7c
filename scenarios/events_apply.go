package scenarios

import (
	"fmt"
	"time"

	"twin/engine"
	"twin/sim/flood/rain"
)

// events applies the plan's events due in [t0, t1) from index next on and
// returns the index of the first event not yet due.
func (r *runner) events(next int, t0, t1 float64) (int, error) {
	evs := r.p.events
	for ; next < len(evs) && evs[next].At.Seconds() < t1; next++ {
		if err := r.apply(&evs[next], t0); err != nil {
			name := evs[next].Name
			if name == "" {
				name = fmt.Sprintf("at %v", evs[next].At)
			}
			return next, fmt.Errorf("event %s: %w", name, err)
		}
	}
	return next, nil
}

// apply carries out one event; t is the start of the step it falls in.
func (r *runner) apply(e *Event, t float64) error {
	switch {
	case e.Rain != nil:
		return r.applyRain(e)
	case e.Incidents != nil:
		if r.disp != nil {
			r.disp.add(r.disp.draw(r.sampler, r.sc.Seed, e, r.total.Seconds())...)
		}
	case e.Incident != nil:
		return r.applyIncident(e)
	case e.Close != nil:
		return r.applyRoad(e.Close, t, true)
	case e.Open != nil:
		return r.applyRoad(e.Open, t, false)
	case e.Signals != nil:
		if r.traffic != nil && r.traffic.corridor != nil {
			r.traffic.corridor.setPlan(e.Signals.Plan)
			if r.traffic.micro != nil {
				return r.traffic.micro.retime(r.traffic.corridor, e.Signals.Plan)
			}
		}
	case e.Station != nil:
		if r.disp != nil {
			return r.disp.setStation(r.c, *e.Station)
		}
	case e.Pump != nil:
		if r.flood != nil {
			return r.flood.addPump(e.Pump.Node, e.Pump.CapacityM3s)
		}
	case e.Pipe != nil:
		if r.flood != nil {
			return r.flood.setPipe(e.Pipe.ID, e.Pipe.DiameterM)
		}
	}
	return nil
}

func (r *runner) applyRain(e *Event) error {
	if r.flood == nil {
		return nil
	}
	h, err := hyetograph(e.Rain, e.At)
	if err != nil {
		return err
	}
	return r.flood.setRain(h)
}

// hyetograph builds the rain of an event, starting at its time.
func hyetograph(ev *RainEvent, at time.Duration) (rain.Hyetograph, error) {
	start := at.Seconds()
	if g := ev.Gauge; g != nil {
		mmh := make([]float64, len(g.Values))
		for i, v := range g.Values {
			mmh[i] = v
			if g.Unit == "mm" {
				mmh[i] = v * 3600 / g.Interval.Seconds()
			}
		}
		return rain.NewBlocks(start, g.Interval.Seconds(), mmh)
	}
	f := ev.Formula
	idf, err := rain.ChineseFormula{A1: f.A1, C: f.C, B: f.B, N: f.N}.IDF(ev.ReturnPeriodYears)
	if err != nil {
		return nil, err
	}
	c := rain.Chicago{IDF: idf, DurationMin: ev.Duration.Minutes(), Peak: ev.Peak, Start: start}
	return c, c.Validate()
}

func (r *runner) applyIncident(e *Event) error {
	if r.disp == nil {
		return nil
	}
	pt, err := r.c.snap.FromLonLat(e.Incident.Lon, e.Incident.Lat)
	if err != nil {
		return err
	}
	r.disp.add(incident{at: e.At.Seconds(), pt: pt, edge: -1, name: e.Incident.Name})
	return nil
}

// applyRoad closes or opens roads through closure deltas on the roads
// layer, one per OSM way.
func (r *runner) applyRoad(ref *RoadRef, t float64, closed bool) error {
	ways, err := r.c.ways(ref)
	if err != nil {
		return err
	}
	ds := make([]engine.Delta, len(ways))
	for i, w := range ways {
		ds[i] = r.event.closure("roads", fmt.Sprintf("w%d", w), t, closed)
	}
	return r.net.apply(ds)
}

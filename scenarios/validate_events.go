package scenarios

import (
	"fmt"
	"math"
	"time"
)

// checkEvents validates a timeline and returns the names it uses.
func checkEvents(is *issues, path string, evs []Event, total time.Duration) map[string]bool {
	names := map[string]bool{}
	for i := range evs {
		e := &evs[i]
		p := fmt.Sprintf("%s[%d]", path, i)
		if e.At < 0 || total > 0 && e.At > total {
			is.addf(ErrInvalid, p+".at", "at %v: must lie within the scenario's 0 to %v", e.At, total)
		}
		if e.Name != "" {
			if names[e.Name] {
				is.addf(ErrInvalid, p+".name", "event name %q used twice", e.Name)
			}
			names[e.Name] = true
		}
		kind, n := e.kind()
		if n != 1 {
			is.addf(ErrInvalid, p, "an event needs exactly one action (rain, incidents, incident, close, open, signals, station, pump, pipe); it has %d", n)
			continue
		}
		checkEvent(is, p+"."+kind, e)
	}
	return names
}

func checkEvent(is *issues, p string, e *Event) {
	switch {
	case e.Rain != nil:
		checkRain(is, p, e.Rain)
	case e.Incidents != nil:
		if g := e.Incidents; !(g.RatePerHour > 0 && g.RatePerHour <= 10000) {
			is.addf(ErrInvalid, p+".rate_per_hour", "rate_per_hour %g: want more than 0, at most 10000", g.RatePerHour)
		}
		if e.Incidents.For < 0 {
			is.addf(ErrInvalid, p+".for", "for %v: must be positive", e.Incidents.For)
		}
	case e.Incident != nil:
		checkLonLat(is, p, e.Incident.Lon, e.Incident.Lat)
	case e.Close != nil:
		checkRoadRef(is, p, e.Close)
	case e.Open != nil:
		checkRoadRef(is, p, e.Open)
	case e.Signals != nil:
		if e.Signals.Plan != PlanGreenWave && e.Signals.Plan != PlanFixed {
			is.addf(ErrInvalid, p+".plan", "plan %q: want greenwave or fixed", e.Signals.Plan)
		}
	case e.Station != nil:
		checkStation(is, p, *e.Station)
	case e.Pump != nil:
		if e.Pump.Node == "" {
			is.addf(ErrInvalid, p, "pump needs a node")
		}
		if !(e.Pump.CapacityM3s > 0 && e.Pump.CapacityM3s <= 1000) {
			is.addf(ErrInvalid, p+".capacity_m3s", "capacity_m3s %g: want more than 0, at most 1000 m³/s", e.Pump.CapacityM3s)
		}
	case e.Pipe != nil:
		if e.Pipe.ID == "" {
			is.addf(ErrInvalid, p, "pipe needs an id")
		}
		if !(e.Pipe.DiameterM > 0 && e.Pipe.DiameterM <= 20) {
			is.addf(ErrInvalid, p+".diameter_m", "diameter_m %g: want more than 0, at most 20 m", e.Pipe.DiameterM)
		}
	}
}

// Signal plans of a SignalEvent.
const (
	PlanGreenWave = "greenwave"
	PlanFixed     = "fixed"
)

func checkRoadRef(is *issues, p string, r *RoadRef) {
	if (r.ID == "") == (r.Road == "") {
		is.addf(ErrInvalid, p, "name a road by id or by road (name), one of them")
	}
}

func checkRain(is *issues, p string, r *RainEvent) {
	if r.Gauge != nil {
		if r.Design != "" || r.Formula != nil {
			is.addf(ErrInvalid, p, "rain: a design storm or a gauge series, not both")
		}
		checkGauge(is, p+".gauge", r.Gauge)
		return
	}
	if r.Design != "chinese" {
		is.addf(ErrInvalid, p+".design", "design %q: want chinese (or give a gauge series)", r.Design)
	}
	if r.Formula == nil {
		is.addf(ErrInvalid, p, "a design storm needs formula: {a1, c, b, n}")
	} else if f := r.Formula; !(f.A1 > 0 && f.A1 < 100 && f.C >= 0 && f.C < 10 && f.B >= 0 && f.B < 100 && f.N >= 0 && f.N < 1) {
		is.addf(ErrInvalid, p+".formula", "formula a1=%g c=%g b=%g n=%g: want a1 in (0,100) mm/min, c in [0,10), b in [0,100) min, n in [0,1)", f.A1, f.C, f.B, f.N)
	}
	if !(r.ReturnPeriodYears >= 1 && r.ReturnPeriodYears <= 10000) {
		is.addf(ErrInvalid, p+".return_period_years", "return_period_years %g: want 1 to 10000", r.ReturnPeriodYears)
	}
	if !(r.Duration > 0 && r.Duration <= 48*time.Hour) {
		is.addf(ErrInvalid, p+".duration", "storm duration %v: want more than 0, at most 48h", r.Duration)
	}
	if !(r.Peak >= 0 && r.Peak <= 1) {
		is.addf(ErrInvalid, p+".peak", "peak %g: the Chicago peak position r lies in 0 to 1", r.Peak)
	}
}

func checkGauge(is *issues, p string, g *GaugeSeries) {
	if !(g.Interval >= time.Second && g.Interval <= 24*time.Hour) {
		is.addf(ErrInvalid, p+".interval", "interval %v: want 1s to 24h", g.Interval)
	}
	toMMh := 0.0
	switch g.Unit {
	case "mm/h":
		toMMh = 1
	case "mm":
		if g.Interval > 0 {
			toMMh = float64(time.Hour) / float64(g.Interval)
		}
	default:
		is.addf(ErrInvalid, p+".unit", "rain unit %q: want mm/h (intensity) or mm (depth per interval)", g.Unit)
	}
	if len(g.Values) == 0 {
		is.addf(ErrInvalid, p+".values", "a gauge series needs values")
	}
	for i, v := range g.Values {
		mmh := v * toMMh
		if math.IsNaN(v) || v < 0 || mmh > maxRainMMh {
			is.addf(ErrInvalid, fmt.Sprintf("%s.values[%d]", p, i), "rain %g %s (%.0f mm/h): want 0 to %d mm/h; is it in another unit?", v, g.Unit, mmh, maxRainMMh)
		}
	}
}

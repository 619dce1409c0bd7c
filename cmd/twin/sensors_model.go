package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

// Sources of the simulator's deltas besides the devices, which are each
// their own source (wl-…, rain-…, td-…, the unit ids).
const (
	simSetupSource = "sim-setup"
	simOpsSource   = "sim-ops"
)

// setup returns the upserts that create the simulated devices: a sensor
// per manhole, rain gauge and detector, and the units.
func (s *simulator) setup() []engine.Delta {
	var out []engine.Delta
	add := func(layer, id string, lon, lat float64, props map[string]any) {
		g := fmt.Sprintf(`{"type":"Point","coordinates":[%g,%g]}`, lon, lat)
		out = append(out, engine.Delta{Source: simSetupSource, Seq: s.seq(simSetupSource, s.cfg.Start), TS: s.cfg.Start,
			Kind: engine.KindUpsert, Layer: layer, ID: id, Geometry: json.RawMessage(g), Properties: props})
	}
	for _, m := range s.manholes {
		lon, lat := s.lonLat(m.p)
		add(geo.LayerSensors, m.id, lon, lat, map[string]any{"type": "water_level", "unit": "m", "node": m.node})
	}
	for _, g := range s.gauges {
		lon, lat := s.lonLat(g.p)
		add(geo.LayerSensors, g.id, lon, lat, map[string]any{"type": "rain", "unit": "mm/h"})
	}
	for _, d := range s.detectors {
		lon, lat := s.lonLat(d.p)
		add(geo.LayerSensors, d.id, lon, lat, map[string]any{"type": "traffic", "unit": "veh/min", "node": d.node})
	}
	for i := range s.units {
		u := &s.units[i]
		lon, lat := s.lonLat(s.unitPoint(u))
		add(geo.LayerUnits, u.id, lon, lat, map[string]any{"type": u.kind, "status": "available"})
	}
	return out
}

// Shares of the stream by kind, in per mille, in the order next picks
// them: water levels, traffic, unit positions, rain, closures.
var simShares = [5]int{350, 350, 240, 50, 10}

// next returns the next stream delta, stamped Start + n/Rate.
func (s *simulator) next() engine.Delta {
	t := s.cfg.Start.Add(time.Duration(math.Round(float64(s.n) * 1e9 / s.cfg.Rate)))
	s.n++
	r := s.rng.IntN(1000)
	kind := 0
	for ; kind < len(simShares)-1 && r >= simShares[kind]; kind++ {
		r -= simShares[kind]
	}
	for try := 0; try < len(simShares); try++ {
		if d, ok := s.make(kind, t); ok {
			return d
		}
		kind = (kind + 1) % len(simShares) // a kind the city lacks
	}
	panic("sensors: simulator with no devices") // newSimulator refuses such a city
}

func (s *simulator) make(kind int, t time.Time) (engine.Delta, bool) {
	pick := func(n int) int { i := s.turn[kind] % n; s.turn[kind]++; return i }
	switch {
	case kind == 0 && len(s.manholes) > 0:
		return s.level(&s.manholes[pick(len(s.manholes))], t), true
	case kind == 1 && len(s.detectors) > 0:
		return s.traffic(&s.detectors[pick(len(s.detectors))], t), true
	case kind == 2 && len(s.units) > 0:
		return s.move(&s.units[pick(len(s.units))], t), true
	case kind == 3 && len(s.gauges) > 0:
		return s.gauge(&s.gauges[pick(len(s.gauges))], t), true
	case kind == 4 && len(s.roads) > 0:
		return s.closure(t), true
	}
	return engine.Delta{}, false
}

func (s *simulator) reading(source string, t time.Time, id string, v float64, props map[string]any) engine.Delta {
	return engine.Delta{Source: source, Seq: s.seq(source, t), TS: t, Kind: engine.KindReading, Layer: geo.LayerSensors,
		ID: id, Value: &v, Properties: props}
}

// hourOfDay returns the local solar time of t at the city, hours in [0, 24).
func (s *simulator) hourOfDay(t time.Time) float64 {
	h := float64(t.UTC().Hour()) + float64(t.UTC().Minute())/60 + float64(t.UTC().Second())/3600 + s.lon0/15
	return math.Mod(h+24, 24)
}

// level: dry-weather depth times a diurnal factor (low before dawn, peaks
// mid-morning and evening, as sewage flow does), plus the rain of lag ago
// times the manhole's gain, capped at the rim, with ±5 mm of noise.
func (s *simulator) level(m *simManhole, t time.Time) engine.Delta {
	h := s.hourOfDay(t)
	diurnal := 1 + 0.35*math.Sin(2*math.Pi*(h-9)/24) + 0.15*math.Sin(4*math.Pi*(h-7)/24)
	v := m.base*diurnal + m.gain*s.rain.at(t.Add(-m.lag)) + 0.005*s.rng.NormFloat64()
	v = math.Round(min(max(v, 0), m.maxLvl)*1000) / 1000
	return s.reading(m.id, t, m.id, v, nil)
}

// traffic: flow follows a daily profile with morning and evening peaks and
// a midday shoulder; the count per minute is Poisson around it, and the
// speed falls with the square of the flow's share of its peak.
func (s *simulator) traffic(d *simDetector, t time.Time) engine.Delta {
	h := s.hourOfDay(t)
	bump := func(at, width float64) float64 { x := (h - at) / width; return math.Exp(-x * x) }
	share := min(1, 0.08+bump(8, 1.5)+0.9*bump(18, 2)+0.4*bump(13, 3))
	count := poisson(s.rng, d.qmax*share)
	speed := d.vfree*(1-0.6*share*share) + 3*s.rng.NormFloat64()
	speed = math.Round(max(speed, 3)*10) / 10
	return s.reading(d.id, t, d.id, float64(count), map[string]any{"speed_kmh": speed})
}

func (s *simulator) gauge(g *simGauge, t time.Time) engine.Delta {
	v := s.rain.at(t) * (1 + 0.1*s.rng.NormFloat64())
	return s.reading(g.id, t, g.id, math.Round(max(v, 0)*10)/10, nil)
}

// move advances a unit along its links at its speed since its last report
// and reports its position.
func (s *simulator) move(u *simUnit, t time.Time) engine.Delta {
	u.along += u.speed * t.Sub(u.last).Seconds()
	u.last = t
	for l := s.links[u.link]; u.along > l.Length; l = s.links[u.link] {
		u.along -= l.Length
		next := s.out[l.To]
		if len(next) == 0 {
			u.along = 0 // a dead end: wait at the link's start
			break
		}
		u.link = next[s.rng.IntN(len(next))]
		u.speed = max(5, 0.8*s.links[u.link].MaxSpeed)
	}
	lon, lat := s.lonLat(s.unitPoint(u))
	return engine.Delta{Source: u.id, Seq: s.seq(u.id, t), TS: t, Kind: engine.KindMove, Layer: geo.LayerUnits, ID: u.id, Lon: &lon, Lat: &lat}
}

// closure closes a random drivable road, or reopens the oldest closed one
// (half the time, when any is closed).
func (s *simulator) closure(t time.Time) engine.Delta {
	closed := true
	var id string
	if len(s.closed) > 0 && s.rng.IntN(2) == 0 {
		id, s.closed, closed = s.closed[0], s.closed[1:], false
	} else {
		id = s.roads[s.rng.IntN(len(s.roads))]
		s.closed = append(s.closed, id)
	}
	return engine.Delta{Source: simOpsSource, Seq: s.seq(simOpsSource, t), TS: t, Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: id, Closed: &closed}
}

// poisson draws from a Poisson distribution of mean lambda (Knuth's
// method; lambda here stays below about 40).
func poisson(rng *rand.Rand, lambda float64) int {
	limit, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}

// simRain is a sequence of storms with triangular hyetographs: the first
// starts 2 to 10 minutes after the start (so that a demo sees one), the
// next after a gap drawn from an exponential distribution with a mean of
// three hours; each lasts 20 to 90 minutes and peaks at 10 to 60 mm/h.
type simRain struct {
	rng    *rand.Rand
	storms []simStorm
}

type simStorm struct {
	start time.Time
	dur   time.Duration
	peak  float64 // mm/h
}

func newSimRain(rng *rand.Rand, start time.Time) simRain {
	r := simRain{rng: rng}
	r.add(start.Add(time.Duration(2+rng.IntN(9)) * time.Minute))
	return r
}

func (r *simRain) add(start time.Time) {
	r.storms = append(r.storms, simStorm{start: start, dur: time.Duration(20+r.rng.IntN(71)) * time.Minute, peak: 10 + 50*r.rng.Float64()})
}

// at returns the rain intensity at t, mm/h. Storms are drawn as t
// advances; t may go back by less than the lag of any manhole.
func (r *simRain) at(t time.Time) float64 {
	for last := r.storms[len(r.storms)-1]; !t.Before(last.start); last = r.storms[len(r.storms)-1] {
		gap := time.Duration(r.rng.ExpFloat64() * 3 * float64(time.Hour))
		r.add(last.start.Add(last.dur + gap))
	}
	for _, st := range r.storms {
		if t.After(st.start) && t.Before(st.start.Add(st.dur)) {
			x := float64(t.Sub(st.start)) / float64(st.dur) // 0..1
			return st.peak * (1 - math.Abs(2*x-1))
		}
	}
	return 0
}

// unitPoint interpolates a unit's position along its link.
func (s *simulator) unitPoint(u *simUnit) orb.Point {
	l := s.links[u.link]
	left := u.along
	for i := 1; i < len(l.Line); i++ {
		a, b := l.Line[i-1], l.Line[i]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		if left <= seg || i == len(l.Line)-1 {
			f := 0.0
			if seg > 0 {
				f = min(left/seg, 1)
			}
			return orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
		}
		left -= seg
	}
	return l.Line[0]
}

package main

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

// simConfig configures the sensor simulator. Zero counts mean the
// defaults.
type simConfig struct {
	Seed  uint64
	Start time.Time // the simulated clock at the first delta
	// Rate is the stream's rate, deltas per second of simulated time.
	Rate float64
	// Manholes, Detectors and Units are how many of each to simulate.
	Manholes, Detectors, Units int
}

// simulator generates plausible live deltas for a city: water levels in
// manholes (m above the invert) that follow a diurnal dry-weather pattern
// and rise after rain, rain gauges (mm/h) fed by seeded storms, traffic
// detectors at signals (vehicles per minute, speeds in km/h) that follow a
// daily profile, emergency units moving along road links, and now and then
// a road closure or reopening. It is deterministic: the same World, seed
// and start give the same deltas. Times of day are local solar time at the
// city's longitude. Not safe for concurrent use.
type simulator struct {
	cfg  simConfig
	rng  *rand.Rand
	snap *engine.Snapshot

	manholes  []simManhole
	gauges    []simGauge
	detectors []simDetector
	units     []simUnit
	links     []*geo.RoadLink
	out       map[string][]int // road node → indices of links leaving it
	roads     []string         // drivable road ids, for closures
	closed    []string         // closed roads, oldest first
	lon0      float64          // city longitude, for solar time
	rain      simRain

	seqs map[string]uint64
	n    int // stream deltas made
	turn [5]int
}

type simManhole struct {
	id, node     string
	p            orb.Point
	base, maxLvl float64       // dry-weather depth and cap, m
	gain         float64       // m of rise per mm/h of rain
	lag          time.Duration // delay from rain to level
}

type simGauge struct {
	id string
	p  orb.Point
}

type simDetector struct {
	id, node string
	p        orb.Point
	qmax     float64 // peak flow, vehicles per minute
	vfree    float64 // free-flow speed, km/h
}

type simUnit struct {
	id, kind string
	link     int
	along    float64   // m from the link's start
	speed    float64   // m/s
	last     time.Time // when along was last advanced
}

// errNoCity: the World has nothing to simulate.
var errNoCity = errors.New("sensors: the city has no pipe nodes, signals or road links to simulate")

// newSimulator picks the simulated devices from snap (features in ID
// order, sampled with the seed).
func newSimulator(snap *engine.Snapshot, cfg simConfig) (*simulator, error) {
	if cfg.Rate <= 0 {
		return nil, fmt.Errorf("sensors: rate %g must be positive", cfg.Rate)
	}
	if snap.CRS() == nil {
		return nil, fmt.Errorf("sensors: the World has no geodetic CRS")
	}
	cfg.Manholes = orDefault(cfg.Manholes, 50)
	cfg.Detectors = orDefault(cfg.Detectors, 40)
	cfg.Units = orDefault(cfg.Units, 10)
	s := &simulator{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed)), snap: snap,
		out: map[string][]int{}, seqs: map[string]uint64{}}
	if b, ok := snap.BoundsLonLat(); ok {
		s.lon0 = b.Center()[0]
	}
	s.pickManholes()
	s.pickGauges()
	s.pickDetectors()
	s.pickLinks()
	s.pickUnits()
	if len(s.manholes)+len(s.detectors)+len(s.units) == 0 {
		return nil, errNoCity
	}
	s.rain = newSimRain(rand.New(rand.NewPCG(cfg.Seed, 0x7a1)), cfg.Start)
	return s, nil
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// sample returns k indices of 0..n-1 (all when n ≤ k), in increasing order.
func (s *simulator) sample(n, k int) []int {
	idx := s.rng.Perm(n)
	if n > k {
		idx = idx[:k]
	}
	out := make([]bool, n)
	for _, i := range idx {
		out[i] = true
	}
	var r []int
	for i, ok := range out {
		if ok {
			r = append(r, i)
		}
	}
	return r
}

func (s *simulator) pickManholes() {
	var nodes []*geo.PipeNode
	s.snap.Layer(geo.LayerPipeNodes).Ascend("", func(f geo.Feature) bool {
		if n, ok := f.(*geo.PipeNode); ok && n.Kind == "junction" && n.Network != geo.NetworkWater {
			nodes = append(nodes, n)
		}
		return true
	})
	for _, i := range s.sample(len(nodes), s.cfg.Manholes) {
		n := nodes[i]
		maxLvl := n.MaxDepth
		if maxLvl <= 0 {
			maxLvl = 2
		}
		base := 0.04 + 0.08*s.rng.Float64()
		s.manholes = append(s.manholes, simManhole{id: "wl-" + n.ID, node: n.ID, p: n.Point, base: base, maxLvl: maxLvl,
			gain: 0.01 + 0.03*s.rng.Float64(), lag: time.Duration(5+s.rng.IntN(20)) * time.Minute})
	}
}

func (s *simulator) pickGauges() {
	s.snap.Layer(geo.LayerRainGauges).Ascend("", func(f geo.Feature) bool {
		if g, ok := f.(*geo.RainGauge); ok && g.Located {
			s.gauges = append(s.gauges, simGauge{id: "rain-" + g.ID, p: g.Point})
		}
		return true
	})
	if len(s.gauges) == 0 {
		if b, ok := s.snap.Bounds(); ok {
			s.gauges = append(s.gauges, simGauge{id: "rain-1", p: b.Center()})
		}
	}
}

func (s *simulator) pickDetectors() {
	var nodes []*geo.RoadNode
	s.snap.Layer(geo.LayerRoadNodes).Ascend("", func(f geo.Feature) bool {
		if n, ok := f.(*geo.RoadNode); ok && n.Signal {
			nodes = append(nodes, n)
		}
		return true
	})
	for _, i := range s.sample(len(nodes), s.cfg.Detectors) {
		n := nodes[i]
		s.detectors = append(s.detectors, simDetector{id: "td-" + n.ID, node: n.ID, p: n.Point,
			qmax: 15 + 25*s.rng.Float64(), vfree: 45 + 10*s.rng.Float64()})
	}
}

func (s *simulator) pickLinks() {
	s.snap.Layer(geo.LayerLinks).Ascend("", func(f geo.Feature) bool {
		if l, ok := f.(*geo.RoadLink); ok && len(l.Line) >= 2 && l.Length > 0 {
			s.out[l.From] = append(s.out[l.From], len(s.links))
			s.links = append(s.links, l)
		}
		return true
	})
	s.snap.Layer(geo.LayerRoads).Ascend("", func(f geo.Feature) bool {
		if r, ok := f.(*geo.Road); ok && r.Drivable {
			s.roads = append(s.roads, r.ID)
		}
		return true
	})
}

func (s *simulator) pickUnits() {
	if len(s.links) == 0 {
		return
	}
	for i := range s.cfg.Units {
		kind, name := "ambulance", fmt.Sprintf("amb-%d", i+1)
		if i%5 >= 3 {
			kind, name = "fire_engine", fmt.Sprintf("fire-%d", i+1)
		}
		l := s.rng.IntN(len(s.links))
		s.units = append(s.units, simUnit{id: name, kind: kind, link: l, along: s.rng.Float64() * s.links[l].Length,
			speed: max(5, 0.8*s.links[l].MaxSpeed), last: s.cfg.Start})
	}
}

// lonLat converts a World point to rounded lon/lat (1e-6°, about 0.1 m).
func (s *simulator) lonLat(p orb.Point) (lon, lat float64) {
	ll, _ := s.snap.ToLonLat(p)
	return math.Round(ll[0]*1e6) / 1e6, math.Round(ll[1]*1e6) / 1e6
}

// seq returns the next sequence number of source at t: t in microseconds
// since 1970, or one more than the last when that is not above it. A later
// run, with a later start, so continues every source's sequence.
func (s *simulator) seq(source string, t time.Time) uint64 {
	n := max(uint64(t.UnixMicro()), s.seqs[source]+1)
	s.seqs[source] = n
	return n
}

package scenarios

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/traffic"
)

// liveFile runs the microsimulation under a storm with a road closed by
// an event and the green wave applied at 6 min.
const liveFile = `name: live
seed: 5
start: 2026-07-14T17:00:00+02:00
duration: 12m
step: 1m
simulations: [flood, traffic]
flood: {cell_m: 40, model: surface}
traffic: {model: micro, demand_vph: 2000}
events:
  - name: storm
    at: 0s
    rain:
      design: chinese
      formula: {a1: 11.98, c: 0.811, b: 8, n: 0.711}
      return_period_years: 100
      duration: 12m
      peak: 0.4
  - {name: bridge, at: 2m, close: {road: Boulevard Charles III}}
  - {name: as found, at: 0s, signals: {plan: fixed}}
  - {name: wave, at: 6m, signals: {plan: greenwave}}
`

// TestMicroLiveCoupling steps the run and checks after every step that
// the microsimulation has exactly the links closed that the event and the
// flood close on the network, and that the open ones run at the limit
// times the flood's speed factor (tolerance 1e-9 m/s); at the end the
// corridor's signals run the green-wave programs.
func TestMicroLiveCoupling(t *testing.T) {
	sc, err := Decode("live.yaml", []byte(liveFile))
	if err != nil {
		t.Fatal(err)
	}
	c, err := newCity(sampleCity(t))
	if err != nil {
		t.Fatal(err)
	}
	plans := sc.plans()
	r := &runner{c: c, sc: sc, p: &plans[0], total: sc.Duration}
	if err := r.setup(); err != nil {
		t.Fatal(err)
	}
	r.res = &VariantResult{Deltas: map[string]int{}}
	m := r.traffic.micro
	base := m.net
	ev, fl := sourceIndex(SourceEvent), sourceIndex(SourceFlood)
	next, closedEver, slowEver := 0, 0, 0
	for t0 := 0.0; t0 < sc.Duration.Seconds(); t0 += 60 {
		if next, err = r.events(next, t0, t0+60); err != nil {
			t.Fatal(err)
		}
		if err := r.step(t0, t0+60); err != nil {
			t.Fatal(err)
		}
		for _, l := range c.links {
			ge, e := r.net.edge[l.ID], int32(-1)
			if k, ok := base.Edge(l.ID); ok {
				e = k
			} else {
				continue
			}
			closed := r.net.closed[ev][ge] || r.net.closed[fl][ge]
			if got := m.sim.EdgeClosed(e); got != closed {
				t.Fatalf("t=%.0f: link %s closed %v in the microsimulation, %v on the network", t0+60, l.ID, got, closed)
			}
			f := math.Max(0.05, r.net.factor[ev][ge]*r.net.factor[fl][ge])
			if got := m.sim.EdgeSpeed(e); math.Abs(got-base.Edges[e].Speed*f) > 1e-9 {
				t.Fatalf("t=%.0f: link %s speed %v, want %v × %v", t0+60, l.ID, got, base.Edges[e].Speed, f)
			}
			if closed {
				closedEver++
			} else if f < 1 {
				slowEver++
			}
		}
	}
	if closedEver == 0 || slowEver == 0 {
		t.Fatalf("%d closed and %d slowed link-steps: the check above tested nothing", closedEver, slowEver)
	}
	for _, id := range r.traffic.corridor.res.Signals {
		if nd, ok := base.Node(id); ok && base.Nodes[nd].Signal >= 0 {
			if p := m.sim.Program(base.Nodes[nd].Signal); p.ID != PlanGreenWave {
				t.Errorf("signal %s runs program %q at the end", id, p.ID)
			}
		}
	}
	res := r.traffic.finish().Micro
	t.Logf("%+v", *res)
	if res.Closures == 0 || res.Retimed == 0 || res.Arrived == 0 {
		t.Errorf("micro result %+v", *res)
	}
}

// TestCorridorProgram: a signalized cross gets sim/traffic's two-stage
// default (27/3/27/3 s). A plan of a 90 s cycle with a 42 s outbound green
// opening 25 s into the program at offset 80 s gives, by hand: the
// corridor's stage first at 42 s, yellows kept at 3 s, the cross street's
// green stretched to 90 − 42 − 6 = 42 s, and offset (80 + 25) mod 90 =
// 15 s; for either road of the cross (one needs the phases rotated).
// Exact.
func TestCorridorProgram(t *testing.T) {
	nodes := []*geo.RoadNode{{ID: "C", Signal: true}, {ID: "W", Point: orb.Point{-300, 0}}, {ID: "E", Point: orb.Point{300, 0}},
		{ID: "S", Point: orb.Point{0, -300}}, {ID: "N", Point: orb.Point{0, 300}}}
	var links []*geo.RoadLink
	for _, arm := range []string{"W", "E", "S", "N"} {
		var p orb.Point
		for _, n := range nodes {
			if n.ID == arm {
				p = n.Point
			}
		}
		for _, d := range [][2]string{{arm, "C"}, {"C", arm}} {
			line := orb.LineString{p, {0, 0}}
			if d[0] == "C" {
				line = orb.LineString{{0, 0}, p}
			}
			links = append(links, &geo.RoadLink{ID: d[0] + d[1], From: d[0], To: d[1], Line: line, Lanes: 1, MaxSpeed: 13.89, Length: 300, Class: "primary"})
		}
	}
	net, err := traffic.FromOSM(links, nodes, traffic.OSMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	nd, _ := net.Node("C")
	sig := net.Nodes[nd].Signal
	po := &PlanOutcome{Plan: PlanGreenWave, CycleS: 90, OffsetsS: []float64{80}, GreenOut: []Window{{Start: 25, Length: 42}}}
	for _, road := range []map[string]bool{{"WC": true, "CE": true, "EC": true, "CW": true}, {"SC": true, "CN": true, "NC": true, "CS": true}} {
		p, ok := corridorProgram(net, sig, net.Signals[sig].Program, road, po, 0)
		if !ok {
			t.Fatalf("road %v: no program", road)
		}
		var durs []float64
		for _, ph := range p.Phases {
			durs = append(durs, ph.Duration)
		}
		if !slices.Equal(durs, []float64{42, 3, 42, 3}) || p.Offset != 15 {
			t.Errorf("road %v: durations %v, offset %v", road, durs, p.Offset)
		}
		for _, li := range net.Signals[sig].Links {
			lk := &net.Links[li]
			if road[net.Edges[net.Lanes[lk.From].Edge].ID] && !strings.ContainsRune("Gg", rune(p.Phases[0].State[lk.SignalIndex])) {
				t.Errorf("road %v: link %d not green in phase 0 %q", road, li, p.Phases[0].State)
			}
		}
	}
}

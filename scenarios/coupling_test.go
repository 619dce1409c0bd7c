package scenarios

import (
	"context"
	"math"
	"testing"
)

// stormFile is a short intense storm (Beijing's formula, 100 years, 30 min)
// on the sample city at 40 m cells, with calls answered by stations of
// many units that are never all busy, so that every call's response is
// the fastest trip on the graph of the moment.
const stormFile = `name: coupling
seed: 3
duration: 40m
step: 1m
simulations: [flood, dispatch]
flood: {cell_m: 40, model: surface}
dispatch:
  stations:
    - {name: A, lon: 7.4250, lat: 43.7395, units: 50}
    - {name: B, lon: 7.4160, lat: 43.7290, units: 50}
  on_scene: 1m
events:
  - name: storm
    at: 0s
    rain:
      design: chinese
      formula: {a1: 11.98, c: 0.811, b: 8, n: 0.711}
      return_period_years: 100
      duration: 30m
      peak: 0.4
  - {name: calls, at: 5m, incidents: {rate_per_hour: 60}}
variants:
  - {name: dry, drop: [storm]}
`

// TestFloodClosesRoads steps a flooded run and checks after every step
// that the dispatch graph has exactly the links whose water is at or over
// the closure depth closed (with the 80 % reopening hysteresis), and that
// the open ones carry Pregnolato's speed factor for their depth.
func TestFloodClosesRoads(t *testing.T) {
	for _, model := range []string{FloodSurface, FloodUrban} {
		t.Run(model, func(t *testing.T) { testFloodClosesRoads(t, model) })
	}
}

func testFloodClosesRoads(t *testing.T, model string) {
	sc, err := Decode("coupling.yaml", []byte(stormFile))
	if err != nil {
		t.Fatal(err)
	}
	c, err := newCity(sampleCity(t))
	if err != nil {
		t.Fatal(err)
	}
	sewer, err := sampleSewer()
	if err != nil {
		t.Fatal(err)
	}
	plans := sc.plans()
	plans[0].flood.Model = model
	r := &runner{c: c, sc: sc, p: &plans[0], total: sc.Duration, sewer: sewer}
	if err := r.setup(); err != nil {
		t.Fatal(err)
	}
	r.res = &VariantResult{Deltas: map[string]int{}}
	next, closedEver := 0, 0
	for t0 := 0.0; t0 < 20*60; t0 += 60 { // through the storm's peak at 12 min
		if next, err = r.events(next, t0, t0+60); err != nil {
			t.Fatal(err)
		}
		if err := r.step(t0, t0+60); err != nil {
			t.Fatal(err)
		}
		depths := r.flood.linkDepths()
		for i, l := range c.links {
			d := float64(depths[i])
			e := r.net.edge[l.ID]
			if d >= sc.Flood.CloseDepthM && !r.net.g.Closed(e) {
				t.Fatalf("t=%.0f: link %s under %.3f m is open in the graph", t0+60, l.ID, d)
			}
			if d < 0.8*sc.Flood.CloseDepthM && r.net.g.Closed(e) {
				t.Fatalf("t=%.0f: link %s under %.3f m is closed", t0+60, l.ID, d)
			}
			if r.net.g.Closed(e) {
				closedEver++
				continue
			}
			// Quantized to 0.05 by the flood model, to 0.01 by the graph.
			want := math.Max(0.05, math.Round(depthSpeedFactor(d)*20)/20)
			if got := r.net.g.Factor(e); math.Abs(got-want) > 0.011 {
				t.Fatalf("t=%.0f: link %s under %.3f m has factor %.3f, want %.3f", t0+60, l.ID, d, got, want)
			}
		}
	}
	if closedEver == 0 {
		t.Fatal("the storm closed no road: the check above tested nothing")
	}
}

// TestFloodedResponseNoBetter runs the storm and the dry variant on the
// same calls: every call's response in the flood is at least as long as
// on the dry evening (closures and slower roads only lengthen trips), and
// some are longer.
func TestFloodedResponseNoBetter(t *testing.T) {
	sc, err := Decode("coupling.yaml", []byte(stormFile))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sampleCity(t), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wet, dry := res.Variants[0].Dispatch, res.Variants[1].Dispatch
	if wet.Incidents != dry.Incidents || wet.Incidents < 20 {
		t.Fatalf("%d flooded and %d dry incidents, want the same, at least 20", wet.Incidents, dry.Incidents)
	}
	longer := 0
	for i := range wet.List {
		w, d := wet.List[i], dry.List[i]
		if w.ID != d.ID || w.AtS != d.AtS || w.Name != d.Name {
			t.Fatalf("incident %d differs: %+v vs %+v", i, w, d)
		}
		if !d.Reached {
			continue
		}
		// Times are rounded to 1 ms in the results.
		if w.Reached && w.ResponseS < d.ResponseS-0.001 {
			t.Errorf("%s: %.3f s in the flood, %.3f s dry", w.ID, w.ResponseS, d.ResponseS)
		}
		if !w.Reached || w.ResponseS > d.ResponseS+0.001 {
			longer++
		}
	}
	if longer == 0 {
		t.Error("the flood lengthened no response")
	}
	if wet.MeanS < dry.MeanS {
		t.Errorf("mean response %.1f s flooded < %.1f s dry", wet.MeanS, dry.MeanS)
	}
}

package scenarios

import (
	"math"
	"testing"
)

// TestCorridorModel builds the corridor of Avenue Princesse Grace on the
// sample city (junctions signalized: it has fewer than three signals)
// through greenwave.CorridorFromRoads and checks it against greenwave's
// documented defaults: every signal runs 42/3/42/3 s (a 90 s cycle, half
// of the 84 s of green for the road), positions rise along the road, the
// result's leg times are the corridor's legs, the free time is their sum,
// and the MAXBAND plan's outbound band (the road is one-way somewhere, so
// only that band is optimised) is at least the as-found plan's and at most
// the 42 s green. Tolerance 1e-3 s (results are rounded to 1 ms).
func TestCorridorModel(t *testing.T) {
	c, err := newCity(sampleCity(t))
	if err != nil {
		t.Fatal(err)
	}
	_, gc, _, err := buildCorridor(c, "Avenue Princesse Grace")
	if err != nil {
		t.Fatal(err)
	}
	m, err := newCorridorModel(c, "Avenue Princesse Grace")
	if err != nil {
		t.Fatal(err)
	}
	r := m.res
	if n := len(r.Signals); n < 3 || n > maxSignals || len(gc.Signals) != n {
		t.Fatalf("%d signals (%d in the corridor)", n, len(gc.Signals))
	}
	free := 0.0
	for i, s := range gc.Signals {
		var d []float64
		for _, ph := range s.Phases {
			d = append(d, ph.Duration)
		}
		if len(d) != 4 || d[0] != 42 || d[1] != 3 || d[2] != 42 || d[3] != 3 {
			t.Errorf("signal %s program %v", s.ID, d)
		}
		if i == 0 {
			continue
		}
		if !(r.PositionsM[i] > r.PositionsM[i-1]) {
			t.Errorf("positions %v do not rise", r.PositionsM)
		}
		if got, want := r.LegOutS[i-1], gc.Links[i-1].Out.Time(); math.Abs(got-want) > 1e-3 {
			t.Errorf("leg %d: %v s, corridor %v s", i-1, got, want)
		}
		free += gc.Links[i-1].Out.Time()
	}
	if math.Abs(r.FreeS-free) > 1e-3 {
		t.Errorf("free time %v s, legs sum to %v s", r.FreeS, free)
	}
	fixed, wave := m.plans[PlanFixed], m.plans[PlanGreenWave]
	if !(wave.BandOutS >= fixed.BandOutS-1e-3 && wave.BandOutS <= 42+1e-3 && wave.BandOutS > 0) {
		t.Errorf("outbound bands: green wave %v s, as found %v s", wave.BandOutS, fixed.BandOutS)
	}
}

package scenarios

import (
	"context"
	"math"
	"testing"
	"time"

	"twin/scenarios/examples"
)

// TestExamples runs every example scenario at reduced size (its first 15
// minutes, flood cells of 50 m) on the sample city and checks that each
// run reached the end and produced the results of the simulations it
// names.
func TestExamples(t *testing.T) {
	snap := sampleCity(t)
	for _, name := range examples.Names {
		t.Run(name, func(t *testing.T) {
			src, err := examples.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Decode(name, src)
			if err != nil {
				t.Fatal(err)
			}
			shrink(sc, 50)
			res, err := Run(context.Background(), snap, sc, RunOptions{Duration: 15 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Variants) != 1+len(sc.Variants) || res.Partial {
				t.Fatalf("%d runs (partial %v), want %d", len(res.Variants), res.Partial, 1+len(sc.Variants))
			}
			for _, v := range res.Variants {
				if v.ReachedS != 900 || len(v.Series.TS) != int(math.Ceil(900/sc.Step.Seconds())) {
					t.Errorf("%s reached %.0f s with %d samples", v.Name, v.ReachedS, len(v.Series.TS))
				}
				for _, s := range v.Simulations {
					if s == SimFlood && v.Flood == nil || s == SimDispatch && v.Dispatch == nil || s == SimTraffic && v.Traffic == nil {
						t.Errorf("%s: no %s results", v.Name, s)
					}
				}
			}
			if len(res.Comparisons) == 0 {
				t.Error("no comparisons with the baseline")
			}
		})
	}
}

// shrink coarsens every flood grid of a scenario to cell metres.
func shrink(sc *Scenario, cell float64) {
	sc.Flood.CellM = cell
	for i := range sc.Variants {
		if f := sc.Variants[i].Flood; f != nil {
			f.CellM = cell
		}
	}
}

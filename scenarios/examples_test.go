package scenarios

import (
	"context"
	"testing"
	"time"

	"twin/scenarios/examples"
)

// TestExamples runs every example scenario for its first 20 minutes on the
// sample city and checks that each run reached the end and produced the
// results of the simulations it names.
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
			res, err := Run(context.Background(), snap, sc, RunOptions{Duration: 20 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Variants) != 1+len(sc.Variants) || res.Partial {
				t.Fatalf("%d runs (partial %v), want %d", len(res.Variants), res.Partial, 1+len(sc.Variants))
			}
			for _, v := range res.Variants {
				if v.ReachedS != 1200 || len(v.Series.TS) != int(1200/sc.Step.Seconds()) {
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

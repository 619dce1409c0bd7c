package scenarios

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeterminism: the same scenario and seed give byte-identical
// metrics, whether the variants run one at a time or all at once; another
// seed gives other incidents.
func TestDeterminism(t *testing.T) {
	snap := sampleCity(t)
	run := func(par int, seed uint64) []byte {
		sc, err := Decode("coupling.yaml", []byte(stormFile))
		if err != nil {
			t.Fatal(err)
		}
		sc.Seed = seed
		res, err := Run(context.Background(), snap, sc, RunOptions{Parallel: par, Duration: 20 * time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := run(1, 3), run(2, 3)
	if !bytes.Equal(a, b) {
		t.Fatalf("two runs with seed 3 differ (%d and %d bytes)", len(a), len(b))
	}
	if c := run(2, 4); bytes.Equal(a, c) {
		t.Fatal("seeds 3 and 4 gave the same results")
	}
}

// TestCancel: cancelling during the run stops every variant at the end of
// its step and returns partial results with ErrCanceled.
func TestCancel(t *testing.T) {
	sc, err := Decode("coupling.yaml", []byte(stormFile))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var steps atomic.Int32
	res, err := Run(ctx, sampleCity(t), sc, RunOptions{Parallel: 1, Progress: func(string, time.Duration, time.Duration) {
		if steps.Add(1) == 5 {
			cancel()
		}
	}})
	if !errors.Is(err, ErrCanceled) || res == nil || !res.Partial {
		t.Fatalf("err %v, results %v", err, res != nil)
	}
	if v := res.Variants[0]; v.ReachedS != 300 || len(v.Series.TS) != 5 {
		t.Errorf("baseline reached %.0f s with %d samples, want 300 s and 5", v.ReachedS, len(v.Series.TS))
	}
}

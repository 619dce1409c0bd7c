package dispatch

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestMEXCLPKeepsLoneUnit: on the line street (10 s per 100 m, see line)
// unit A at x = 1350 is the only unit within the 60 s target of the far
// district F (x = 1900, 55 s away), unit B at x = 600 covers the west
// (x = 400), both cover the centre (x = 1000). A call at x = 1000 is 35 s
// from A and 40 s from B. Nearest sends A. MEXCLP (Daskin 1983) charges A
// w_F(1−q) + w_C q(1−q) and B w_W(1−q) + w_C q(1−q), so with w_F = 100 >
// w_W = 10 it sends B and keeps F covered. With a 20 s target neither is
// within reach and MEXCLP falls back to the nearest, A. The centre's
// terms are equal, so B wins for every q in (0, 1): at the estimate's
// clamps (MinBusyQ, MaxBusyQ) as at the default. ETAs are exact
// sums of whole-ms block costs, so they are compared to 1e-9 s.
func TestMEXCLPKeepsLoneUnit(t *testing.T) {
	g := line(t, 20)
	d := lineDemand(t, g, []float64{1900, 400, 1000}, []float64{100, 10, 50})
	cov := NewCoverage(g, d)
	units := []Snap{at(t, g, 1350), at(t, g, 600)}
	call := at(t, g, 1000)
	cases := []struct {
		name    string
		opt     PolicyOptions
		want    int
		wantETA float64
	}{
		{"nearest sends A", PolicyOptions{Kind: Nearest, TargetS: 60}, 0, 35},
		{"mexclp keeps A for the far district", PolicyOptions{Kind: MEXCLP, TargetS: 60, BusyQ: 0.3}, 1, 40},
		{"mexclp with q near 0 too", PolicyOptions{Kind: MEXCLP, TargetS: 60, BusyQ: 0.01}, 1, 40},
		{"mexclp at the estimate's floor", PolicyOptions{Kind: MEXCLP, TargetS: 60, BusyQ: MinBusyQ}, 1, 40},
		{"mexclp at the estimate's ceiling", PolicyOptions{Kind: MEXCLP, TargetS: 60, BusyQ: MaxBusyQ}, 1, 40},
		{"mexclp, q from the default", PolicyOptions{Kind: MEXCLP, TargetS: 60}, 1, 40},
		{"mexclp, none within target: nearest", PolicyOptions{Kind: MEXCLP, TargetS: 20}, 0, 35},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dp, err := NewDispatcher(g, cov, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got, eta, err := dp.Choose(units, nil, nil, call)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || math.Abs(eta-tc.wantETA) > 1e-9 {
				t.Fatalf("unit %d ETA %v s, want unit %d ETA %v s", got, eta, tc.want, tc.wantETA)
			}
		})
	}
	// The losses themselves, against the formula above with q = 0.3.
	dp, _ := NewDispatcher(g, cov, PolicyOptions{Kind: MEXCLP, TargetS: 60, BusyQ: 0.3})
	loss, err := dp.losses(units, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := 0.3
	want := []float64{100*(1-q) + 50*q*(1-q), 10*(1-q) + 50*q*(1-q)}
	for i := range want {
		if math.Abs(loss[i]-want[i]) > 1e-12 {
			t.Errorf("loss of unit %d = %v, want %v", i, loss[i], want[i])
		}
	}
	// A unit that does not count toward coverage (returning) loses nothing.
	if got, _, _ := dp.Choose(units, nil, []bool{true, false}, call); got != 1 {
		t.Errorf("with B not covering, MEXCLP sent %d, want B (1)", got)
	}
}

// TestNearestMatchesExhaustive: on the sample city the Nearest policy
// (one ManyToOne on the hierarchy) picks, for 40 seeded calls and 12
// seeded units, a unit whose ETA equals the least of the exact
// point-to-point routes from every unit (Graph.Route, plain Dijkstra
// engine), to 1e-9 s, with turnout delays added.
func TestNearestMatchesExhaustive(t *testing.T) {
	tw := monaco(t)
	ref, err := NewGraph(tw.links, tw.rs, GraphOptions{Algorithm: Dijkstra})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	var units []Snap
	var delay []float64
	for range 12 {
		units = append(units, tw.d.Snaps[rng.IntN(tw.d.Len())])
		delay = append(delay, float64(rng.IntN(3))*30)
	}
	dp, err := NewDispatcher(tw.g, nil, PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for range 40 {
		call := tw.d.Snaps[rng.IntN(tw.d.Len())]
		got, eta, err := dp.Choose(units, delay, nil, call)
		if err != nil {
			t.Fatal(err)
		}
		best, bestETA := -1, math.Inf(1)
		for i, u := range units {
			p, err := ref.Route(u, call)
			if err != nil {
				continue
			}
			if e := p.CostS + delay[i]; e < bestETA {
				best, bestETA = i, e
			}
		}
		if math.Abs(eta-bestETA) > 1e-9 {
			t.Fatalf("Nearest sent unit %d (ETA %v s), exhaustive routing finds unit %d (ETA %v s)", got, eta, best, bestETA)
		}
	}
}

func TestChooseErrors(t *testing.T) {
	g := line(t, 3)
	dp, _ := NewDispatcher(g, nil, PolicyOptions{})
	if _, _, err := dp.Choose(nil, nil, nil, at(t, g, 50)); !errors.Is(err, ErrNoUnit) {
		t.Errorf("no units: %v, want ErrNoUnit", err)
	}
	if _, err := NewDispatcher(g, nil, PolicyOptions{Kind: MEXCLP}); !errors.Is(err, ErrOptions) {
		t.Errorf("MEXCLP without coverage: %v, want ErrOptions", err)
	}
	for _, o := range []PolicyOptions{{TargetS: -1}, {BusyQ: 1}, {BusyQ: math.NaN()}, {Kind: 7}} {
		if err := o.Validate(); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", o, err)
		}
	}
	if _, err := ParsePolicy("fastest"); !errors.Is(err, ErrOptions) {
		t.Errorf("ParsePolicy(fastest): %v", err)
	}
}

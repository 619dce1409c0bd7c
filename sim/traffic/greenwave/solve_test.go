package greenwave

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

const tol = 1e-6 // seconds

// TestTwoSignalsOneWay: with the whole flow outbound, the best offset
// difference of two identical signals is the travel time modulo the cycle
// and the band is the whole green (the classic single-direction result,
// e.g. Roess, Prassas and McShane, Traffic Engineering, ch. "Signal
// coordination": ideal offset = L/S).
func TestTwoSignalsOneWay(t *testing.T) {
	for _, tc := range []struct {
		name           string
		length, speed  float64
		wantOffsetDiff float64
	}{
		{"shorter than a cycle", 500, 12.5, 40},     // 40 s
		{"longer than a cycle", 1625, 12.5, 40},     // 130 s ≡ 40 (mod 90)
		{"exactly a cycle", 900, 10, 0},             // 90 s ≡ 0
		{"a few seconds", 50, 12.5, 4},              // 4 s
		{"nearly a cycle", 1112.5, 12.5, 89},        // 89 s
		{"three cycles and a half", 3150, 10, 45.0}, // 315 s ≡ 45
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := uniform(2, 42, 42, tc.length, tc.speed)
			c.FlowOut, c.FlowIn = 1000, 0
			p, err := Solve(c, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p.Cycle-90) > tol || math.Abs(p.Out.Width-42) > tol {
				t.Errorf("cycle %g band %g, want 90 and 42 (the green)", p.Cycle, p.Out.Width)
			}
			d := mod(p.Signals[1].Offset-p.Signals[0].Offset, 90)
			if e := math.Abs(d - tc.wantOffsetDiff); math.Min(e, 90-e) > tol {
				t.Errorf("offset difference %g s, want %g", d, tc.wantOffsetDiff)
			}
		})
	}
}

// TestTwoSignalsTwoWay: two identical signals with both directions green
// together and equal flows get equal bands b = b̄ = g − ½·dist(2T, C·ℤ),
// where T is the travel time (the best of the simultaneous and alternate
// offsets; derived by hand: with offset difference φ the bands are
// g − dist(φ − T) and g − dist(φ + T), equal at φ ∈ {0, C/2}).
func TestTwoSignalsTwoWay(t *testing.T) {
	const g, C = 40.0, 86.0 // 40 + 3 + 40 + 3
	for _, T := range []float64{0, 5, 10, 21.5, 30, 43, 50, 64.5, 80, 86, 100, 150} {
		c := uniform(2, g, g, T*12+1e-9, 12)
		p, err := Solve(c, Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := mod(2*T, C)
		want := g - math.Min(d, C-d)/2
		if math.Abs(p.Out.Width-want) > tol || math.Abs(p.In.Width-want) > tol {
			t.Errorf("T=%g: bands %g/%g, want %g", T, p.Out.Width, p.In.Width, want)
		}
	}
}

// TestUniformHalfAndFullCycle: a uniform corridor with equal flows whose
// travel time between signals is half the cycle gets alternate offsets
// (0, C/2, 0, …) and full bands both ways; with a travel time of a whole
// cycle, simultaneous offsets and full bands (Little 1966; Roess et al.,
// "ideal" alternate and simultaneous systems).
func TestUniformHalfAndFullCycle(t *testing.T) {
	for _, tc := range []struct {
		name   string
		length float64
		want   []float64
	}{
		{"alternate", 45 * 12.5, []float64{0, 45, 0, 45, 0, 45}},
		{"simultaneous", 90 * 12.5, []float64{0, 0, 0, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := uniform(6, 42, 42, tc.length, 12.5)
			p, err := Solve(c, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p.Out.Width-42) > tol || math.Abs(p.In.Width-42) > tol {
				t.Errorf("bands %g/%g, want 42/42", p.Out.Width, p.In.Width)
			}
			for i, s := range p.Signals {
				if e := math.Abs(s.Offset - tc.want[i]); math.Min(e, 90-e) > tol {
					t.Errorf("signal %d offset %g, want %g", i, s.Offset, tc.want[i])
				}
			}
		})
	}
}

// TestCycleChoice: a uniform corridor of 400 m blocks at 10 m/s (T = 40 s)
// over cycles 60–120 s reaches full bands only at the alternate cycle
// C = 2T = 80 s and the simultaneous one C = T = 40 s (out of range);
// Scan and MILP must both find 80 s.
func TestCycleChoice(t *testing.T) {
	for _, m := range []Method{Scan, MILP} {
		t.Run(m.String(), func(t *testing.T) {
			c := uniform(5, 37, 37, 400, 10) // 80 s cycle as given
			p, err := Solve(c, Options{CycleMin: 60, CycleMax: 120, Method: m})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p.Cycle-80) > 1e-6 {
				t.Fatalf("cycle %g, want 80", p.Cycle)
			}
			// Green at 80 s: (80−6)/2 = 37 s per direction.
			if math.Abs(p.Out.Width-37) > tol || math.Abs(p.In.Width-37) > tol {
				t.Errorf("bands %g/%g, want 37/37", p.Out.Width, p.In.Width)
			}
		})
	}
}

// TestQueueClearance: a one-way corridor whose band must start τ seconds
// into each green gets a band of g − max τ.
func TestQueueClearance(t *testing.T) {
	c := uniform(4, 42, 42, 300, 12)
	c.FlowOut, c.FlowIn = 1, 0
	for i, q := range []float64{4, 9, 0, 2} {
		c.Signals[i].QueueOut = q
	}
	p, err := Solve(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Out.Width-33) > tol {
		t.Errorf("band %g, want 42 − 9 = 33", p.Out.Width)
	}
}

// TestBandsMatchGeometry: the bands Solve claims are there when the
// time–space geometry of its plan is measured independently (Bands), on
// seeded random corridors with mixed programs and cycle ranges.
func TestBandsMatchGeometry(t *testing.T) {
	seed := uint64(20240601)
	rng := rand.New(rand.NewPCG(seed, 1))
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.IntN(10)
		c := randomCorridor(rng, n, 90)
		opt := Options{WholeSeconds: trial%2 == 0}
		if trial%3 == 0 {
			opt.CycleMin, opt.CycleMax = 70, 110
		}
		p, err := Solve(c, opt)
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		if err != nil {
			t.Fatalf("seed %d trial %d: %v", seed, trial, err)
		}
		out, in, err := c.Bands(p.Durations(), p.Offsets())
		if err != nil {
			t.Fatal(err)
		}
		if out.Width < p.Out.Width-tol || in.Width < p.In.Width-tol {
			t.Errorf("seed %d trial %d: measured bands %g/%g, plan claims %g/%g", seed, trial, out.Width, in.Width, p.Out.Width, p.In.Width)
		}
		if p.Out.Width > 0 && math.Abs(mod(out.Start-p.Out.Start+1, p.Cycle)-1) > 1e-6 && out.Width < p.Out.Width+tol {
			t.Errorf("seed %d trial %d: outbound band starts at %g, plan says %g", seed, trial, out.Start, p.Out.Start)
		}
	}
}

// TestOptimalAgainstBruteForce: no offsets on a fine grid do better than
// Solve's optimum, and the best grid point comes within the grid's
// resolution of it. Bands measures each grid point from the geometry, so
// the check is independent of the MAXBAND formulation. MAXBAND asks for a
// progression in both directions (b, b̄ ≥ 0 with both bands placed in
// green), so only grid points where both bands exist count.
func TestOptimalAgainstBruteForce(t *testing.T) {
	seed := uint64(7)
	rng := rand.New(rand.NewPCG(seed, 2))
	const C, step = 90.0, 0.5
	for trial := 0; trial < 12; trial++ {
		n := 2 + trial%2
		c := randomCorridor(rng, n, C)
		p, err := Solve(c, Options{})
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		bestGrid := 0.0
		off := make([]float64, n)
		var walk func(i int)
		walk = func(i int) {
			if i == n {
				out, in, err := c.Bands(nil, off)
				if err != nil {
					t.Fatal(err)
				}
				if out.Width > 0 && in.Width > 0 {
					bestGrid = math.Max(bestGrid, c.bestOf(out.Width, in.Width, C))
				}
				return
			}
			for o := 0.0; o < C; o += step {
				off[i] = o
				walk(i + 1)
			}
		}
		walk(1)
		if bestGrid > p.Objective+1e-9 {
			t.Errorf("seed %d trial %d: grid finds %g, Solve %g", seed, trial, bestGrid, p.Objective)
		}
		// Moving the optimal offsets to the grid loses at most a step per
		// band edge: 2 steps per direction, weights ≤ 1.
		if p.Out.Width > 2*step && p.In.Width > 2*step && bestGrid < p.Objective-4*step/C-1e-9 {
			t.Errorf("seed %d trial %d: grid best %g far below Solve %g", seed, trial, bestGrid, p.Objective)
		}
	}
}

// TestMILPMatchesScan: at a fixed cycle the branch-and-bound solution of
// the MILP (without a seed) and the fixed-cycle reduction agree; over a
// cycle range the MILP, whose cycle is continuous, is at least as good as
// the best whole cycle and its value is met at its own cycle.
func TestMILPMatchesScan(t *testing.T) {
	seed := uint64(99)
	rng := rand.New(rand.NewPCG(seed, 3))
	for trial := 0; trial < 40; trial++ {
		n := 2 + rng.IntN(6)
		c := randomCorridor(rng, n, 90)
		lo, hi := 90.0, 90.0
		if trial%2 == 1 {
			lo, hi = 75, 105
		}
		sp, err := Solve(c, Options{CycleMin: lo, CycleMax: hi})
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		x, f, nodes, err := c.newMaxband(lo, hi).branchAndBound(math.Inf(1), 1e6)
		if err != nil || x == nil {
			t.Fatalf("seed %d trial %d: branch and bound: %v (%d nodes)", seed, trial, err, nodes)
		}
		if -f < sp.Objective-1e-7 || lo == hi && -f > sp.Objective+1e-7 {
			t.Errorf("seed %d trial %d (cycles %g–%g): MILP %g, scan %g", seed, trial, lo, hi, -f, sp.Objective)
		}
		mp, err := Solve(c, Options{CycleMin: lo, CycleMax: hi, Method: MILP})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(mp.Objective-mp.Relaxed) > 1e-7 || math.Abs(mp.Relaxed+f) > 1e-7 {
			t.Errorf("seed %d trial %d: MILP plan %g at %g s, MILP optimum %g/%g", seed, trial, mp.Objective, mp.Cycle, mp.Relaxed, -f)
		}
	}
}

// TestDeterminism: identical inputs give byte-identical plans.
func TestDeterminism(t *testing.T) {
	for _, m := range []Method{Scan, MILP} {
		var first []byte
		for run := 0; run < 3; run++ {
			rng := rand.New(rand.NewPCG(5, 5))
			c := randomCorridor(rng, 8, 90)
			p, err := Solve(c, Options{CycleMin: 80, CycleMax: 100, WholeSeconds: true, Method: m})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := p.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = buf.Bytes()
			} else if !bytes.Equal(first, buf.Bytes()) {
				t.Fatalf("%v: run %d differs", m, run)
			}
		}
	}
}

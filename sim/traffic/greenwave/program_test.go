package greenwave

import (
	"math"
	"slices"
	"testing"
)

func TestGreenRun(t *testing.T) {
	ph := func(spec string, d ...float64) []Phase { // spec: O, I, B (both), - (neither)
		var p []Phase
		for k, c := range spec {
			p = append(p, Phase{Duration: d[k], Out: c == 'O' || c == 'B', In: c == 'I' || c == 'B'})
		}
		return p
	}
	for _, tc := range []struct {
		name             string
		phases           []Phase
		out              bool
		wantFirst, wantN int
	}{
		{"two-phase", ph("B-I-", 40, 3, 40, 3), true, 0, 1},
		{"wraps past the end", ph("O-IO", 20, 3, 40, 10), true, 3, 2},
		{"longest of two runs", ph("O-OO-", 10, 3, 20, 15, 3), true, 2, 2},
		{"leading outbound", ph("OB--", 10, 30, 3, 40), false, 1, 1},
		{"always green", ph("BB", 10, 20), true, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, n := greenRun(tc.phases, tc.out)
			if f != tc.wantFirst || n != tc.wantN {
				t.Errorf("got run (%d, %d), want (%d, %d)", f, n, tc.wantFirst, tc.wantN)
			}
		})
	}
}

// TestDurationsAt: stretching keeps fixed phases, scales the others in
// proportion and, with whole seconds, keeps the cycle exact.
func TestDurationsAt(t *testing.T) {
	s := twoPhase("J", 42, 30) // 42 + 3 + 30 + 3 = 78
	for _, tc := range []struct {
		cycle float64
		whole bool
		want  []float64
	}{
		{78, true, []float64{42, 3, 30, 3}},
		{150, false, []float64{84, 3, 60, 3}},
		{100, false, []float64{42 * 94.0 / 72, 3, 30 * 94.0 / 72, 3}},
		// 54.83 + 39.17 = 94: floors 54 + 39 = 93, the larger remainder
		// (0.83) takes the last second.
		{100, true, []float64{55, 3, 39, 3}},
	} {
		got := s.durationsAt(tc.cycle, tc.whole)
		for k := range got {
			if math.Abs(got[k]-tc.want[k]) > 1e-9 {
				t.Errorf("cycle %g whole %v: got %v, want %v", tc.cycle, tc.whole, got, tc.want)
				break
			}
		}
	}
	if s.stretchable(6) || !s.stretchable(7) {
		t.Error("a program with 6 s of yellow runs at 7 s but not at 6 s")
	}
	st, ln := s.windowLin(0, 1)
	w := windowAt(s.durationsAt(100, false), 0, 1)
	if math.Abs(st.at(100)-w.Start) > 1e-9 || math.Abs(ln.at(100)-w.Length) > 1e-9 {
		t.Errorf("linear window %v/%v at 100 s, stretched window %+v", st.at(100), ln.at(100), w)
	}
	if !slices.Equal(s.durationsAt(78, false), []float64{42, 3, 30, 3}) {
		t.Error("the current cycle changes the program")
	}
}

func TestValidate(t *testing.T) {
	good := func() *Corridor { return uniform(3, 40, 40, 300, 12) }
	for _, tc := range []struct {
		name string
		edit func(c *Corridor)
	}{
		{"no signals", func(c *Corridor) { c.Signals, c.Links = nil, nil }},
		{"link count", func(c *Corridor) { c.Links = c.Links[:1] }},
		{"zero speed", func(c *Corridor) { c.Links[0].In.Speed = 0 }},
		{"negative length", func(c *Corridor) { c.Links[1].Out.Length = -1 }},
		{"no inbound green", func(c *Corridor) {
			c.Signals[1].Phases = []Phase{{Duration: 40, Out: true}, {Duration: 40}}
		}},
		{"zero duration", func(c *Corridor) { c.Signals[0].Phases = []Phase{{Duration: 0, Out: true, In: true}} }},
		{"all fixed", func(c *Corridor) { c.Signals[2].Phases = []Phase{{Duration: 3, Fixed: true, Out: true, In: true}} }},
		{"negative flow", func(c *Corridor) { c.FlowIn = -1 }},
		{"NaN queue", func(c *Corridor) { c.Signals[0].QueueOut = math.NaN() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good()
			tc.edit(c)
			if err := c.Validate(); err == nil {
				t.Fatal("Validate accepted it")
			}
			if _, err := Solve(c, Options{}); err == nil {
				t.Fatal("Solve accepted it")
			}
		})
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{CycleMin: 100, CycleMax: 80}, {CycleStep: -1}, {Method: 7}, {MaxNodes: -1}, {CycleMin: math.Inf(1)}} {
		if o.Validate() == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

package greenwave

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// twoPhase returns a signal whose program gives the corridor (both
// directions) mainGreen seconds, then 3 s of yellow, crossGreen seconds for
// the cross street and 3 s of yellow: netconvert's default layout.
func twoPhase(id string, mainGreen, crossGreen float64) Signal {
	return Signal{ID: id, Phases: []Phase{
		{Duration: mainGreen, Out: true, In: true, State: "GGrr"},
		{Duration: 3, Fixed: true, State: "yyrr"},
		{Duration: crossGreen, State: "rrGG"},
		{Duration: 3, Fixed: true, State: "rryy"},
	}}
}

// uniform returns a corridor of n two-phase signals spaced length metres
// apart, travelled at speed m/s both ways, with equal flows.
func uniform(n int, green, cross, length, speed float64) *Corridor {
	c := &Corridor{FlowOut: 1, FlowIn: 1}
	for i := 0; i < n; i++ {
		c.Signals = append(c.Signals, twoPhase(fmt.Sprint("J", i), green, cross))
		if i > 0 {
			c.Links = append(c.Links, Link{Leg{length, speed}, Leg{length, speed}})
		}
	}
	return c
}

// randomCorridor returns a corridor of n signals with seeded random
// programs (two or three phases, a leading outbound green on some),
// spacings, speeds, queue clearances and flows. Every program has a cycle
// of cycle seconds.
func randomCorridor(rng *rand.Rand, n int, cycle float64) *Corridor {
	c := &Corridor{FlowOut: 100 + rng.Float64()*900, FlowIn: 100 + rng.Float64()*900}
	for i := 0; i < n; i++ {
		free := cycle - 6
		main := math.Round(free * (0.35 + 0.3*rng.Float64()))
		s := Signal{ID: fmt.Sprint("S", i)}
		if rng.IntN(3) == 0 { // a leading outbound-only green
			lead := math.Round(main * 0.3)
			s.Phases = []Phase{
				{Duration: lead, Out: true},
				{Duration: main - lead, Out: true, In: true},
				{Duration: 3, Fixed: true},
				{Duration: free - main, In: false},
				{Duration: 3, Fixed: true},
			}
		} else {
			s = twoPhase(s.ID, main, free-main)
		}
		s.QueueOut = math.Round(rng.Float64() * 6)
		s.QueueIn = math.Round(rng.Float64() * 6)
		s.Offset = math.Round(rng.Float64() * cycle)
		c.Signals = append(c.Signals, s)
		if i > 0 {
			l := 150 + rng.Float64()*650
			c.Links = append(c.Links, Link{
				Out: Leg{l, 11 + rng.Float64()*3},
				In:  Leg{l + rng.Float64()*10, 11 + rng.Float64()*3},
			})
		}
	}
	return c
}

// best returns the MAXBAND objective the bands (b, bi) in seconds allow at
// the corridor's weights: narrower bands inside a measured band are bands
// too, so any (b', bi') ≤ (b, bi) that keeps the flow ratio counts.
func (c *Corridor) bestOf(b, bi, cycle float64) float64 {
	wOut, wIn, r := c.weights()
	x, y := split(b+bi, b, bi, wOut, wIn, r)
	return (wOut*x + wIn*y) / cycle
}

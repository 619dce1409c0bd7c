package greenwave

import (
	"fmt"
	"math"
)

// Band is a green band: the set of vehicles that, moving at the
// progression speeds, pass every signal of the corridor in green.
type Band struct {
	// Width is the band's width in seconds (0 when there is none).
	Width float64 `json:"width_s"`
	// Start is when the band's leading edge passes the first signal of its
	// direction (Signals[0] outbound, the last signal inbound), in seconds
	// modulo the cycle.
	Start float64 `json:"start_s"`
}

// Bands measures the outbound and inbound bands of the corridor running
// the given phase durations (one slice per signal, each summing to the
// common cycle; nil means the current programs) with the given offsets
// (seconds, SUMO convention). Queue clearance shortens each green at its
// start. It works from the geometry of the time–space diagram alone,
// intersecting the green windows shifted by the travel times, and so checks
// the optimiser independently of its formulation. Errors wrap ErrCorridor
// when the corridor is invalid or the durations do not share one cycle.
// O(n²) for n signals.
func (c *Corridor) Bands(durations [][]float64, offsets []float64) (out, in Band, err error) {
	if err := c.Validate(); err != nil {
		return Band{}, Band{}, err
	}
	n := len(c.Signals)
	if durations == nil {
		durations = make([][]float64, n)
		for i := range c.Signals {
			for _, p := range c.Signals[i].Phases {
				durations[i] = append(durations[i], p.Duration)
			}
		}
	}
	if len(durations) != n || len(offsets) != n {
		return Band{}, Band{}, fmt.Errorf("%w: %d durations and %d offsets for %d signals", ErrCorridor, len(durations), len(offsets), n)
	}
	cycle := 0.0
	for i, d := range durations {
		if len(d) != len(c.Signals[i].Phases) {
			return Band{}, Band{}, fmt.Errorf("%w: signal %d: %d durations for %d phases", ErrCorridor, i, len(d), len(c.Signals[i].Phases))
		}
		sum := 0.0
		for _, v := range d {
			sum += v
		}
		if i == 0 {
			cycle = sum
		} else if math.Abs(sum-cycle) > 1e-6 {
			return Band{}, Band{}, fmt.Errorf("%w: signal %d runs a %g s cycle, signal 0 a %g s cycle", ErrCorridor, i, sum, cycle)
		}
	}
	r := c.runs()
	outSet, inSet := fullArcs(cycle), fullArcs(cycle)
	sOut, sIn := 0.0, 0.0
	for i := 0; i < n; i++ {
		if i > 0 {
			sOut += c.Links[i-1].Out.Time()
			sIn += c.Links[i-1].In.Time()
		}
		wo := windowAt(durations[i], r.out[i][0], r.out[i][1])
		wi := windowAt(durations[i], r.in[i][0], r.in[i][1])
		tau, taui := math.Min(c.Signals[i].QueueOut, wo.Length), math.Min(c.Signals[i].QueueIn, wi.Length)
		// Outbound: leaving signal 0 at t, a vehicle meets signal i at
		// t + sOut. Inbound: measured at signal 0 on arrival; shifted to
		// the last signal below.
		outSet = outSet.intersect(offsets[i]+wo.Start+tau-sOut, wo.Length-tau)
		inSet = inSet.intersect(offsets[i]+wi.Start+taui+sIn, wi.Length-taui)
	}
	out.Start, out.Width = outSet.longest()
	in.Start, in.Width = inSet.longest()
	in.Start = mod(in.Start-sIn, cycle)
	return out, in, nil
}

// arcs is a set of disjoint, sorted half-open intervals of the circle
// [0, c).
type arcs struct {
	c  float64
	iv [][2]float64
}

func fullArcs(c float64) arcs { return arcs{c, [][2]float64{{0, c}}} }

// intersect returns the part of s inside the arc [lo, lo+length) taken
// modulo the circle. O(len(s.iv)).
func (s arcs) intersect(lo, length float64) arcs {
	if length >= s.c {
		return s
	}
	if length <= 0 {
		return arcs{c: s.c}
	}
	lo = mod(lo, s.c)
	pieces := [][2]float64{{lo, math.Min(lo+length, s.c)}}
	if lo+length > s.c {
		pieces = [][2]float64{{0, lo + length - s.c}, {lo, s.c}}
	}
	var res [][2]float64
	for _, a := range s.iv {
		for _, p := range pieces {
			l, h := math.Max(a[0], p[0]), math.Min(a[1], p[1])
			if h > l {
				res = append(res, [2]float64{l, h})
			}
		}
	}
	return arcs{s.c, res}
}

// longest returns the start and length of the longest run of the set,
// joining a run that ends at c with one that starts at 0. O(len(s.iv)).
func (s arcs) longest() (start, width float64) {
	if len(s.iv) == 0 {
		return 0, 0
	}
	if len(s.iv) == 1 && s.iv[0][0] <= 0 && s.iv[0][1] >= s.c {
		return 0, s.c
	}
	for _, a := range s.iv {
		if a[1]-a[0] > width {
			start, width = a[0], a[1]-a[0]
		}
	}
	first, last := s.iv[0], s.iv[len(s.iv)-1]
	const tol = 1e-9
	if len(s.iv) > 1 && first[0] <= tol && last[1] >= s.c-tol {
		if w := (last[1] - last[0]) + (first[1] - first[0]); w > width {
			start, width = last[0], w
		}
	}
	return start, width
}

package greenwave

import (
	"math"
	"slices"
)

// window is a green interval of one direction in program time: it opens
// Start seconds after phase 0 begins and lasts Length seconds; it may run
// past the end of the cycle into the next.
type window struct{ Start, Length float64 }

// lin is a quantity linear in the cycle C: c0 + c1·C seconds. Phase
// boundaries of a stretched program are such quantities.
type lin struct{ c0, c1 float64 }

func (l lin) at(cycle float64) float64 { return l.c0 + l.c1*cycle }
func (l lin) add(m lin) lin            { return lin{l.c0 + m.c0, l.c1 + m.c1} }
func (l lin) sub(m lin) lin            { return lin{l.c0 - m.c0, l.c1 - m.c1} }

// stretchable reports whether the program can run at the given cycle: its
// variable phases keep a positive total length.
func (s *Signal) stretchable(cycle float64) bool {
	return cycle > s.fixedTime()+1e-9
}

// durationsAt returns the phase durations with the variable phases
// stretched in proportion so that they sum to cycle seconds; fixed phases
// keep their length. With whole set and every fixed duration and the cycle
// whole numbers, the variable phases are rounded to whole seconds by the
// largest-remainder method (the sum stays exact) unless a phase would round
// to zero. The caller checks stretchable first. O(phases · log phases).
func (s *Signal) durationsAt(cycle float64, whole bool) []float64 {
	c0, fixed := s.Cycle(), s.fixedTime()
	scale := (cycle - fixed) / (c0 - fixed)
	d := make([]float64, len(s.Phases))
	for k, p := range s.Phases {
		d[k] = p.Duration
		if !p.Fixed {
			d[k] = p.Duration * scale
		}
	}
	if whole && isWhole(cycle) && scale != 1 {
		if r, ok := s.roundWhole(d, cycle-fixed); ok {
			return r
		}
	}
	return d
}

// roundWhole rounds the variable durations of d to whole seconds summing to
// total (largest remainder, ties to the earlier phase). It reports false
// when a fixed duration is not whole or a variable phase would get zero.
func (s *Signal) roundWhole(d []float64, total float64) ([]float64, bool) {
	r := slices.Clone(d)
	var vars []int
	sum := 0.0
	for k, p := range s.Phases {
		if p.Fixed {
			if !isWhole(p.Duration) {
				return nil, false
			}
			continue
		}
		vars = append(vars, k)
		r[k] = math.Floor(d[k])
		sum += r[k]
	}
	frac := func(k int) float64 { return d[k] - math.Floor(d[k]) }
	order := slices.Clone(vars)
	slices.SortStableFunc(order, func(a, b int) int {
		switch fa, fb := frac(a), frac(b); {
		case fa > fb:
			return -1
		case fa < fb:
			return 1
		}
		return 0
	})
	for i := 0; sum < math.Round(total)-0.5 && i < len(order); i++ {
		r[order[i]]++
		sum++
	}
	for _, k := range vars {
		if r[k] < 1 {
			return nil, false
		}
	}
	return r, true
}

func isWhole(v float64) bool { return v == math.Trunc(v) }

// greenRun returns the longest cyclic run of consecutive phases in which
// the given direction (out: outbound, else inbound) has green, as the index
// of its first phase and its phase count, measured on the current
// durations; ties go to the earliest start. O(phases²).
func greenRun(phases []Phase, out bool) (first, count int) {
	n := len(phases)
	green := func(k int) bool {
		p := phases[k%n]
		return out && p.Out || !out && p.In
	}
	all := true
	for k := 0; k < n; k++ {
		all = all && green(k)
	}
	if all {
		return 0, n
	}
	best := -1.0
	for k := 0; k < n; k++ {
		if !green(k) || green(k+n-1) { // not the start of a run
			continue
		}
		length, m := 0.0, 0
		for m < n && green(k+m) {
			length += phases[(k+m)%n].Duration
			m++
		}
		if length > best {
			best, first, count = length, k, m
		}
	}
	return first, count
}

// windowAt returns the direction's green window for the given stretched
// durations and run.
func windowAt(d []float64, first, count int) window {
	start := 0.0
	for k := 0; k < first; k++ {
		start += d[k]
	}
	length := 0.0
	for m := 0; m < count; m++ {
		length += d[(first+m)%len(d)]
	}
	return window{start, length}
}

// windowLin returns the direction's green window as linear functions of
// the cycle for exact proportional stretching (no rounding): start and
// length in seconds.
func (s *Signal) windowLin(first, count int) (start, length lin) {
	c0, fixed := s.Cycle(), s.fixedTime()
	dur := func(k int) lin {
		p := s.Phases[k]
		if p.Fixed {
			return lin{p.Duration, 0}
		}
		f := p.Duration / (c0 - fixed)
		return lin{-f * fixed, f}
	}
	for k := 0; k < first; k++ {
		start = start.add(dur(k))
	}
	for m := 0; m < count; m++ {
		length = length.add(dur((first + m) % len(s.Phases)))
	}
	return start, length
}

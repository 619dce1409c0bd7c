package greenwave

import "math"

// eps is the tolerance, in seconds, of the band arithmetic.
const eps = 1e-9

// fixedSolution is the optimum of the band problem at one cycle.
type fixedSolution struct {
	// b, bi are the outbound and inbound bandwidths in seconds and total
	// the largest b+bi the loop constraints allow (before the caps and the
	// flow ratio).
	b, bi, total float64
	// offsets are the signals' offsets in seconds, offsets[0] = 0.
	offsets []float64
	// w, wi place each band in its green: the band passes signal i w[i]
	// seconds after the outbound green opens (wi[i] for inbound).
	w, wi []float64
	// startOut is when the outbound band's leading edge passes signal 0 and
	// startIn when the inbound one passes the last signal, in [0, cycle).
	startOut, startIn float64
}

// solveFixed solves MAXBAND at the geometry's cycle exactly.
//
// With the cycle fixed the loop-integer program collapses (see doc.go,
// "Fixed cycle"): writing e_i = w_i − w̄_i, the loop constraints fix e_i up
// to a common shift θ and a multiple of the cycle, and each signal confines
// e_i − P_i to an interval [D_i + b̄, A_i − b]. The largest b+b̄ is the
// longest common part of integer translates of the intervals [D_i, A_i],
// found by trying each interval's left end as the common left end. The
// flow weights then split that total between the directions (split).
// It reports false when no two-way progression exists at this cycle (the
// translates never overlap). O(n²) for n signals.
func (g *geometry) solveFixed(wOut, wIn, r float64) (fixedSolution, bool) {
	if wOut == 0 || wIn == 0 {
		return g.oneWay(wOut > 0), true
	}
	n, C := len(g.g), g.cycle
	p := make([]float64, n) // P_i, the loop constants accumulated
	A := make([]float64, n)
	D := make([]float64, n)
	bmax, bimax := math.Inf(1), math.Inf(1)
	for i := 0; i < n; i++ {
		if i > 0 {
			dt := (g.sOut[i] - g.sOut[i-1]) + (g.sIn[i] - g.sIn[i-1])
			p[i] = p[i-1] + dt - (g.delta(i) - g.delta(i-1))
		}
		A[i] = g.g[i] - g.taui[i] - p[i]
		D[i] = -(g.gi[i] - g.tau[i]) - p[i]
		bmax = math.Min(bmax, g.g[i]-g.tau[i])
		bimax = math.Min(bimax, g.gi[i]-g.taui[i])
	}
	best, bestX, bestY := math.Inf(-1), 0.0, 0.0
	shift := make([]float64, n)
	for j := 0; j < n; j++ {
		x := mod(D[j], C)
		y := math.Inf(1)
		for i := 0; i < n; i++ {
			k := math.Ceil((D[i]-x)/C - eps/C)
			y = math.Min(y, A[i]-k*C)
		}
		if y-x > best+eps {
			best, bestX, bestY = y-x, x, y
		}
	}
	if best < -eps {
		return fixedSolution{}, false
	}
	best = math.Max(best, 0)
	b, bi := split(best, bmax, bimax, wOut, wIn, r)
	theta := (bestX + bi + bestY - b) / 2
	for i := 0; i < n; i++ {
		shift[i] = math.Ceil((D[i]-bestX)/C - eps/C)
	}
	return g.place(b, bi, best, theta, shift, p), true
}

// oneWay coordinates the corridor for one direction only (the other has no
// flow): the band is the narrowest green less its queue clearance, centred
// in the room every signal leaves it; the other direction's band is left
// at zero for the caller to measure. O(n).
func (g *geometry) oneWay(out bool) fixedSolution {
	n, C := len(g.g), g.cycle
	s := fixedSolution{offsets: make([]float64, n), w: make([]float64, n), wi: make([]float64, n)}
	width := math.Inf(1)
	for i := 0; i < n; i++ {
		if out {
			width = math.Min(width, g.g[i]-g.tau[i])
		} else {
			width = math.Min(width, g.gi[i]-g.taui[i])
		}
	}
	last := n - 1
	for i := 0; i < n; i++ {
		if out {
			s.w[i] = (g.tau[i] + g.g[i] - width) / 2
			s.offsets[i] = g.sOut[i] - g.a[i] - s.w[i]
		} else {
			// The inbound band passes signal i at −sIn[i], taking it to
			// reach signal 0 at time 0.
			s.wi[i] = (g.taui[i] + g.gi[i] - width) / 2
			s.offsets[i] = -g.sIn[i] - g.ai[i] - s.wi[i]
		}
	}
	ref := s.offsets[0]
	for i := range s.offsets {
		s.offsets[i] = mod(s.offsets[i]-ref, C)
	}
	if out {
		s.b, s.total, s.startOut = width, width, mod(s.offsets[0]+g.a[0]+s.w[0], C)
	} else {
		s.bi, s.total, s.startIn = width, width, mod(s.offsets[last]+g.ai[last]+s.wi[last], C)
	}
	return s
}

// delta is the time from the inbound green's opening to the outbound
// green's opening at signal i, in program seconds.
func (g *geometry) delta(i int) float64 { return g.a[i] - g.ai[i] }

// place turns a fixed-cycle optimum into offsets. Each band is centred in
// the room the other direction leaves it at every signal.
func (g *geometry) place(b, bi, total, theta float64, shift, p []float64) fixedSolution {
	n, C := len(g.g), g.cycle
	s := fixedSolution{b: b, bi: bi, total: total,
		offsets: make([]float64, n), w: make([]float64, n), wi: make([]float64, n)}
	for i := 0; i < n; i++ {
		e := theta + shift[i]*C + p[i]
		lo := math.Max(g.tau[i], e+g.taui[i])
		hi := math.Min(g.g[i]-b, e+g.gi[i]-bi)
		s.w[i] = (lo + hi) / 2
		s.wi[i] = s.w[i] - e
		// The outbound band's leading edge passes signal i at sOut[i]
		// (taking it to pass signal 0 at time 0), which is w[i] after the
		// green opens at offset + a[i].
		s.offsets[i] = g.sOut[i] - g.a[i] - s.w[i]
	}
	ref := s.offsets[0]
	for i := range s.offsets {
		s.offsets[i] = mod(s.offsets[i]-ref, C)
	}
	s.startOut = mod(-ref, C)
	last := n - 1
	s.startIn = mod(s.offsets[last]+g.ai[last]+s.wi[last], C)
	return s
}

// split shares a total two-way bandwidth between the directions: it
// maximises wOut·b + wIn·bi subject to b + bi ≤ total, b ≤ bmax,
// bi ≤ bimax, b, bi ≥ 0 and the lighter direction's band at least r times
// the heavier one's (both ways when the weights are equal: b = bi). It
// enumerates the vertices of this two-variable LP; ties go to the larger
// b + bi. O(1).
func split(total, bmax, bimax, wOut, wIn, r float64) (b, bi float64) {
	type row struct{ x, y, h float64 } // x·b + y·bi ≤ h
	rows := []row{{1, 1, total}, {1, 0, bmax}, {0, 1, bimax}, {-1, 0, 0}, {0, -1, 0}}
	if wOut >= wIn {
		rows = append(rows, row{r, -1, 0})
	}
	if wIn >= wOut {
		rows = append(rows, row{-1, r, 0})
	}
	feasible := func(x, y float64) bool {
		for _, c := range rows {
			if c.x*x+c.y*y > c.h+1e-9*(1+math.Abs(c.h)) {
				return false
			}
		}
		return true
	}
	bestF, bestSum := math.Inf(-1), math.Inf(-1)
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			p, q := rows[i], rows[j]
			det := p.x*q.y - p.y*q.x
			if math.Abs(det) < 1e-12 {
				continue
			}
			x := (p.h*q.y - p.y*q.h) / det
			y := (p.x*q.h - p.h*q.x) / det
			if !feasible(x, y) {
				continue
			}
			f := wOut*x + wIn*y
			if f > bestF+1e-12 || f > bestF-1e-12 && x+y > bestSum+1e-12 {
				bestF, bestSum, b, bi = f, x+y, x, y
			}
		}
	}
	return math.Max(b, 0), math.Max(bi, 0)
}

// mod returns x modulo m in [0, m).
func mod(x, m float64) float64 {
	r := math.Mod(x, m)
	if r < 0 {
		r += m
	}
	if r >= m {
		r = 0
	}
	return r
}

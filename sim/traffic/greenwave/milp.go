package greenwave

import (
	"math"
)

// maxband is the MAXBAND mixed-integer LP of a corridor over a cycle range,
// in the units of Little, Kelson and Gartner (1981): times in cycles, the
// cycle's inverse z as a variable. doc.go states the formulation.
//
// The variables, all ≥ 0, are laid out as
//
//	x = [z, b, b̄, w_0…w_{n−1}, w̄_0…w̄_{n−1}, m'_0…m'_{n−2}]
//
// with the loop integers m_i = mlo_i + m'_i shifted to be non-negative.
type maxband struct {
	n          int
	zlo, zhi   float64   // 1/CycleMax, 1/CycleMin
	wOut, wIn  float64   // objective weights
	ratio      float64   // lighter band ≥ ratio · heavier band
	g0, g1     []float64 // outbound green/C = g0·z + g1
	gi0, gi1   []float64 // inbound green/C
	tau, taui  []float64 // queue clearance in seconds (× z in cycles)
	k, e       []float64 // loop i: LHS_w + m_i = k_i·z − e_i
	mlo, mspan []float64 // m_i ∈ [mlo_i, mlo_i + mspan_i]
}

func (mb *maxband) vars() int       { return 3 + 2*mb.n + mb.n - 1 }
func (mb *maxband) w(i int) int     { return 3 + i }
func (mb *maxband) wi(i int) int    { return 3 + mb.n + i }
func (mb *maxband) m(i int) int     { return 3 + 2*mb.n + i }
func (mb *maxband) integers() []int { return intRange(mb.m(0), mb.n-1) }

func intRange(from, n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = from + i
	}
	return r
}

// newMaxband builds the MILP of the corridor for cycles in [lo, hi] with
// exact proportional stretching. Queue clearance is capped at the green of
// the shortest cycle. O(total phases + n).
func (c *Corridor) newMaxband(lo, hi float64) *maxband {
	n := len(c.Signals)
	wOut, wIn, ratio := c.weights()
	mb := &maxband{n: n, zlo: 1 / hi, zhi: 1 / lo, wOut: wOut, wIn: wIn, ratio: ratio,
		g0: make([]float64, n), g1: make([]float64, n), gi0: make([]float64, n), gi1: make([]float64, n),
		tau: make([]float64, n), taui: make([]float64, n),
		k: make([]float64, n-1), e: make([]float64, n-1), mlo: make([]float64, n-1), mspan: make([]float64, n-1)}
	r := c.runs()
	delta := make([]lin, n)
	for i := range c.Signals {
		s := &c.Signals[i]
		as, al := s.windowLin(r.out[i][0], r.out[i][1])
		bs, bl := s.windowLin(r.in[i][0], r.in[i][1])
		mb.g0[i], mb.g1[i], mb.gi0[i], mb.gi1[i] = al.c0, al.c1, bl.c0, bl.c1
		mb.tau[i] = math.Min(s.QueueOut, al.at(lo))
		mb.taui[i] = math.Min(s.QueueIn, bl.at(lo))
		delta[i] = as.sub(bs)
	}
	for i := 0; i < n-1; i++ {
		t := c.Links[i].Out.Time() + c.Links[i].In.Time()
		mb.k[i] = t - (delta[i+1].c0 - delta[i].c0)
		mb.e[i] = delta[i+1].c1 - delta[i].c1
		// LHS_w = w_{i+1} − w_i − w̄_{i+1} + w̄_i lies in [−2, 2].
		r1, r2 := mb.k[i]*mb.zlo-mb.e[i], mb.k[i]*mb.zhi-mb.e[i]
		mlo := math.Ceil(math.Min(r1, r2) - 2 - 1e-9)
		mb.mlo[i] = mlo
		mb.mspan[i] = math.Floor(math.Max(r1, r2)+2+1e-9) - mlo
	}
	return mb
}

// objective returns the LP's cost vector (minimised): −(wOut·b + wIn·b̄).
func (mb *maxband) objective() []float64 {
	c := make([]float64, mb.vars())
	c[1], c[2] = -mb.wOut, -mb.wIn
	return c
}

// rows returns the inequalities G·x ≤ h and equalities A·x = b of the LP
// relaxation with the loop integers bounded to [lo_i, hi_i] (shifted
// values m'). Rows are dense slices of length vars().
func (mb *maxband) rows(lo, hi []float64) (G [][]float64, h []float64, A [][]float64, b []float64) {
	nv := mb.vars()
	le := func(h0 float64, coef ...float64) { // coef: pairs (index, value)
		r := make([]float64, nv)
		for j := 0; j < len(coef); j += 2 {
			r[int(coef[j])] += coef[j+1]
		}
		G, h = append(G, r), append(h, h0)
	}
	for i := 0; i < mb.n; i++ {
		w, wi := float64(mb.w(i)), float64(mb.wi(i))
		le(mb.g1[i], w, 1, 1, 1, 0, -mb.g0[i])    // w_i + b ≤ green
		le(0, w, -1, 0, mb.tau[i])                // w_i ≥ τ_i·z
		le(mb.gi1[i], wi, 1, 2, 1, 0, -mb.gi0[i]) // w̄_i + b̄ ≤ green
		le(0, wi, -1, 0, mb.taui[i])              // w̄_i ≥ τ̄_i·z
	}
	le(mb.zhi, 0, 1)
	le(-mb.zlo, 0, -1)
	if mb.wOut >= mb.wIn {
		le(0, 1, mb.ratio, 2, -1) // b̄ ≥ r·b
	}
	if mb.wIn >= mb.wOut {
		le(0, 1, -1, 2, mb.ratio) // b ≥ r·b̄
	}
	for i := 0; i < mb.n-1; i++ {
		m := float64(mb.m(i))
		le(hi[i], m, 1)
		if lo[i] > 0 {
			le(-lo[i], m, -1)
		}
		r := make([]float64, nv)
		r[mb.w(i+1)], r[mb.w(i)], r[mb.wi(i+1)], r[mb.wi(i)] = 1, -1, -1, 1
		r[mb.m(i)], r[0] = 1, -mb.k[i]
		A, b = append(A, r), append(b, -mb.e[i]-mb.mlo[i])
	}
	return G, h, A, b
}

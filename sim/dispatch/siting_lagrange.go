package dispatch

import (
	"cmp"
	"math"
	"slices"
)

// SiteLagrangeBound returns an upper bound on the weight any choice of
// p.Sites sites covers, by Lagrangian relaxation of the coverage
// constraints yᵢ ≤ Σ_{j covers i} xⱼ of Church and ReVelle's model
// (Galvão and ReVelle, "A Lagrangean heuristic for the maximal covering
// location problem", EJOR 88, 1996). For multipliers 0 ≤ λᵢ ≤ wᵢ,
//
//	L(λ) = Σᵢ (wᵢ − λᵢ) + Σ_{j fixed} cⱼ + (the Sites − |Fixed| largest cⱼ of the free sites),
//	cⱼ = Σ_{i covered by j} λᵢ,
//
// bounds the optimum from above (each point's term is max over yᵢ ∈ {0,1}
// of yᵢ(wᵢ − λᵢ) and the sites' term the best choice for the relaxed
// objective), and its minimum over λ equals the linear relaxation's
// optimum, SiteLPBound's, since the subproblem has integral solutions. The
// multipliers start at wᵢ (L is then the sum of the largest coverages)
// and take up to iters subgradient steps with Polyak's step length
// towards lower (a covered weight reached, e.g. SiteGreedy's; 0 if none),
// halving the step factor after 20 steps without progress; the smallest L
// seen is returned. lower ≥ that value proves lower optimal.
//
// Unlike SiteLPBound it needs no tableau: each step costs one pass over
// the cover lists and a sort of the sites, so it bounds problems of
// thousands of sites and points in milliseconds. Errors: ErrSiting from
// Validate.
func SiteLagrangeBound(p SitingProblem, lower float64, iters int) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	pw, pc := coverPatterns(p)
	n, k := len(p.Covers), len(pw)
	if k == 0 {
		return 0, nil
	}
	fixed := make([]bool, n)
	for _, j := range p.Fixed {
		fixed[j] = true
	}
	free := p.Sites - len(p.Fixed)
	lam := slices.Clone(pw)
	c := make([]float64, n)
	order := make([]int, 0, n)
	open := make([]bool, n)
	g := make([]float64, k)
	best := math.Inf(1)
	theta, stale := 2.0, 0
	for range max(iters, 1) {
		clear(c)
		val := 0.0
		for i, sites := range pc {
			val += pw[i] - lam[i]
			for _, j := range sites {
				c[j] += lam[i]
			}
		}
		order = order[:0]
		clear(open)
		for j := range n {
			if fixed[j] {
				val += c[j]
				open[j] = true
			} else {
				order = append(order, j)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(c[b], c[a]) })
		for _, j := range order[:free] {
			val += c[j]
			open[j] = true
		}
		if math.IsInf(best, 1) || val < best-1e-12*max(1, best) {
			best, stale = val, 0
		} else if stale++; stale >= 20 {
			theta, stale = theta/2, 0
		}
		if best <= lower || theta < 1e-6 {
			break
		}
		// Subgradient of L at λ: the open sites covering point i less the
		// yᵢ the relaxed problem sets (1 where wᵢ − λᵢ > 0).
		norm := 0.0
		for i, sites := range pc {
			cnt := 0.0
			for _, j := range sites {
				if open[j] {
					cnt++
				}
			}
			y := 0.0
			if pw[i]-lam[i] > 0 {
				y = 1
			}
			g[i] = cnt - y
			norm += g[i] * g[i]
		}
		if norm == 0 { // λ is optimal: L(λ) is the relaxation's optimum
			break
		}
		step := theta * (val - lower) / norm
		for i := range lam {
			lam[i] = min(max(lam[i]-step*g[i], 0), pw[i])
		}
	}
	return best, nil
}

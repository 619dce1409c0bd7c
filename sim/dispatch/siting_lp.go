package dispatch

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// SiteLPBound returns the optimum of the linear relaxation of p, an upper
// bound on the weight any choice of sites covers (Church and ReVelle's
// model with 0 ≤ x, y ≤ 1):
//
//	maximise Σ wᵢ yᵢ  s.t.  yᵢ ≤ Σ_{j covers i} xⱼ,  Σ xⱼ = Sites,
//	                        xⱼ = 1 for fixed j,  0 ≤ xⱼ, yᵢ ≤ 1,
//
// solved in standard form with gonum's simplex (lp.Simplex). Demand points
// that no site covers are dropped and points covered by the same sites
// merged first. Errors: ErrSiting from Validate, or when the dense tableau
// would exceed maxCells entries (0: 4,000,000); the simplex's own error
// wrapped. Cost: the simplex's, on a dense matrix of (2k + n + 1) rows by
// (3k + n + free sites) columns for k distinct cover patterns and n sites.
func SiteLPBound(p SitingProblem, maxCells int) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if maxCells == 0 {
		maxCells = 4_000_000
	}
	pw, pc := coverPatterns(p)
	if len(p.Fixed) == p.Sites || len(pw) == 0 { // nothing to choose, or to cover
		c := newCover(&p)
		for _, j := range p.Fixed {
			c.add(j)
		}
		if len(pw) == 0 {
			return 0, nil
		}
		return c.value, nil
	}
	fixed := make(map[int]bool, len(p.Fixed))
	for _, j := range p.Fixed {
		fixed[j] = true
	}
	n, k := len(p.Covers), len(pw)
	free := n - len(p.Fixed)
	rows, cols := 2*k+n+1, 3*k+n+free
	if rows*cols > maxCells {
		return 0, fmt.Errorf("%w: LP of %d × %d exceeds %d cells", ErrSiting, rows, cols, maxCells)
	}
	// Columns: x (n), y (k), s (k: coverage slack), t (k: y ≤ 1), u (one
	// per free site: x ≤ 1).
	xc, yc, sc, tc, uc := 0, n, n+k, n+2*k, n+3*k
	a := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	c := make([]float64, cols)
	for i := range k {
		c[yc+i] = -pw[i]
		a.Set(i, yc+i, 1) // yᵢ − Σ xⱼ + sᵢ = 0
		for _, j := range pc[i] {
			a.Set(i, xc+int(j), -1)
		}
		a.Set(i, sc+i, 1)
		a.Set(k+i, yc+i, 1) // yᵢ + tᵢ = 1
		a.Set(k+i, tc+i, 1)
		b[k+i] = 1
	}
	u := uc
	for j := range n {
		r := 2*k + j
		a.Set(r, xc+j, 1) // xⱼ + uⱼ = 1 for a free site, xⱼ = 1 for a fixed one
		b[r] = 1
		if !fixed[j] {
			a.Set(r, u, 1)
			u++
		}
		a.Set(2*k+n, xc+j, 1) // Σ xⱼ = Sites
	}
	b[2*k+n] = float64(p.Sites)
	opt, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil {
		return 0, fmt.Errorf("%w: LP relaxation: %w", ErrSiting, err)
	}
	return -opt, nil
}

// coverPatterns merges the demand points by the set of sites covering
// them: the total weight and the sites of each pattern, patterns in order
// of first appearance; uncovered and zero-weight points are dropped.
func coverPatterns(p SitingProblem) ([]float64, [][]int32) {
	by := make([][]int32, len(p.Weights))
	for j, l := range p.Covers {
		for _, d := range uniqueDemand(l) {
			by[d] = append(by[d], int32(j))
		}
	}
	index := make(map[string]int)
	var (
		w     []float64
		sites [][]int32
		key   strings.Builder
	)
	for d, s := range by {
		if len(s) == 0 || p.Weights[d] == 0 {
			continue
		}
		key.Reset()
		for _, j := range s {
			fmt.Fprintf(&key, "%d,", j)
		}
		i, ok := index[key.String()]
		if !ok {
			i = len(w)
			index[key.String()] = i
			w = append(w, 0)
			sites = append(sites, slices.Clone(s))
		}
		w[i] += p.Weights[d]
	}
	return w, sites
}

package dispatch

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrSiting marks a siting problem that is malformed or too large for
// the method asked for.
var ErrSiting = errors.New("dispatch: bad siting problem")

// SitingProblem is a maximal covering location problem (Church and
// ReVelle, "The maximal covering location problem", Papers of the Regional
// Science Association 32, 1974): open Sites of the candidate sites so that
// the demand within the service standard of an open site — covered — is
// as large as can be.
type SitingProblem struct {
	// Weights are the demand points' weights (floor area in m², say):
	// finite, ≥ 0.
	Weights []float64
	// Covers lists, for each candidate site, the demand points (indices
	// into Weights) it covers: those within the standard's travel time
	// (Graph.CoverSets). Duplicates are allowed.
	Covers [][]int32
	// Sites is how many sites to open, Fixed included; 1 ≤ Sites ≤
	// len(Covers).
	Sites int
	// Fixed are candidate sites that are open whatever (existing
	// stations, for a what-if that adds new ones).
	Fixed []int
}

// Validate reports whether p is well formed. The error wraps ErrSiting.
func (p SitingProblem) Validate() error {
	n := len(p.Covers)
	switch {
	case p.Sites < 1 || p.Sites > n:
		return fmt.Errorf("%w: open %d of %d sites", ErrSiting, p.Sites, n)
	case len(p.Fixed) > p.Sites:
		return fmt.Errorf("%w: %d fixed sites, %d to open", ErrSiting, len(p.Fixed), p.Sites)
	}
	for i, w := range p.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("%w: weight %d is %v", ErrSiting, i, w)
		}
	}
	for j, c := range p.Covers {
		for _, d := range c {
			if d < 0 || int(d) >= len(p.Weights) {
				return fmt.Errorf("%w: site %d covers demand %d of %d", ErrSiting, j, d, len(p.Weights))
			}
		}
	}
	seen := make(map[int]bool, len(p.Fixed))
	for _, j := range p.Fixed {
		if j < 0 || j >= n || seen[j] {
			return fmt.Errorf("%w: fixed site %d (of %d, or repeated)", ErrSiting, j, n)
		}
		seen[j] = true
	}
	return nil
}

// Siting is a set of open sites and the demand they cover.
type Siting struct {
	// Open are the open sites, ascending.
	Open []int
	// Covered is the covered weight; Share is Covered over the total
	// weight (0 when the total is 0).
	Covered, Share float64
	// Swaps is the number of improving swaps the local search made.
	Swaps int
}

// cover tracks how many open sites cover each demand point.
type cover struct {
	p     *SitingProblem
	cov   [][]int32 // p.Covers without duplicates
	count []int32
	open  []bool
	value float64
}

func newCover(p *SitingProblem) *cover {
	c := &cover{p: p, count: make([]int32, len(p.Weights)), open: make([]bool, len(p.Covers))}
	c.cov = make([][]int32, len(p.Covers))
	for j, l := range p.Covers {
		c.cov[j] = uniqueDemand(l)
	}
	return c
}

// gain is the weight site j would add.
func (c *cover) gain(j int) float64 {
	g := 0.0
	for _, d := range c.cov[j] {
		if c.count[d] == 0 {
			g += c.p.Weights[d]
		}
	}
	return g
}

func (c *cover) add(j int) {
	c.value += c.gain(j)
	c.open[j] = true
	for _, d := range c.cov[j] {
		c.count[d]++
	}
}

func (c *cover) remove(j int) {
	c.open[j] = false
	for _, d := range c.cov[j] {
		c.count[d]--
		if c.count[d] == 0 {
			c.value -= c.p.Weights[d]
		}
	}
}

// uniqueDemand returns the distinct entries of a cover list, ascending,
// in a new slice.
func uniqueDemand(l []int32) []int32 {
	u := slices.Clone(l)
	slices.Sort(u)
	return slices.Compact(u)
}

// result turns the open flags into a Siting.
func (c *cover) result(swaps int) Siting {
	s := Siting{Covered: c.value, Swaps: swaps}
	for j, o := range c.open {
		if o {
			s.Open = append(s.Open, j)
		}
	}
	total := 0.0
	for _, w := range c.p.Weights {
		total += w
	}
	if total > 0 {
		s.Share = c.value / total
	}
	return s
}

// SitingOptions tune SiteGreedy. The zero value means defaults.
type SitingOptions struct {
	// MaxSwaps bounds the improving swaps of each local search; 0 means
	// no bound, negative none at all (greedy alone).
	MaxSwaps int
	// Restarts is how many further local searches start from a greedy
	// solution whose first free site is forced: the sites of highest
	// coverage after the first pick, in order. 0 means 16, negative none.
	Restarts int
}

// SiteGreedy solves p heuristically: the fixed sites, then greedily the
// site adding the most covered weight (lowest index on ties) until Sites
// are open, then a swap local search — replace an open site by a closed
// one while that covers more, best swap first. Greedy alone is within
// 1 − 1/e of the optimum (the objective is submodular); the swaps, and
// the restarts of opt.Restarts with another first site, close most of
// the rest. The best solution found is returned.
//
// Errors: ErrSiting from p.Validate. Cost: O(Sites · Σ|Covers|) for each
// greedy, O(Sites · Σ|Covers|) per swap, times 1 + Restarts.
// Deterministic.
func SiteGreedy(p SitingProblem, opt SitingOptions) (Siting, error) {
	if err := p.Validate(); err != nil {
		return Siting{}, err
	}
	restarts := opt.Restarts
	if restarts == 0 {
		restarts = 16
	}
	best := siteFrom(&p, -1, opt.MaxSwaps)
	if restarts < 0 || len(p.Fixed) == p.Sites {
		return best, nil
	}
	c := newCover(&p)
	for _, j := range p.Fixed {
		c.add(j)
	}
	firsts := make([]int, 0, len(p.Covers))
	gains := make([]float64, len(p.Covers))
	for j := range p.Covers {
		if !c.open[j] {
			firsts = append(firsts, j)
			gains[j] = c.gain(j)
		}
	}
	slices.SortStableFunc(firsts, func(a, b int) int {
		switch {
		case gains[a] > gains[b]:
			return -1
		case gains[a] < gains[b]:
			return 1
		}
		return 0
	})
	for _, j := range firsts[1:min(len(firsts), restarts+1)] {
		if s := siteFrom(&p, j, opt.MaxSwaps); s.Covered > best.Covered+1e-9*max(best.Covered, 1) {
			best = s
		}
	}
	return best, nil
}

// siteFrom runs greedy (with site first opened first, unless -1) and the
// swap search.
func siteFrom(p *SitingProblem, first, maxSwaps int) Siting {
	c := newCover(p)
	for _, j := range p.Fixed {
		c.add(j)
	}
	open := len(p.Fixed)
	if first >= 0 {
		c.add(first)
		open++
	}
	for ; open < p.Sites; open++ {
		best, bestG := -1, -1.0
		for j := range p.Covers {
			if !c.open[j] {
				if g := c.gain(j); g > bestG {
					best, bestG = j, g
				}
			}
		}
		c.add(best)
	}
	swaps := 0
	for maxSwaps >= 0 && (maxSwaps == 0 || swaps < maxSwaps) {
		out, in, delta := c.bestSwap()
		if !(delta > 1e-9*max(c.value, 1)) {
			break
		}
		c.remove(out)
		c.add(in)
		swaps++
	}
	return c.result(swaps)
}

// bestSwap returns the swap (open site out, closed site in) that adds the
// most covered weight, and that weight (≤ 0 when none helps).
func (c *cover) bestSwap() (out, in int, delta float64) {
	fixed := make(map[int]bool, len(c.p.Fixed))
	for _, j := range c.p.Fixed {
		fixed[j] = true
	}
	only := make([]float64, len(c.p.Weights)) // weight covered by the leaving site alone
	out, in, delta = -1, -1, 0
	for i, isOpen := range c.open {
		if !isOpen || fixed[i] {
			continue
		}
		loss := 0.0
		u := c.cov[i]
		for _, d := range u {
			if c.count[d] == 1 {
				only[d] = c.p.Weights[d]
				loss += only[d]
			}
		}
		for j, o := range c.open {
			if o {
				continue
			}
			kept := 0.0
			for _, d := range c.cov[j] {
				kept += only[d]
			}
			if dl := c.gain(j) + kept - loss; dl > delta {
				out, in, delta = i, j, dl
			}
		}
		for _, d := range u {
			only[d] = 0
		}
	}
	return out, in, delta
}

// SiteExhaustive solves p exactly by trying every choice of the open
// sites beyond the fixed ones, lowest indices first on ties. It is the
// reference for small problems. Errors: ErrSiting from Validate or when
// there are more than maxChoices choices (0: 1,000,000). Cost: choices ·
// O(Σ|Covers| of the open sites).
func SiteExhaustive(p SitingProblem, maxChoices int) (Siting, error) {
	if err := p.Validate(); err != nil {
		return Siting{}, err
	}
	if maxChoices == 0 {
		maxChoices = 1_000_000
	}
	fixed := make(map[int]bool)
	for _, j := range p.Fixed {
		fixed[j] = true
	}
	var free []int
	for j := range p.Covers {
		if !fixed[j] {
			free = append(free, j)
		}
	}
	k := p.Sites - len(p.Fixed)
	if n := binomial(len(free), k); n > float64(maxChoices) {
		return Siting{}, fmt.Errorf("%w: %.3g choices of %d of %d sites, limit %d", ErrSiting, n, k, len(free), maxChoices)
	}
	c := newCover(&p)
	for _, j := range p.Fixed {
		c.add(j)
	}
	var best Siting
	best.Covered = -1
	var rec func(start, left int)
	rec = func(start, left int) {
		if left == 0 {
			if c.value > best.Covered+1e-9*max(c.value, 1) {
				best = c.result(0)
			}
			return
		}
		for i := start; i <= len(free)-left; i++ {
			c.add(free[i])
			rec(i+1, left-1)
			c.remove(free[i])
		}
	}
	rec(0, k)
	return best, nil
}

// binomial returns n choose k as a float.
func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

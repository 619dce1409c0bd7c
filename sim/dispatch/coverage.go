package dispatch

import (
	"fmt"
	"math"
	"sync"
)

// CoverageLimitsS returns the response-time limits coverage is reported
// at: 8, 10 and 15 minutes, in seconds. Eight minutes is the classic EMS
// target for 90 % of urgent calls (the US EMS Act of 1973 and NFPA 1710's
// 480 s travel time for advanced life support).
func CoverageLimitsS() [3]float64 { return [3]float64{480, 600, 900} }

// Coverage answers how well a set of unit positions covers the demand
// points: travel times from each position to every demand point, one
// Graph.OneToMany per distinct position, kept until the graph's costs
// change (Reset; at most 4,096 positions are kept, then the cache starts
// afresh). Safe for concurrent use.
type Coverage struct {
	g  *Graph
	d  *Demand
	mu sync.Mutex
	tm map[snapKey][]float64
}

// maxCachedPositions bounds the positions whose times a Coverage keeps.
const maxCachedPositions = 4096

// snapKey identifies a position on the graph.
type snapKey struct {
	edge, node int
	frac       float64
}

func keyOf(s Snap) snapKey { return snapKey{s.Edge, s.Node, s.Frac} }

// NewCoverage returns a Coverage of d on g; d's snaps must come from g.
func NewCoverage(g *Graph, d *Demand) *Coverage {
	return &Coverage{g: g, d: d, tm: make(map[snapKey][]float64)}
}

// Demand returns the demand points covered.
func (c *Coverage) Demand() *Demand { return c.d }

// Reset forgets every cached time; call it after the graph's costs change.
func (c *Coverage) Reset() {
	c.mu.Lock()
	clear(c.tm)
	c.mu.Unlock()
}

// Times returns the travel times in seconds from s to every demand point
// (+Inf where unreachable), in demand order. The slice is shared: do not
// modify it. Errors: ErrSnap. One OneToMany query on a cache miss.
func (c *Coverage) Times(s Snap) ([]float64, error) {
	k := keyOf(s)
	c.mu.Lock()
	t, ok := c.tm[k]
	c.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := c.g.OneToMany(s, c.d.Snaps)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.tm) >= maxCachedPositions {
		clear(c.tm) // positions from GPS fixes would otherwise pile up
	}
	c.tm[k] = t
	c.mu.Unlock()
	return t, nil
}

// Counts returns, for every demand point, how many of the positions reach
// it within limitS seconds: the n_i of the maximum expected covering
// location problem (Daskin 1983). Errors: ErrSnap, ErrOptions for a NaN
// limit. O(len(from) × n) after the cached queries.
func (c *Coverage) Counts(from []Snap, limitS float64) ([]int, error) {
	if math.IsNaN(limitS) {
		return nil, fmt.Errorf("%w: coverage limit %v s", ErrOptions, limitS)
	}
	n := make([]int, c.d.Len())
	for _, s := range from {
		t, err := c.Times(s)
		if err != nil {
			return nil, err
		}
		for i, x := range t {
			if x <= limitS {
				n[i]++
			}
		}
	}
	return n, nil
}

// Share returns the share of the demand weight (floor area) within limitS
// seconds of at least one of the positions, 0 … 1. Errors as Counts.
func (c *Coverage) Share(from []Snap, limitS float64) (float64, error) {
	n, err := c.Counts(from, limitS)
	if err != nil {
		return 0, err
	}
	var w float64
	for i, k := range n {
		if k > 0 {
			w += c.d.Weights[i]
		}
	}
	return w / c.d.Total, nil
}

// Nearest returns, for every demand point, the travel time in seconds
// from the nearest of the positions (+Inf when none reaches it). Errors:
// ErrSnap.
func (c *Coverage) Nearest(from []Snap) ([]float64, error) {
	best := make([]float64, c.d.Len())
	for i := range best {
		best[i] = math.Inf(1)
	}
	for _, s := range from {
		t, err := c.Times(s)
		if err != nil {
			return nil, err
		}
		for i, x := range t {
			best[i] = min(best[i], x)
		}
	}
	return best, nil
}

// ExpectedCoverage is the MEXCLP objective (Daskin, "A maximum expected
// covering location model", Transportation Science 17, 1983): the demand
// weight expected to find at least one free unit within the limit when
// each unit is busy with probability q independently, Σ w_i (1 − q^n_i),
// as a share of the total weight.
func ExpectedCoverage(d *Demand, counts []int, q float64) float64 {
	var e float64
	for i, n := range counts {
		e += d.Weights[i] * (1 - math.Pow(q, float64(n)))
	}
	return e / d.Total
}

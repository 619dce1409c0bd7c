package dispatch

import (
	"fmt"
	"math"
)

// CoverSets returns, for each site, the demand places (indices into
// demand) a vehicle leaving the site reaches within limitS seconds under
// the current costs: the Covers of a SitingProblem. Lists are ascending.
//
// Errors: ErrSnap, ErrOptions for a NaN or negative limit. Cost: one
// OneToMany per site. Safe for concurrent use.
func (g *Graph) CoverSets(sites, demand []Snap, limitS float64) ([][]int32, error) {
	if !(limitS >= 0) || math.IsInf(limitS, 0) {
		return nil, fmt.Errorf("%w: cover limit %v s", ErrOptions, limitS)
	}
	out := make([][]int32, len(sites))
	for j, s := range sites {
		t, err := g.OneToMany(s, demand)
		if err != nil {
			return nil, fmt.Errorf("site %d: %w", j, err)
		}
		for i, c := range t {
			if c <= limitS {
				out[j] = append(out[j], int32(i))
			}
		}
	}
	return out, nil
}

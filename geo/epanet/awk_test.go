package epanet

import (
	"testing"

	"twin/geo/internal/inp/inptest"
)

// TestSectionCountsTableMatchesAwk re-runs the independent count live, so
// the committed table cannot drift from the data.
func TestSectionCountsTableMatchesAwk(t *testing.T) {
	for _, name := range sharedNets {
		t.Run(name, func(t *testing.T) {
			inptest.MatchAwkCounts(t, "pipes/epanet/"+name, sectionCounts[name])
		})
	}
}

package swmm

import (
	"testing"

	"twin/geo/internal/inp/inptest"
)

// TestSectionCountsTableMatchesAwk re-runs the independent count live, so
// the committed table cannot drift from the data.
func TestSectionCountsTableMatchesAwk(t *testing.T) {
	for _, rel := range sharedExamples {
		name := rel[len("pipes/swmm/"):]
		t.Run(name, func(t *testing.T) {
			inptest.MatchAwkCounts(t, rel, sectionCounts[name])
		})
	}
}

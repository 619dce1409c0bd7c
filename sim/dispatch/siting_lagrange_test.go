package dispatch

import (
	"math"
	"testing"
)

// TestSiteLagrangeBound holds the Lagrangian bound between the exact
// optimum (SiteExhaustive) and, from above, the linear relaxation's
// optimum (SiteLPBound, gonum's simplex) on the 40 seeded random problems
// of TestSitingAgainstExhaustiveAndLP's shape: never below the optimum
// (it is a bound; 1e-9 relative), never more than 2 % above the LP
// optimum after 500 steps (the two are equal at the limit).
func TestSiteLagrangeBound(t *testing.T) {
	rng := testRNG(t, 61)
	worst := 0.0
	for c := range 40 {
		p := randomSiting(rng, 8+rng.IntN(8), 60+rng.IntN(60), 1+rng.IntN(3), 0.18+0.1*rng.Float64())
		if c%3 == 0 {
			p.Fixed = []int{rng.IntN(len(p.Covers))}
			p.Sites = max(p.Sites, 2)
		}
		opt, err := SiteExhaustive(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		lp, err := SiteLPBound(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		lb, err := SiteLagrangeBound(p, 0, 500)
		if err != nil {
			t.Fatal(err)
		}
		if lb < opt.Covered*(1-1e-9) {
			t.Fatalf("case %d: bound %.6f below the optimum %.6f", c, lb, opt.Covered)
		}
		if lb < lp*(1-1e-9) {
			t.Fatalf("case %d: bound %.6f below the LP optimum %.6f (the Lagrangian dual cannot be)", c, lb, lp)
		}
		if rel := (lb - lp) / max(lp, 1e-12); rel > 0.02 {
			t.Fatalf("case %d: bound %.6f, LP optimum %.6f: %.2f %% above", c, lb, lp, 100*rel)
		} else {
			worst = math.Max(worst, rel)
		}
	}
	t.Logf("largest excess over the LP optimum: %.4f %%", 100*worst)
}

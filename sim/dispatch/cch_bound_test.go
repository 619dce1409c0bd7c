package dispatch

import (
	"math"
	"testing"
)

// TestGoalBound checks the query's straight-line bound against exact
// distances from the Dijkstra engine (checked against gonum in
// TestRouteMatchesGonum): for random vertex pairs on the sample city and
// a grid, the bound from either end never exceeds the distance (0 ms
// tolerance: it is a lower bound by the triangle inequality), as built
// and after rounds of random closures, slowdowns and speed-ups (factors
// up to 2.2, which raise the fastest speed the bound uses). It also
// checks the bound is not vacuous: on the grid as built it reaches at
// least half the distance on average (roads there run straight between
// jittered nodes at three speeds, fastest 80 km/h), and after every edge
// is reset to its free-flow cost the fastest speed is the one as built
// again (no speed-up keeps weakening it).
func TestGoalBound(t *testing.T) {
	cities := []struct {
		name string
		c    *city
	}{
		{"sample", sampleCity(t)},
		{"grid", gridCity(t, 5, GridOptions{Cols: 31, Rows: 29, FastEvery: 12, ArterialEvery: 4})},
	}
	for _, ct := range cities {
		t.Run(ct.name, func(t *testing.T) {
			rng := testRNG(t, 31)
			g := newTestGraph(t, ct.c, GraphOptions{})
			ref := newTestGraph(t, ct.c, GraphOptions{Algorithm: Dijkstra})
			h := g.cch
			built := h.gb.maxV
			for round := range 4 {
				if round > 0 {
					ch := randomChanges(g, rng)
					if err := g.Apply(ch...); err != nil {
						t.Fatal(err)
					}
					if err := ref.Apply(ch...); err != nil {
						t.Fatal(err)
					}
				}
				ratio, n := 0.0, 0
				for range 300 {
					x, y := rng.IntN(g.NumVertices()), rng.IntN(g.NumVertices())
					d, _, err := ref.vertexRoute(x, y)
					if err != nil || d == 0 {
						continue
					}
					toY := h.goalOf([]endpoint{{v: int32(y), edge: -1}})
					fromX := h.goalOf([]endpoint{{v: int32(x), edge: -1}})
					lx, ly := toY.lb(h.rank[x]), fromX.lb(h.rank[y])
					if lx > float64(d) || ly > float64(d) {
						t.Fatalf("round %d, %d → %d: bound %.3f / %.3f ms > distance %d ms", round, x, y, lx, ly, d)
					}
					if math.Abs(lx-ly) > 1e-6*lx {
						t.Fatalf("round %d, %d → %d: bound not symmetric: %v, %v", round, x, y, lx, ly)
					}
					ratio += lx / float64(d)
					n++
				}
				if n < 100 {
					t.Fatalf("round %d: only %d reachable pairs", round, n)
				}
				t.Logf("round %d: bound / distance %.3f on average over %d pairs", round, ratio/float64(n), n)
				if ct.name == "grid" && round == 0 && ratio/float64(n) < 0.5 {
					t.Fatalf("round %d: bound only %.3f of the distance on average", round, ratio/float64(n))
				}
			}
			var reset []Change
			for e := range g.NumEdges() {
				reset = append(reset, Change{Edge: e, Factor: 1})
			}
			if err := g.Apply(reset...); err != nil {
				t.Fatal(err)
			}
			if h.gb.maxV != built {
				t.Fatalf("fastest speed %v m/ms after resetting every edge, %v as built", h.gb.maxV, built)
			}
		})
	}
}

package dispatch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// lengthTol is the relative tolerance between VertexCost's carried length
// and the sum over the unpacked path: both are float64 sums of the same
// edge lengths, grouped differently, so they may differ by rounding only
// (about 1e-15 relative on paths of a few thousand edges).
const lengthTol = 1e-9

// TestVertexCostLength checks that VertexCost's length, carried through
// the customization without unpacking, equals the length of the path
// VertexRoute unpacks (summed here edge by edge from Edge; tolerance
// lengthTol relative) and that both costs agree to the millisecond, for
// random pairs on the sample city (turn restrictions expanded) and a
// synthetic grid, on both engines: as built, after rounds of random
// closures, slowdowns and reopenings (Apply, partial re-customization),
// and after reopening everything.
func TestVertexCostLength(t *testing.T) {
	cities := []struct {
		name string
		c    *city
	}{
		{"sample", sampleCity(t)},
		{"grid", gridCity(t, 5, GridOptions{Cols: 31, Rows: 29, FastEvery: 12, ArterialEvery: 4})},
	}
	for _, ct := range cities {
		for _, en := range engines {
			t.Run(ct.name+"/"+en.name, func(t *testing.T) {
				rng := testRNG(t, 23)
				g := newTestGraph(t, ct.c, GraphOptions{Algorithm: en.alg})
				pairs := make([][2]int, 150)
				for i := range pairs {
					pairs[i] = [2]int{rng.IntN(g.NumVertices()), rng.IntN(g.NumVertices())}
				}
				before := checkVertexLengths(t, g, pairs)
				for round := range 5 {
					if err := g.Apply(randomChanges(g, rng)...); err != nil {
						t.Fatal(err)
					}
					checkVertexLengths(t, g, pairs)
					checkCarriedLengths(t, g, round)
				}
				var reset []Change
				for e := range g.NumEdges() {
					reset = append(reset, Change{Edge: e, Factor: 1})
				}
				if err := g.Apply(reset...); err != nil {
					t.Fatal(err)
				}
				if after := checkVertexLengths(t, g, pairs); !slices.Equal(after, before) {
					t.Fatal("lengths differ after reopening everything")
				}
			})
		}
	}
}

// randomChanges closes, slows down or speeds up, or reopens a few random
// edges.
func randomChanges(g *Graph, rng *rand.Rand) []Change {
	var ch []Change
	for range 1 + rng.IntN(40) {
		e := rng.IntN(g.NumEdges())
		switch rng.IntN(3) {
		case 0:
			ch = append(ch, Change{Edge: e, Closed: true})
		case 1:
			ch = append(ch, Change{Edge: e, Closed: g.Closed(e), Factor: 0.2 + rng.Float64()*2})
		default:
			ch = append(ch, Change{Edge: e})
		}
	}
	return ch
}

// checkVertexLengths compares VertexCost with VertexRoute on every pair
// and returns VertexCost's lengths (-1 when unreachable).
func checkVertexLengths(t *testing.T, g *Graph, pairs [][2]int) []float64 {
	t.Helper()
	out := make([]float64, len(pairs))
	reached := 0
	for i, pr := range pairs {
		p, perr := g.VertexRoute(pr[0], pr[1])
		ms, l, err := g.VertexCost(pr[0], pr[1])
		if (perr == nil) != (err == nil) {
			t.Fatalf("%d → %d: VertexRoute %v, VertexCost %v", pr[0], pr[1], perr, err)
		}
		if err != nil {
			out[i] = -1
			continue
		}
		reached++
		sum := 0.0
		for _, e := range p.Edges {
			_, _, _, le, _ := g.Edge(e)
			sum += le
		}
		if math.Abs(l-sum) > lengthTol*max(sum, 1) || ms != int64(math.Round(p.CostS*1000)) {
			t.Fatalf("%d → %d: VertexCost %d ms, %.9f m; unpacked path %v ms, %.9f m over %d edges",
				pr[0], pr[1], ms, l, p.CostS*1000, sum, len(p.Edges))
		}
		out[i] = l
	}
	if reached < len(pairs)/2 {
		t.Fatalf("only %d of %d pairs reachable", reached, len(pairs))
	}
	return out
}

// checkCarriedLengths holds the CCH's per-arc weights and lengths after
// partial re-customizations to those of a full customization of the same
// costs (exact: the same tie rule picks the same paths).
func checkCarriedLengths(t *testing.T, g *Graph, round int) {
	t.Helper()
	h := g.cch
	if h == nil {
		return
	}
	fw, bw := slices.Clone(h.fw), slices.Clone(h.bw)
	fl, bl := slices.Clone(h.fl), slices.Clone(h.bl)
	h.customize()
	for a := range fw {
		if fw[a] != h.fw[a] || bw[a] != h.bw[a] || fl[a] != h.fl[a] || bl[a] != h.bl[a] {
			t.Fatalf("round %d, arc %d: updated %d/%d ms, %v/%v m; full customization %d/%d ms, %v/%v m",
				round, a, fw[a], bw[a], fl[a], bl[a], h.fw[a], h.bw[a], h.fl[a], h.bl[a])
		}
	}
}

package dispatch

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// TestVertexRouteMatchesGonum holds VertexRoute to gonum's Dijkstra on the
// graph Arcs lists (the graph `twin graph export` writes), with the
// restrictions of the sample city expanded: costs must agree to the
// millisecond (exact: both add whole milliseconds), on both engines.
func TestVertexRouteMatchesGonum(t *testing.T) {
	c := sampleCity(t)
	for _, en := range engines {
		t.Run(en.name, func(t *testing.T) {
			rng := testRNG(t, 17)
			g := newTestGraph(t, c, GraphOptions{Algorithm: en.alg})
			if g.NumVertices() <= g.NumNodes() {
				t.Fatalf("%d vertices for %d nodes: want expanded junctions", g.NumVertices(), g.NumNodes())
			}
			gg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
			for v := range g.NumVertices() {
				gg.AddNode(simple.Node(v))
			}
			arcs := 0
			g.Arcs(func(i int, a Arc) bool {
				if i != arcs {
					t.Fatalf("arc index %d, want %d", i, arcs)
				}
				arcs++
				if a.CostMs < 0 || a.Tail == a.Head {
					return true
				}
				w := float64(a.CostMs)
				if e := gg.WeightedEdge(int64(a.Tail), int64(a.Head)); e != nil {
					w = min(w, e.Weight())
				}
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(a.Tail), simple.Node(a.Head), w))
				return true
			})
			if arcs != g.NumArcs() {
				t.Fatalf("Arcs listed %d arcs, NumArcs %d", arcs, g.NumArcs())
			}
			for range 40 {
				from := rng.IntN(g.NumVertices())
				sp := path.DijkstraFrom(simple.Node(from), gg)
				for range 10 {
					to := rng.IntN(g.NumVertices())
					want := sp.WeightTo(int64(to))
					p, err := g.VertexRoute(from, to)
					if math.IsInf(want, 1) {
						if !errors.Is(err, ErrUnreachable) {
							t.Fatalf("%d → %d: got %v, %v; gonum: unreachable", from, to, p.CostS, err)
						}
						continue
					}
					if err != nil {
						t.Fatalf("%d → %d: %v; gonum %v ms", from, to, err, want)
					}
					if got := math.Round(p.CostS * 1000); got != want {
						t.Fatalf("%d → %d: %v ms, gonum %v ms", from, to, got, want)
					}
					sum := 0.0
					for _, e := range p.Edges {
						_, _, _, _, c := g.Edge(e)
						sum += math.Round(c * 1000)
					}
					if sum != want {
						t.Fatalf("%d → %d: path edges sum to %v ms, cost %v ms", from, to, sum, want)
					}
					ms, l, err := g.VertexCost(from, to)
					if err != nil || float64(ms) != want || math.Abs(l-p.LengthM) > 1e-9*max(l, 1) {
						t.Fatalf("%d → %d: VertexCost %d ms, %v m, %v; VertexRoute %v ms, %v m", from, to, ms, l, err, want, p.LengthM)
					}
				}
			}
		})
	}
}

func TestVertexRouteErrors(t *testing.T) {
	g := newTestGraph(t, sampleCity(t), GraphOptions{})
	for _, v := range [][2]int{{-1, 0}, {0, g.NumVertices()}} {
		if _, err := g.VertexRoute(v[0], v[1]); !errors.Is(err, ErrEdge) {
			t.Errorf("VertexRoute(%d, %d): %v, want ErrEdge", v[0], v[1], err)
		}
	}
	for v := range g.NumVertices() {
		n := g.VertexNode(v)
		if n < 0 || n >= g.NumNodes() || v < g.NumNodes() && n != v {
			t.Fatalf("VertexNode(%d) = %d", v, n)
		}
	}
}

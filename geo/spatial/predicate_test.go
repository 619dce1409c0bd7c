package spatial

import (
	"flag"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/paulmach/orb"
)

var seed = flag.Uint64("seed", 0, "seed for randomized tests (0: a fixed default)")

func testSeed(t *testing.T) uint64 {
	s := *seed
	if s == 0 {
		s = 20261123
	}
	t.Logf("seed %d (override with -seed)", s)
	return s
}

func square(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestIntersectsTable(t *testing.T) {
	donut := orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{3, 3}, {3, 7}, {7, 7}, {7, 3}, {3, 3}},
	}
	tests := []struct {
		name string
		a, b orb.Geometry
		want bool
	}{
		{"point in square", orb.Point{1, 1}, square(0, 0, 2, 2), true},
		{"point on edge", orb.Point{2, 1}, square(0, 0, 2, 2), true},
		{"point outside", orb.Point{3, 1}, square(0, 0, 2, 2), false},
		{"point in hole", orb.Point{5, 5}, donut, false},
		{"square in hole", square(4, 4, 6, 6), donut, false},
		{"square across hole edge", square(2, 4, 4, 6), donut, true},
		{"square inside other", square(1, 1, 2, 2), square(0, 0, 10, 10), true},
		{"other inside square", square(0, 0, 10, 10), square(1, 1, 2, 2), true},
		{"disjoint squares", square(0, 0, 1, 1), square(2, 2, 3, 3), false},
		{"touching corner", square(0, 0, 1, 1), square(1, 1, 3, 3), true},
		{"line crossing square", orb.LineString{{-1, 1}, {3, 1}}, square(0, 0, 2, 2), true},
		{"line missing square", orb.LineString{{-1, 3}, {3, 3}}, square(0, 0, 2, 2), false},
		{"line in bound", orb.LineString{{0.5, 0.5}, {1, 1}}, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 2}}, true},
		{"crossing lines", orb.LineString{{0, 0}, {2, 2}}, orb.LineString{{0, 2}, {2, 0}}, true},
		{"parallel lines", orb.LineString{{0, 0}, {2, 0}}, orb.LineString{{0, 1}, {2, 1}}, false},
		{"collinear overlap", orb.LineString{{0, 0}, {2, 0}}, orb.LineString{{1, 0}, {3, 0}}, true},
		{"point on line", orb.Point{1, 1}, orb.LineString{{0, 0}, {2, 2}}, true},
		{"L-shaped concave miss", orb.Polygon{{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}, {0, 0}}}, square(2, 2, 3, 3), false},
		{"nil", nil, square(0, 0, 1, 1), false},
		{"second part inside box", orb.MultiPolygon{square(0, 0, 1, 1), square(5, 5, 6, 6)}, orb.Bound{Min: orb.Point{4, 4}, Max: orb.Point{7, 7}}, true},
		{"second line inside polygon", orb.MultiLineString{{{-5, -5}, {-4, -4}}, {{1, 1}, {2, 2}}}, square(0, 0, 3, 3), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Intersects(tc.a, tc.b); got != tc.want {
				t.Errorf("Intersects = %v, want %v", got, tc.want)
			}
			if got := Intersects(tc.b, tc.a); got != tc.want {
				t.Errorf("Intersects (swapped) = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWithinTable(t *testing.T) {
	donut := orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{3, 3}, {3, 7}, {7, 7}, {7, 3}, {3, 3}},
	}
	ell := orb.Polygon{{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}, {0, 0}}}
	tests := []struct {
		name string
		a, b orb.Geometry
		want bool
	}{
		{"small in big", square(1, 1, 2, 2), square(0, 0, 10, 10), true},
		{"equal", square(0, 0, 1, 1), square(0, 0, 1, 1), true},
		{"overlapping", square(1, 1, 12, 2), square(0, 0, 10, 10), false},
		{"around hole", square(1, 1, 9, 9), donut, false},
		{"beside hole", square(1, 1, 2, 9), donut, true},
		{"line bridging concave gap", orb.LineString{{3, 0.5}, {0.5, 3}}, ell, false},
		{"line inside ell", orb.LineString{{0.5, 0.5}, {3, 0.5}}, ell, true},
		{"point inside", orb.Point{5, 1}, donut, true},
		{"point in hole", orb.Point{5, 5}, donut, false},
		{"within a line", orb.Point{1, 0}, orb.LineString{{0, 0}, {2, 0}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Within(tc.a, tc.b); got != tc.want {
				t.Errorf("Within = %v, want %v", got, tc.want)
			}
		})
	}
}

// convexHull returns the hull of pts as a closed counter-clockwise ring
// (Andrew's monotone chain).
func convexHull(pts []orb.Point) orb.Ring {
	sort.Slice(pts, func(i, j int) bool {
		if pts[i][0] != pts[j][0] {
			return pts[i][0] < pts[j][0]
		}
		return pts[i][1] < pts[j][1]
	})
	var h []orb.Point
	for pass := 0; pass < 2; pass++ {
		start := len(h)
		for _, p := range pts {
			for len(h) >= start+2 && orient(h[len(h)-2], h[len(h)-1], p) <= 0 {
				h = h[:len(h)-1]
			}
			h = append(h, p)
		}
		h = h[:len(h)-1]
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return append(orb.Ring(h), h[0])
}

// separated applies the separating axis theorem to two convex rings: an
// independent exact oracle for intersection of convex polygons.
func separated(a, b orb.Ring) bool {
	for _, r := range []orb.Ring{a, b} {
		for i := 0; i+1 < len(r); i++ {
			nx, ny := r[i+1][1]-r[i][1], r[i][0]-r[i+1][0]
			amin, amax := project(a, nx, ny)
			bmin, bmax := project(b, nx, ny)
			if amax < bmin || bmax < amin {
				return true
			}
		}
	}
	return false
}

func project(r orb.Ring, nx, ny float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range r {
		d := p[0]*nx + p[1]*ny
		lo, hi = math.Min(lo, d), math.Max(hi, d)
	}
	return lo, hi
}

func randomConvex(r *rand.Rand, cx, cy, size float64) orb.Ring {
	pts := make([]orb.Point, 3+r.IntN(8))
	for i := range pts {
		pts[i] = orb.Point{cx + (r.Float64()-0.5)*size, cy + (r.Float64()-0.5)*size}
	}
	return convexHull(pts)
}

// TestIntersectsConvexOracle compares Intersects and Within with exact
// convex-geometry oracles (separating axes; all vertices inside) on random
// convex polygons.
func TestIntersectsConvexOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 1))
	var hits int
	for i := 0; i < 20000; i++ {
		a := randomConvex(r, r.Float64()*10, r.Float64()*10, 1+r.Float64()*6)
		b := randomConvex(r, r.Float64()*10, r.Float64()*10, 1+r.Float64()*6)
		if len(a) < 4 || len(b) < 4 {
			continue
		}
		want := !separated(a, b)
		if got := Intersects(orb.Polygon{a}, orb.Polygon{b}); got != want {
			t.Fatalf("case %d: Intersects(%v, %v) = %v, SAT says %v", i, a, b, got, want)
		}
		if want {
			hits++
		}
		wantWithin := true
		for _, p := range a {
			if !polygonContains(orb.Polygon{b}, p) {
				wantWithin = false
			}
		}
		if got := Within(orb.Polygon{a}, orb.Polygon{b}); got != wantWithin {
			t.Fatalf("case %d: Within(%v, %v) = %v, vertex oracle says %v", i, a, b, got, wantWithin)
		}
	}
	if hits == 0 {
		t.Fatal("no intersecting pairs generated: the test checks nothing")
	}
}

func TestDistance(t *testing.T) {
	sq := square(0, 0, 2, 2)
	tests := []struct {
		name string
		g    orb.Geometry
		p    orb.Point
		want float64
	}{
		{"inside polygon", sq, orb.Point{1, 1}, 0},
		{"right of polygon", sq, orb.Point{5, 1}, 3},
		{"diagonal from corner", sq, orb.Point{5, 6}, 5},
		{"point", orb.Point{3, 4}, orb.Point{0, 0}, 5},
		{"line", orb.LineString{{0, 0}, {10, 0}}, orb.Point{5, 2}, 2},
		{"bound", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 2}}, orb.Point{5, 6}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Distance(tc.g, tc.p); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("Distance = %v, want %v (Pythagoras)", got, tc.want)
			}
		})
	}
}

func TestClosestOnLine(t *testing.T) {
	ls := orb.LineString{{0, 0}, {10, 0}, {10, 10}}
	q, d, f := ClosestOnLine(ls, orb.Point{12, 5})
	if q != (orb.Point{10, 5}) || math.Abs(d-2) > 1e-12 || math.Abs(f-0.75) > 1e-12 {
		t.Errorf("got %v %v %v, want (10,5) 2 0.75", q, d, f)
	}
}

func TestClosestBetweenLines(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.LineString
		want float64
		pa   orb.Point
	}{
		{"crossing", orb.LineString{{0, 0}, {2, 2}}, orb.LineString{{0, 2}, {2, 0}}, 0, orb.Point{1, 1}},
		{"parallel", orb.LineString{{0, 0}, {4, 0}}, orb.LineString{{1, 3}, {2, 3}}, 3, orb.Point{1, 0}},
		{"end to segment", orb.LineString{{0, 0}, {1, 0}}, orb.LineString{{4, -1}, {4, 1}}, 3, orb.Point{1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pa, _, d := ClosestBetweenLines(tc.a, tc.b)
			if math.Abs(d-tc.want) > 1e-12 || planarDist(pa, tc.pa) > 1e-12 {
				t.Errorf("got %v at %v, want %v at %v", d, pa, tc.want, tc.pa)
			}
		})
	}
}

func planarDist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// TestIntersectsBoundMatchesIntersects checks the allocation-free rectangle
// predicate against the general one on random polygons, lines and points.
func TestIntersectsBoundMatchesIntersects(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 2))
	hits := 0
	for i := 0; i < 20000; i++ {
		x, y := r.Float64()*10, r.Float64()*10
		b := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + r.Float64()*3, y + r.Float64()*3}}
		var g orb.Geometry
		switch i % 4 {
		case 0:
			g = orb.Polygon{randomConvex(r, r.Float64()*10, r.Float64()*10, 1+r.Float64()*6)}
		case 1:
			g = orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{3, 3}, {3, 7}, {7, 7}, {7, 3}, {3, 3}}}
		case 2:
			g = orb.LineString{{r.Float64() * 10, r.Float64() * 10}, {r.Float64() * 10, r.Float64() * 10}, {r.Float64() * 10, r.Float64() * 10}}
		case 3:
			g = orb.Point{r.Float64() * 10, r.Float64() * 10}
		}
		want := Intersects(g, b)
		if poly, ok := g.(orb.Polygon); ok && len(poly) == 1 {
			if got := RingHitsBound(poly[0], b); got != want {
				t.Fatalf("case %d: RingHitsBound(%v, %v) = %v, Intersects says %v", i, g, b, got, want)
			}
		}
		if got := IntersectsBound(g, b); got != want {
			t.Fatalf("case %d: IntersectsBound(%v, %v) = %v, Intersects says %v", i, g, b, got, want)
		}
		if want {
			hits++
		}
	}
	if hits == 0 {
		t.Fatal("no intersecting case generated")
	}
	var tri orb.Geometry = orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 0}}}
	box := orb.Bound{Min: orb.Point{3, -1}, Max: orb.Point{5, 1}}
	if n := testing.AllocsPerRun(100, func() { IntersectsBound(tri, box) }); n != 0 {
		t.Errorf("IntersectsBound allocates %v times per call", n)
	}
}

func TestDistanceOutsideMatchesDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 3))
	for i := 0; i < 5000; i++ {
		g := orb.Polygon{randomConvex(r, 5, 5, 4)}
		p := orb.Point{r.Float64()*20 - 5, r.Float64()*20 - 5}
		if g.Bound().Contains(p) {
			continue
		}
		if a, b := DistanceOutside(g, p), Distance(g, p); math.Abs(a-b) > 1e-12 {
			t.Fatalf("DistanceOutside %v, Distance %v for %v", a, b, p)
		}
	}
}

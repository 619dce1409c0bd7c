package api

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// TestSimplifierMatchesOrb checks that simplifier keeps exactly the points
// orb/simplify's DouglasPeucker keeps, on seeded random walks and closed
// rings of many lengths and tolerances, reusing one simplifier throughout
// as the renderer does.
func TestSimplifierMatchesOrb(t *testing.T) {
	seed := uint64(42)
	rng := rand.New(rand.NewPCG(seed, seed))
	for _, tol := range []float64{0, 0.5, 1, 8, 50} {
		s := &simplifier{tol2: tol * tol}
		ref := simplify.DouglasPeucker(tol)
		for n := range 60 {
			for _, closed := range []bool{false, true} {
				ls := randomWalk(rng, n, closed)
				want := ref.LineString(append(orb.LineString(nil), ls...))
				got := s.simplify(append([]orb.Point(nil), ls...))
				if !orb.LineString(got).Equal(want) {
					t.Fatalf("tol %g, %d points, closed %v (seed %d):\n got %v\nwant %v", tol, n, closed, seed, got, want)
				}
			}
		}
	}
}

// randomWalk returns n points of a random walk in tile units (steps of up
// to 20 units, on whole units half of the time), closed when asked.
func randomWalk(rng *rand.Rand, n int, closed bool) []orb.Point {
	pts := make([]orb.Point, 0, n+1)
	p := orb.Point{2048, 2048}
	for range n {
		p = orb.Point{p[0] + rng.Float64()*40 - 20, p[1] + rng.Float64()*40 - 20}
		if rng.IntN(2) == 0 {
			p = roundPoint(p)
		}
		pts = append(pts, p)
	}
	if closed && n > 0 {
		pts = append(pts, pts[0])
	}
	return pts
}

func TestRoundPoints(t *testing.T) {
	tests := []struct {
		name string
		in   []orb.Point
		want []orb.Point
	}{
		{"empty", nil, []orb.Point{}},
		{"halves round away from zero", []orb.Point{{0.5, -0.5}, {1.49, 2.51}}, []orb.Point{{1, -1}, {1, 3}}},
		{"repeats dropped", []orb.Point{{0.1, 0.1}, {0.2, -0.2}, {1, 0}, {0.9, 0.1}, {0, 0}}, []orb.Point{{0, 0}, {1, 0}, {0, 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := roundPoints(append([]orb.Point(nil), tc.in...))
			if !orb.LineString(got).Equal(orb.LineString(tc.want)) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

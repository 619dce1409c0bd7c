package scene

import (
	"math"
	"math/rand/v2"
	"testing"
)

// shoelace returns the polygon area by the shoelace formula: outer ring
// minus holes (the analytic reference of the tests below).
func shoelace(xy []float64, holes []int) float64 {
	n := len(xy) / 2
	starts := append([]int{0}, holes...)
	var a float64
	for k, s := range starts {
		end := n
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		r := math.Abs(ringArea(xy, s, end)) / 2
		if k == 0 {
			a += r
		} else {
			a -= r
		}
	}
	return a
}

func pointInRing(xy []float64, s, end int, x, y float64) bool {
	in := false
	for i, j := s, end-1; i < end; j, i = i, i+1 {
		xi, yi, xj, yj := xy[2*i], xy[2*i+1], xy[2*j], xy[2*j+1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// insidePolygon reports whether (x, y) is in the outer ring and in no hole.
func insidePolygon(xy []float64, holes []int, x, y float64) bool {
	n := len(xy) / 2
	starts := append([]int{0}, holes...)
	for k, s := range starts {
		end := n
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if in := pointInRing(xy, s, end, x, y); in != (k == 0) {
			return false
		}
	}
	return true
}

func ring(cx, cy, r float64, n int, cw bool) []float64 {
	var xy []float64
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		if cw {
			a = -a
		}
		xy = append(xy, cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
	return xy
}

func TestTriangulate(t *testing.T) {
	star := []float64{}
	for i := 0; i < 10; i++ {
		r := 10.0
		if i%2 == 1 {
			r = 4
		}
		a := math.Pi * float64(i) / 5
		star = append(star, r*math.Cos(a), r*math.Sin(a))
	}
	tests := []struct {
		name  string
		xy    []float64
		holes []int
		tris  int
	}{
		{"square", []float64{0, 0, 10, 0, 10, 10, 0, 10}, nil, 2},
		{"square clockwise", []float64{0, 0, 0, 10, 10, 10, 10, 0}, nil, 2},
		{"L shape", []float64{0, 0, 20, 0, 20, 5, 5, 5, 5, 20, 0, 20}, nil, 4},
		{"U shape", []float64{0, 0, 30, 0, 30, 30, 20, 30, 20, 10, 10, 10, 10, 30, 0, 30}, nil, 6},
		{"star", star, nil, 8},
		{"square with square hole", []float64{0, 0, 10, 0, 10, 10, 0, 10, 3, 3, 3, 7, 7, 7, 7, 3}, []int{4}, 8},
		{"square with hole same orientation", []float64{0, 0, 10, 0, 10, 10, 0, 10, 3, 3, 7, 3, 7, 7, 3, 7}, []int{4}, 8},
		{"two holes", append([]float64{0, 0, 40, 0, 40, 20, 0, 20}, append(ring(10, 10, 4, 12, true), ring(30, 10, 4, 12, false)...)...), []int{4, 16}, 4 + 12 + 12 + 2*2 - 2},
		{"projected metres", []float64{500000, 5700000, 500012.5, 5700000, 500012.5, 5700008.25, 500000, 5700008.25}, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tri, err := Triangulate(nil, tc.xy, tc.holes)
			if err != nil {
				t.Fatal(err)
			}
			checkTriangulation(t, tc.xy, tc.holes, tri)
			// Ear clipping of a simple polygon with n vertices and h holes
			// gives n + 2h − 2 triangles (Eberly 2002).
			if got := len(tri) / 3; got != tc.tris {
				t.Errorf("%d triangles, want %d", got, tc.tris)
			}
		})
	}
}

// checkTriangulation asserts the triangle areas sum to the shoelace area
// (1e-9 relative), every triangle is counter-clockwise, and every triangle's
// centroid lies inside the polygon (no triangle outside).
func checkTriangulation(t *testing.T, xy []float64, holes []int, tri []uint32) {
	t.Helper()
	var sum float64
	for k := 0; k < len(tri); k += 3 {
		a, b, c := tri[k], tri[k+1], tri[k+2]
		ar := cross(xy[2*a], xy[2*a+1], xy[2*b], xy[2*b+1], xy[2*c], xy[2*c+1]) / 2
		if ar < 0 {
			t.Errorf("triangle %d clockwise (area %g)", k/3, ar)
		}
		sum += ar
		if ar > 0 {
			cx := (xy[2*a] + xy[2*b] + xy[2*c]) / 3
			cy := (xy[2*a+1] + xy[2*b+1] + xy[2*c+1]) / 3
			if !insidePolygon(xy, holes, cx, cy) {
				t.Errorf("triangle %d (%d %d %d) lies outside the polygon", k/3, a, b, c)
			}
		}
	}
	want := shoelace(xy, holes)
	if math.Abs(sum-want) > 1e-9*want {
		t.Errorf("triangle area sum %.12g, shoelace area %.12g", sum, want)
	}
}

// TestTriangulateRandomStars checks random star-shaped polygons with a hole
// near the centre; the seed is logged and fixed for replay.
func TestTriangulateRandomStars(t *testing.T) {
	const seed = 8
	rng := rand.New(rand.NewPCG(seed, 0))
	for k := 0; k < 200; k++ {
		n := 5 + rng.IntN(40)
		var xy []float64
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			r := 10 + 20*rng.Float64()
			xy = append(xy, r*math.Cos(a), r*math.Sin(a))
		}
		var holes []int
		if k%2 == 1 {
			holes = []int{n}
			xy = append(xy, ring(rng.Float64()-0.5, rng.Float64()-0.5, 3+3*rng.Float64(), 3+rng.IntN(8), k%4 == 1)...)
		}
		tri, err := Triangulate(nil, xy, holes)
		if err != nil {
			t.Fatalf("seed %d polygon %d: %v", seed, k, err)
		}
		checkTriangulation(t, xy, holes, tri)
		if t.Failed() {
			t.Fatalf("seed %d polygon %d", seed, k)
		}
	}
}

func TestTriangulateDegenerate(t *testing.T) {
	for _, xy := range [][]float64{{0, 0, 1, 1}, {0, 0, math.NaN(), 1, 2, 2}} {
		if _, err := Triangulate(nil, xy, nil); err == nil {
			t.Errorf("%v: want ErrPolygon", xy)
		}
	}
}

func FuzzTriangulate(f *testing.F) {
	f.Add(0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 3.0, 4.0, uint8(5))
	f.Fuzz(func(t *testing.T, a, b, c, d, e, g, h, i float64, n uint8) {
		xy := []float64{a, b, c, d, e, g, h, i}
		for k := 0; k < int(n%16); k++ {
			xy = append(xy, xy[2*k%len(xy)]+float64(k), xy[(2*k+3)%len(xy)]-float64(k))
		}
		tri, err := Triangulate(nil, xy, nil)
		if err != nil {
			return
		}
		for _, v := range tri {
			if int(v) >= len(xy)/2 {
				t.Fatalf("index %d out of range", v)
			}
		}
	})
}

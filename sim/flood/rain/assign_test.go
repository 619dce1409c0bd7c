package rain

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestNearest(t *testing.T) {
	g := []orb.Point{{0, 0}, {10, 0}, {0, 10}}
	tests := []struct {
		p    orb.Point
		want int
	}{{orb.Point{1, 1}, 0}, {orb.Point{9, 2}, 1}, {orb.Point{2, 9}, 2}, {orb.Point{5, 0}, 0}}
	for _, tc := range tests {
		if got := Nearest(g, tc.p); got != tc.want {
			t.Errorf("Nearest(%v) = %d, want %d", tc.p, got, tc.want)
		}
	}
	if Nearest(nil, orb.Point{}) != -1 {
		t.Error("no gauges should give -1")
	}
}

func TestThiessenWeights(t *testing.T) {
	square := orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
	tests := []struct {
		name   string
		gauges []orb.Point
		poly   orb.Ring
		want   []float64 // analytic areas of the cells within the polygon / its area
	}{
		// bisector x = 1 splits the 4×4 square 4:12
		{"vertical bisector", []orb.Point{{0, 2}, {2, 2}}, square, []float64{0.25, 0.75}},
		// four gauges at the quarter centres: four equal quarters
		{"quarters", []orb.Point{{1, 1}, {3, 1}, {1, 3}, {3, 3}}, square, []float64{0.25, 0.25, 0.25, 0.25}},
		// diagonal bisector y = x through the square: two equal triangles
		{"diagonal", []orb.Point{{3, 1}, {1, 3}}, square, []float64{0.5, 0.5}},
		// gauge far away gets nothing; duplicate gauge goes to the lower index
		{"far and duplicate", []orb.Point{{2, 2}, {100, 100}, {2, 2}}, square, []float64{1, 0, 0}},
		// concave L shape (area 12): bisector x = 2 leaves 8 left, 4 right
		{"concave L", []orb.Point{{1, 1}, {3, 1}},
			orb.Ring{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}}, []float64{8.0 / 12, 4.0 / 12}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := ThiessenWeights(tc.gauges, tc.poly)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			for i := range w {
				sum += w[i]
				if math.Abs(w[i]-tc.want[i]) > 1e-12 {
					t.Errorf("weight %d = %v, want %v", i, w[i], tc.want[i])
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("weights sum to %v", sum)
			}
		})
	}
	if _, err := ThiessenWeights(nil, square); err == nil {
		t.Error("no gauges accepted")
	}
}

package cityjson

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// sq returns the counter-clockwise closed square [x, x+s] × [y, y+s].
func sq(x, y, s float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}}
}

// tri returns the closed triangle a, b, c.
func tri(a, b, c orb.Point) orb.Polygon { return orb.Polygon{{a, b, c, a}} }

// TestDissolve checks merged outlines; expected areas are sums of square
// and triangle areas, and polygon and hole counts follow from the figures.
func TestDissolve(t *testing.T) {
	tests := []struct {
		name         string
		in           []orb.Polygon
		polys, holes int
		area         float64
	}{
		{"one", []orb.Polygon{sq(0, 0, 1)}, 1, 0, 1},
		{"two triangles of a square", []orb.Polygon{
			tri(orb.Point{0, 0}, orb.Point{2, 0}, orb.Point{2, 2}),
			tri(orb.Point{0, 0}, orb.Point{2, 2}, orb.Point{0, 2})}, 1, 0, 4},
		{"row of squares", []orb.Polygon{sq(0, 0, 1), sq(1, 0, 1), sq(2, 0, 1)}, 1, 0, 3},
		{"ring of 8 squares around a hole", []orb.Polygon{
			sq(0, 0, 1), sq(1, 0, 1), sq(2, 0, 1), sq(2, 1, 1),
			sq(2, 2, 1), sq(1, 2, 1), sq(0, 2, 1), sq(0, 1, 1)}, 1, 1, 8},
		{"disjoint", []orb.Polygon{sq(0, 0, 1), sq(5, 5, 2)}, 2, 0, 5},
		{"corner touch", []orb.Polygon{sq(0, 0, 1), sq(1, 1, 1)}, -1, 0, 2},
		// A T-junction: the big square's edge is not split where the two
		// small ones meet, so it cannot cancel; the small squares merge and
		// the big one stays beside them.
		{"t-junction", []orb.Polygon{sq(0, 0, 2), sq(2, 0, 1), sq(2, 1, 1)}, 2, 0, 6},
		{"overlap kept", []orb.Polygon{sq(0, 0, 2), sq(1, 1, 2)}, 2, 0, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := dissolve(tt.in)
			holes := 0
			for _, p := range mp {
				holes += len(p) - 1
				if p[0].Orientation() != orb.CCW || !p[0].Closed() {
					t.Errorf("outer ring %v not closed and CCW", p[0])
				}
			}
			if tt.polys >= 0 && len(mp) != tt.polys || holes != tt.holes {
				t.Errorf("%d polygons, %d holes; want %d, %d: %v", len(mp), holes, tt.polys, tt.holes, mp)
			}
			if got := planar.Area(mp); math.Abs(got-tt.area) > 1e-12 {
				t.Errorf("area %g, want %g", got, tt.area)
			}
		})
	}
}

// TestDissolveDeterministic runs the same input twice: map iteration must
// not leak into the output.
func TestDissolveDeterministic(t *testing.T) {
	var in []orb.Polygon
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			if (i+j)%4 != 0 {
				in = append(in, sq(float64(i), float64(j), 1))
			}
		}
	}
	a := dissolve(in)
	for k := 0; k < 20; k++ {
		if b := dissolve(in); !a.Equal(b) {
			t.Fatalf("run %d differs:\n%v\n%v", k, a, b)
		}
	}
}

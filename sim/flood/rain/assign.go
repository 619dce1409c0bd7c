package rain

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Nearest returns the index of the gauge nearest to p (Euclidean, in the
// points' units), the lowest index on ties, or -1 when there are no
// gauges. O(len(gauges)).
func Nearest(gauges []orb.Point, p orb.Point) int {
	best, bd := -1, math.Inf(1)
	for i, g := range gauges {
		dx, dy := g[0]-p[0], g[1]-p[1]
		if d := dx*dx + dy*dy; d < bd {
			best, bd = i, d
		}
	}
	return best
}

// ThiessenWeights returns, for each gauge, the share of the polygon's area
// that lies in the gauge's Thiessen (Voronoi) cell: the areal weights of
// the Thiessen method. The shares sum to 1. Gauges at the same point give
// the whole cell to the lowest index. The polygon is a simple ring (closed
// or not, either orientation; a concave one works too, since each cell is
// convex and is clipped against it exactly). It returns an error wrapping
// ErrInvalid for no gauges or a polygon of zero area. O(G²·V).
func ThiessenWeights(gauges []orb.Point, poly orb.Ring) ([]float64, error) {
	total := math.Abs(ringArea(poly))
	if len(gauges) == 0 || !(total > 0) {
		return nil, fmt.Errorf("%w: Thiessen weights need gauges and a polygon with area (%d gauges, area %g)", ErrInvalid, len(gauges), total)
	}
	w := make([]float64, len(gauges))
	var buf []orb.Point
	for i, gi := range gauges {
		cell := append([]orb.Point(nil), poly...)
		for j, gj := range gauges {
			if j == i {
				continue
			}
			if gj == gi {
				if j < i {
					cell = cell[:0]
				}
				continue
			}
			// keep x with (gj−gi)·x <= (|gj|²−|gi|²)/2
			nx, ny := gj[0]-gi[0], gj[1]-gi[1]
			c := (gj[0]*gj[0] + gj[1]*gj[1] - gi[0]*gi[0] - gi[1]*gi[1]) / 2
			buf = clipHalfPlane(buf[:0], cell, nx, ny, c)
			cell, buf = buf, cell
			if len(cell) == 0 {
				break
			}
		}
		w[i] = math.Abs(ringArea(cell)) / total
	}
	return w, nil
}

// clipHalfPlane appends to dst the polygon in clipped to nx·x + ny·y <= c
// (Sutherland–Hodgman, one edge).
func clipHalfPlane(dst, in []orb.Point, nx, ny, c float64) []orb.Point {
	n := len(in)
	for k := 0; k < n; k++ {
		a, b := in[k], in[(k+1)%n]
		fa, fb := nx*a[0]+ny*a[1]-c, nx*b[0]+ny*b[1]-c
		if fa <= 0 {
			dst = append(dst, a)
		}
		if (fa < 0 && fb > 0) || (fa > 0 && fb < 0) {
			s := fa / (fa - fb)
			dst = append(dst, orb.Point{a[0] + s*(b[0]-a[0]), a[1] + s*(b[1]-a[1])})
		}
	}
	return dst
}

// ringArea returns the signed shoelace area of a ring (closed or not).
func ringArea(r []orb.Point) float64 {
	a := 0.0
	for k := range r {
		p, q := r[k], r[(k+1)%len(r)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a / 2
}

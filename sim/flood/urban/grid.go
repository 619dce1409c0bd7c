package urban

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// resample returns the bed grid: Bounds (or the DEM's extent) cut into
// cells of size cs, each cell's bed the terrain at its centre (the DEM
// interpolated bilinearly, or Elevation; NaN where there is no value).
// O(cells).
func resample(in *Inputs, cs float64) (*geo.Grid, error) {
	height, err := heightFunc(in)
	if err != nil {
		return nil, err
	}
	b := in.Bounds
	if b == (orb.Bound{}) {
		if in.ToDEM != nil || in.Elevation != nil {
			return nil, fmt.Errorf("%w: Bounds is required when the terrain is in another CRS", ErrInputs)
		}
		b = in.DEM.Bounds()
	}
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("%w: empty extent %v", ErrInputs, b)
	}
	cols, rows := int(math.Ceil(w/cs-1e-9)), int(math.Ceil(h/cs-1e-9))
	if float64(cols)*float64(rows) > 1<<30 {
		return nil, fmt.Errorf("%w: %d × %d cells", ErrInputs, cols, rows)
	}
	g := &geo.Grid{Cols: cols, Rows: rows, X0: b.Min[0], Y0: b.Max[1], DX: cs, DY: cs,
		Data: make([]float32, cols*rows), CRS: in.CRS}
	open := 0
	for r := range rows {
		for c := range cols {
			z, ok := height(g.Center(c, r))
			if !ok {
				z = math.NaN()
			} else {
				open++
			}
			g.Data[r*cols+c] = float32(z)
		}
	}
	if open == 0 {
		return nil, fmt.Errorf("%w: the DEM covers no cell of the extent", ErrInputs)
	}
	return g, nil
}

// heightFunc returns the terrain lookup of in: Elevation, or the DEM
// interpolated bilinearly at ToDEM(p).
func heightFunc(in *Inputs) (func(orb.Point) (float64, bool), error) {
	if in.Elevation != nil {
		return in.Elevation, nil
	}
	dem := in.DEM
	if dem == nil || dem.Cols < 1 || dem.Rows < 1 || len(dem.Data) != dem.Cols*dem.Rows {
		return nil, fmt.Errorf("%w: missing or malformed DEM", ErrInputs)
	}
	to := in.ToDEM
	return func(p orb.Point) (float64, bool) {
		if to != nil {
			p = to(p)
		}
		return dem.Interpolate(p[0], p[1])
	}, nil
}

// cellsOfPolygons calls fn for every cell of g whose centre lies inside mp.
// O(cells in the bounding box × vertices).
func cellsOfPolygons(g *geo.Grid, mp orb.MultiPolygon, fn func(cell int)) {
	if len(mp) == 0 {
		return
	}
	b := mp.Bound()
	c0, r0, c1, r1 := cellRange(g, b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			if multiContains(mp, g.Center(c, r)) {
				fn(r*g.Cols + c)
			}
		}
	}
}

// cellRange returns the cells whose centres may lie in b, clipped to g.
func cellRange(g *geo.Grid, b orb.Bound) (c0, r0, c1, r1 int) {
	c0 = max(0, int(math.Floor((b.Min[0]-g.X0)/g.DX-0.5)))
	c1 = min(g.Cols-1, int(math.Ceil((b.Max[0]-g.X0)/g.DX-0.5)))
	r0 = max(0, int(math.Floor((g.Y0-b.Max[1])/g.DY-0.5)))
	r1 = min(g.Rows-1, int(math.Ceil((g.Y0-b.Min[1])/g.DY-0.5)))
	return
}

// multiContains is the even-odd point-in-polygon test over every ring of
// every polygon (holes subtract). O(vertices).
func multiContains(mp orb.MultiPolygon, p orb.Point) bool {
	in := false
	for _, poly := range mp {
		for _, ring := range poly {
			if ringCrossings(ring, p) {
				in = !in
			}
		}
	}
	return in
}

// ringCrossings reports whether a ray from p to +x crosses ring an odd
// number of times.
func ringCrossings(ring orb.Ring, p orb.Point) bool {
	odd := false
	n := len(ring)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > p[1]) != (b[1] > p[1]) {
			x := a[0] + (p[1]-a[1])/(b[1]-a[1])*(b[0]-a[0])
			if p[0] < x {
				odd = !odd
			}
		}
	}
	return odd
}

// segmentDist returns the distance from p to the segment a–b.
func segmentDist(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return math.Hypot(ex, ey)
}

// cellsOfLine calls fn for every cell that line crosses (sampled at a
// quarter cell) and every cell whose centre is within halfWidth of it; a
// cell may be reported more than once. O(length/cell + band cells).
func cellsOfLine(g *geo.Grid, line orb.LineString, halfWidth float64, fn func(cell int)) {
	step := math.Min(g.DX, g.DY) / 4
	for i := 0; i+1 < len(line); i++ {
		a, b := line[i], line[i+1]
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		n := int(math.Ceil(l/step)) + 1
		for k := 0; k <= n; k++ {
			t := float64(k) / float64(n)
			if c, r, ok := g.Cell(a[0]+t*(b[0]-a[0]), a[1]+t*(b[1]-a[1])); ok {
				fn(r*g.Cols + c)
			}
		}
		if halfWidth <= 0 {
			continue
		}
		bb := orb.Bound{Min: a, Max: a}.Extend(b).Pad(halfWidth)
		c0, r0, c1, r1 := cellRange(g, bb)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				if segmentDist(g.Center(c, r), a, b) <= halfWidth {
					fn(r*g.Cols + c)
				}
			}
		}
	}
}

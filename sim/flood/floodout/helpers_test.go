package floodout

import (
	"math"

	"twin/geo"
)

// testDEM is a cols × rows grid of 10 m cells whose bed rises 0.5 m per
// cell eastward and 0.2 m per cell southward, with a bowl of depth 3 m
// centred on cell (cols/3, rows/2).
func testDEM(cols, rows int) *geo.Grid {
	g := &geo.Grid{Cols: cols, Rows: rows, X0: 500000, Y0: 4000000, DX: 10, DY: 10, CRS: "EPSG:32632", Data: make([]float32, cols*rows)}
	cc, cr := float64(cols/3), float64(rows/2)
	for r := range rows {
		for c := range cols {
			d := math.Hypot(float64(c)-cc, float64(r)-cr)
			g.Data[r*cols+c] = float32(0.5*float64(c) + 0.2*float64(r) - 3*math.Exp(-d*d/20))
		}
	}
	return g
}

// testDepth floods the cells within radius cells of (c0, r0) to a depth
// falling from peak at the centre to zero at the rim.
func testDepth(g *geo.Grid, c0, r0 int, radius, peak float64) []float32 {
	out := make([]float32, g.Cols*g.Rows)
	for r := range g.Rows {
		for c := range g.Cols {
			if d := math.Hypot(float64(c-c0), float64(r-r0)); d < radius {
				out[r*g.Cols+c] = float32(peak * (1 - d/radius))
			}
		}
	}
	return out
}

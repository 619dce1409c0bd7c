package surface

import (
	"math"
	"testing"

	"twin/geo"
)

// floodFront runs the flood front over a horizontal plane (Hunter et al.
// 2005; test 1 of Bates et al. 2010 and de Almeida et al. 2012): 240 × 32
// cells of 25 m, n = 0.01, the west edge held at the analytic depth
// h(0, t) for u = 0.4 m/s, to t = 9000 s. It returns the depths of the
// middle row.
func floodFront(t *testing.T, p Precision, workers int) ([]float64, *Sim) {
	t.Helper()
	const (
		nc, nr = 240, 32
		dx     = 25.0
		n, u   = 0.01, 0.4
		tEnd   = 9000.0
	)
	g := &geo.Grid{Cols: nc, Rows: nr, DX: dx, DY: dx, Y0: nr * dx, Data: make([]float32, nc*nr)}
	var lv Series
	for ts := 0.0; ts <= tEnd+60; ts += 60 {
		lv.T = append(lv.T, ts)
		lv.V = append(lv.V, hunter(0, ts, u, n))
	}
	s, err := New(Model{DEM: g, Manning: n, Boundaries: []Boundary{{Side: West, Kind: Level, Level: lv}}},
		Options{Precision: p, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Advance(tEnd); err != nil {
		t.Fatal(err)
	}
	row := make([]float64, nc)
	for c := range row {
		row[c] = s.DepthAt(c, nr/2)
	}
	return row, s
}

// TestFloodFront: RMS depth error ≤ 0.02 m and maximum ≤ 0.08 m against
// Hunter et al.'s analytic profile, front (last cell with h ≥ 1 cm) within
// 3 cells of it: the tolerances de Almeida et al. (2012) report meeting.
func TestFloodFront(t *testing.T) {
	const dx, u, n, tEnd = 25.0, 0.4, 0.01, 9000.0
	for _, p := range []Precision{Float32, Float64} {
		t.Run(p.String(), func(t *testing.T) {
			row, _ := floodFront(t, p, 2)
			var sum2, worst float64
			front := -1
			for c, h := range row {
				e := math.Abs(h - hunter((float64(c)+0.5)*dx, tEnd, u, n))
				sum2 += e * e
				worst = max(worst, e)
				if h >= 0.01 {
					front = c
				}
			}
			rms := math.Sqrt(sum2 / float64(len(row)))
			// The analytic front: where the profile falls to 1 cm.
			xf := u*tEnd - math.Pow(0.01, 7.0/3)/(7.0/3*n*n*u*u)
			off := ((float64(front)+0.5)*dx - xf) / dx
			t.Logf("%v: RMS %.4f m, max %.4f m, front off by %.2f cells", p, rms, worst, off)
			if rms > 0.02 || worst > 0.08 || math.Abs(off) > 3 {
				t.Errorf("RMS %.4f (≤ 0.02), max %.4f (≤ 0.08), front %.2f cells (≤ 3)", rms, worst, off)
			}
		})
	}
}

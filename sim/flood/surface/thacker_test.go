package surface

import (
	"math"
	"testing"

	"twin/geo"
)

// TestThackerPlanar: Thacker's (1981) planar surface oscillating in a
// paraboloid, as set in SWASHES §4.2.2 (Delestre et al. 2013: a = 1 m,
// h0 = 0.1 m, L = 4 m, η = 0.5 m, frictionless), Froude-scaled by 100 so
// the default 1 mm threshold is as small as in a city. Exact period
// T = 2π·a/√(2·g·h0). Checks: no negative depth at any step, the period of
// the water body's centre of mass within 5 % of T, and the mass balance.
func TestThackerPlanar(t *testing.T) {
	const (
		lam = 100.0
		a   = 1 * lam
		h0  = 0.1 * lam
		L   = 4 * lam
		eta = 0.5 * lam
		nc  = 200
		g   = DefaultGravity
	)
	dx := L / nc
	omega := math.Sqrt(2*g*h0) / a
	period := 2 * math.Pi / omega
	grid := &geo.Grid{Cols: nc, Rows: nc, DX: dx, DY: dx, Y0: L, Data: make([]float32, nc*nc)}
	depth := make([]float32, nc*nc)
	v := make([]float32, nc*nc)
	for r := range nc {
		for c := range nc {
			x, y := (float64(c)+0.5)*dx, L-(float64(r)+0.5)*dx
			r2 := (x-L/2)*(x-L/2) + (y-L/2)*(y-L/2)
			z := -h0 * (1 - r2/(a*a))
			i := r*nc + c
			grid.Data[i] = float32(z)
			// SWASHES eq. (4.53) at t = 0, and v = η·ω.
			depth[i] = float32(max(0, eta*h0/(a*a)*(2*(x-L/2)-eta)-z))
			v[i] = float32(eta * omega)
		}
	}
	for _, p := range []Precision{Float32, Float64} {
		t.Run(p.String(), func(t *testing.T) {
			s, err := New(Model{DEM: grid, Depth: depth, V: v}, Options{Precision: p, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var times, xs []float64
			var h []float32
			for s.Time() < 3*period {
				if _, err := s.Step(0); err != nil {
					t.Fatal(err)
				}
				h = s.Depth(h)
				var m, mx float64
				for i, d := range h {
					if d < 0 {
						t.Fatalf("t = %.2f s: negative depth %g at cell %d", s.Time(), d, i)
					}
					m += float64(d)
					mx += float64(d) * (float64(i%nc) + 0.5) * dx
				}
				times, xs = append(times, s.Time()), append(xs, mx/m-L/2)
			}
			var ups []float64 // upward zero crossings of the centre of mass
			for i := 1; i < len(xs); i++ {
				if xs[i-1] < 0 && xs[i] >= 0 {
					f := -xs[i-1] / (xs[i] - xs[i-1])
					ups = append(ups, times[i-1]+f*(times[i]-times[i-1]))
				}
			}
			if len(ups) < 2 {
				t.Fatalf("%d upward crossings in %.0f s", len(ups), s.Time())
			}
			got := (ups[len(ups)-1] - ups[0]) / float64(len(ups)-1)
			mb := s.MassBalance()
			t.Logf("%v: period %.3f s, exact %.3f s (%+.2f %%), %d steps, mass error %.2g", p, got, period,
				100*(got/period-1), s.Steps(), mb.RelativeError)
			if math.Abs(got/period-1) > 0.05 {
				t.Errorf("period %.3f s, exact %.3f s: off by more than 5 %%", got, period)
			}
			if math.Abs(mb.RelativeError) > 1e-5 {
				t.Errorf("relative mass error %g", mb.RelativeError)
			}
		})
	}
}

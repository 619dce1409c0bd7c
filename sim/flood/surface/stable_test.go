package surface

import (
	"fmt"
	"math"
	"testing"

	"twin/geo"
)

// TestDeepLakeStable checks the θ-scheme's 2D stability bound
// (stabilityLength: α ≤ √(θ/2) on square cells, from von Neumann analysis
// of the update) both ways on the worst case: a deep (5 m), frictionless
// lake with a 1 mm bump, where nothing damps the checkerboard mode. Run at
// 95 % of the bound, the largest flow stays within what the bump itself
// drives (expected: bounded, 1e-2 m²/s allowed against ~1e-3 seen); run at
// 110 % of it, the mode's predicted amplification |μ| > 1 must show as
// growth past 1 m²/s within 300 steps. θ = 1 keeps LISFLOOD-FP's α = 0.7.
func TestDeepLakeStable(t *testing.T) {
	for _, theta := range []float64{0.7, 0.9, 1} {
		for _, safety := range []float64{0.95, 1.1} {
			t.Run(fmt.Sprintf("theta%.1f/x%.2f", theta, safety), func(t *testing.T) {
				g := &geo.Grid{Cols: 40, Rows: 40, DX: 5, DY: 5, Data: make([]float32, 1600)}
				depth := make([]float32, 1600)
				for i := range depth {
					depth[i] = 5
				}
				depth[20*40+20] += 1e-3
				s, err := New(Model{DEM: g, Depth: depth}, Options{Theta: theta, CFL: 1, Workers: 1})
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				c := s.s.(*core[float32])
				c.stabSafety = safety
				var peak, first float64
				for i := range 300 {
					dt, err := s.Step(0)
					if err != nil {
						break
					}
					if i == 0 {
						first = dt
					}
					for _, q := range c.qx {
						peak = max(peak, math.Abs(float64(q)))
					}
				}
				alpha := first * math.Sqrt(DefaultGravity*5) / 5
				t.Logf("θ %.1f α %.3f (bound %.3f): peak |q| %.3g m²/s", theta, alpha, math.Sqrt(theta/2), peak)
				if safety < 1 && peak > 1e-2 {
					t.Errorf("below the bound the bump grew: peak |q| %g", peak)
				}
				if safety > 1 && peak < 1 {
					t.Errorf("above the bound the checkerboard mode did not grow: peak |q| %g", peak)
				}
			})
		}
	}
}

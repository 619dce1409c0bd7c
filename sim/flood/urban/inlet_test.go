package urban

import (
	"context"
	"math"
	"testing"
)

// TestCaptureFormulas checks Inlet.Capture against the linking equations
// evaluated by hand (doc.go): weir Cw·π·D·h·√(2gh), orifice
// Co·(π·D²/4)·√(2g·Δh), g = 9.81 m/s².
func TestCaptureFormulas(t *testing.T) {
	in := Inlet{Diameter: 1, Weir: 0.3, Orifice: 0.6}
	// weir at h = 0.05 m: 0.3·π·1·0.05·√(2·9.81·0.05) = 0.0466741 m³/s
	// orifice at h = 0.8 m: 0.6·π/4·√(2·9.81·0.8) = 1.86696 m³/s
	// submerged, head 0.1 m above the rim, h = 0.3: Δh = 0.2 m,
	// 0.6·π/4·√(2·9.81·0.2) = 0.933481 m³/s
	for _, tc := range []struct {
		name          string
		h, head, rim  float64
		want          float64
		formula       string
		weirOrOrifice float64
	}{
		{"dry", 0, -1, 0, 0, "none", 0},
		{"weir", 0.05, -1, 0, 0.0466741, "weir", 0.3 * math.Pi * 0.05 * math.Sqrt(2*9.81*0.05)},
		{"weir at the rim", 0.05, 0, 0, 0.0466741, "weir", 0.3 * math.Pi * 0.05 * math.Sqrt(2*9.81*0.05)},
		{"deep free inflow is orifice-limited", 0.8, -1, 0, 1.86696, "orifice", 0.6 * math.Pi / 4 * math.Sqrt(2*9.81*0.8)},
		{"submerged orifice", 0.3, 0.1, 0, 0.933481, "orifice", 0.6 * math.Pi / 4 * math.Sqrt(2*9.81*0.2)},
		{"head level with the street water", 0.3, 0.3, 0, 0, "none", 0},
		{"surcharged", 0.3, 0.5, 0, 0, "none", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := in.Capture(tc.h, tc.head, tc.rim)
			if !closeRel(got, tc.want, 1e-5, 1e-9) || !closeRel(got, tc.weirOrOrifice, 1e-12, 1e-12) {
				t.Errorf("Capture(%g, %g, %g) = %.7g m³/s, want %.7g (%s)", tc.h, tc.head, tc.rim, got, tc.want, tc.formula)
			}
		})
	}
	// the weir and orifice limits cross at h = Co·A/(Cw·P) = 0.6·D/(4·0.3) = 0.5 m
	if w, o := in.Capture(0.4999, -1, 0), 0.6*math.Pi/4*math.Sqrt(2*9.81*0.4999); !(w < o) {
		t.Errorf("below the crossing the weir should govern: %g vs orifice %g", w, o)
	}
	if zero := (Inlet{}).Capture(0.05, -1, 0); !closeRel(zero, 0.0466741, 1e-5, 0) {
		t.Errorf("zero Inlet = %g, want the defaults' 0.0466741", zero)
	}
}

// TestInletCaptureInModel: water 5 cm deep standing on a flat closed
// street drains into J1 (empty pipe, head below the rim) for one 1 s
// interval: the volume the model moves is the weir formula's 0.0466741
// m³/s × 1 s (hand-evaluated as above), taken from the street and
// counted in by the pipes.
func TestInletCaptureInModel(t *testing.T) {
	s := newStreet()
	for i := range s.dem.Data {
		s.dem.Data[i] = float32(s.rim)
	}
	depth := make([]float32, len(s.dem.Data))
	for i := range depth {
		depth[i] = 0.05
	}
	m, err := New(Inputs{DEM: s.dem, Sewer: s.sewer(t), Depth: depth}, Options{CellSize: 5, ClosedEdges: true, Exchange: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 1, nil); err != nil {
		t.Fatal(err)
	}
	b := m.MassBalance()
	const want = 0.0466741 // m³
	if !closeRel(b.Captured, want, 1e-5, 0) {
		t.Errorf("captured %.7g m³ in 1 s, want %.7g (weir formula)", b.Captured, want)
	}
	if !closeRel(b.Surface, 5000*0.05-want, 1e-6, 0) {
		t.Errorf("street holds %.6f m³, want %.6f", b.Surface, 5000*0.05-want)
	}
	if math.Abs(b.Error+b.PipeError) > 1e-6*250 {
		t.Errorf("balance error %g m³ besides the pipes' own %g m³", b.Error+b.PipeError, -b.PipeError)
	}
}

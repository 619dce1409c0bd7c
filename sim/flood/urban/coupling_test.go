package urban

import (
	"context"
	"math"
	"testing"

	"twin/sim/flood/rain"
)

// TestCoupledVolumeConservation rains 50 mm/h for 10 minutes on the
// synthetic street (closed edges), which drains through J1 and the pipe to
// a free outfall, and checks the combined account: the rain is exactly
// 50 mm/h × 600 s × 5000 m² = 41.667 m³ (analytic), every volume adds up
// to within 0.1 % of it, and the exchange terms match on both sides.
func TestCoupledVolumeConservation(t *testing.T) {
	s := newStreet()
	in := Inputs{DEM: s.dem, Sewer: s.sewer(t), Rain: rain.Uniform{MMh: 50, Start: 0, End: 600}}
	m, err := New(in, Options{CellSize: 5, ClosedEdges: true})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 1800, nil); err != nil {
		t.Fatal(err)
	}
	b := m.MassBalance()
	t.Logf("%+v", b)
	const rainVol = 50.0 / 1000 / 3600 * 600 * 5000
	if !closeRel(b.Rain, rainVol, 1e-6, 1) {
		t.Errorf("rain %.6f m³, want %.6f (analytic)", b.Rain, rainVol)
	}
	if math.Abs(b.Error) > 1e-3*rainVol {
		t.Errorf("coupled balance error %.3g m³ (%.4f %%), want < 0.1 %% of the rain", b.Error, b.ErrorPercent)
	}
	// the coupling itself adds nothing: what is left is the drainage
	// solver's own continuity error
	if math.Abs(b.Error+b.PipeError) > 1e-5*rainVol {
		t.Errorf("error %.6g m³ besides the pipes' own %.6g m³", b.Error+b.PipeError, -b.PipeError)
	}
	if b.Captured < 0.5*rainVol || b.Outfalls < 0.5*rainVol {
		t.Errorf("captured %.3f m³, out of the outfall %.3f m³: want most of the %.3f m³ of rain through the pipe", b.Captured, b.Outfalls, rainVol)
	}
	// what the surface lost through its sink is what the pipes counted in,
	// to within the transit term
	if math.Abs(b.Transit) > 1e-3*rainVol {
		t.Errorf("transit %.3g m³, want below 0.1 %% of the rain", b.Transit)
	}
	if b.Lost != 0 || b.BoundaryOut != 0 {
		t.Errorf("lost %g, boundary out %g: want 0 with closed edges and a coupled node", b.Lost, b.BoundaryOut)
	}
}

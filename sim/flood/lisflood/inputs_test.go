package lisflood

import (
	"errors"
	"io/fs"
	"math"
	"testing"
	"testing/fstest"

	"twin/geo"
	"twin/sim/flood/surface"
)

const flatDEM = "ncols 10\nnrows 10\nxllcorner 0\nyllcorner 0\ncellsize 5\nNODATA_value -9999\n" +
	"0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n" +
	"0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 -9999\n"

// TestPointSource: a point QFIX of 0.1 m²/s on 5 m cells is 0.5 m³/s
// (LISFLOOD-FP multiplies point flows by the cell size), so a closed
// 50 m × 50 m box holds 0.5 × 120 = 60 m³ after 120 s (expected exactly;
// tolerance float32 round-off, 1e-5 relative). A QVAR series scales the
// same way; rainfall in mm/h arrives in m/s.
func TestPointSource(t *testing.T) {
	fsys := fstest.MapFS{
		"m/a.par":   {Data: []byte("DEMfile a.asc\nbcifile a.bci\nbdyfile a.bdy\nsim_time 120\nmassint 60\nfpfric 0.03\nstagefile a.stage\nrainfall a.rain\n")},
		"m/a.asc":   {Data: []byte(flatDEM)},
		"m/a.bci":   {Data: []byte("P 22.5 22.5 QFIX 0.1\nP 7.5 42.5 QVAR s\n")},
		"m/a.bdy":   {Data: []byte("c\ns\n2 seconds\n0.02 0\n0.02 1000\n")},
		"m/a.stage": {Data: []byte("2\n22.5 22.5\n100 100\n")},
		"m/a.rain":  {Data: []byte("rain\n2 hours\n36 0\n36 1\n")},
	}
	in, err := Load(fsys, "m/a.par")
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(float64(in.DEM.Data[99])) {
		t.Errorf("no-data cell reads %g", in.DEM.Data[99])
	}
	if want := 36 / 3.6e6; math.Abs(in.Rain.At(10)-want) > 1e-18 {
		t.Errorf("rain %g m/s, want %g", in.Rain.At(10), want)
	}
	s, err := Run(in, in.Options(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mb := s.MassBalance()
	wantSrc := (0.1*5 + 0.02*5) * 120
	wantRain := 36 / 3.6e6 * 120 * 25 * 99 // 99 open cells of 25 m²
	if math.Abs(mb.SourceIn/wantSrc-1) > 1e-5 || math.Abs(mb.Rain/wantRain-1) > 1e-5 || math.Abs(mb.Stored/(wantSrc+wantRain)-1) > 1e-5 {
		t.Errorf("sources %g m³ (want %g), rain %g (want %g), stored %g", mb.SourceIn, wantSrc, mb.Rain, wantRain, mb.Stored)
	}
	if got := in.GaugeElevations(); got[0] != 0 || !math.IsNaN(got[1]) {
		t.Errorf("gauge elevations %v", got)
	}
}

// TestBoundaryMapping: each .bci type becomes the surface boundary of the
// same meaning; the options take LISFLOOD-FP's defaults.
func TestBoundaryMapping(t *testing.T) {
	in := &Inputs{Par: &Params{FPFric: 0.04, Values: map[string]string{"fpfric": "0.04"}}, DEM: &geo.Grid{Cols: 2, Rows: 2, DX: 5, DY: 5, Y0: 10, Data: make([]float32, 4)},
		BCs: []BoundaryCondition{
			{Edge: 'N', Start: 0, End: 10, Type: HFix, Value: 2, HasValue: true},
			{Edge: 'S', Start: 0, End: 10, Type: HVar, Series: "h"},
			{Edge: 'E', Start: 0, End: 10, Type: Free, Value: 0.002, HasValue: true},
			{Edge: 'W', Start: 0, End: 10, Type: QFix, Value: 0.3, HasValue: true},
		},
		Series: map[string]surface.Series{"h": surface.Const(1)}}
	m, err := in.Model()
	if err != nil {
		t.Fatal(err)
	}
	b := m.Boundaries
	if len(b) != 4 || b[0].Kind != surface.Level || b[0].Level.At(0) != 2 || b[1].Kind != surface.Level ||
		b[2].Kind != surface.Free || b[2].Slope != 0.002 || b[3].Kind != surface.Inflow || !b[3].PerWidth || b[3].Flow.At(0) != 0.3 {
		t.Errorf("boundaries %+v", b)
	}
	o := in.Options()
	if o.Theta != 1 || o.CFL != 0.7 || o.DepthThreshold != 0.001 || o.Gravity != 9.80655 || o.MaxStep != 10 {
		t.Errorf("options %+v", o)
	}
	in.BCs[1].Series = "missing"
	if _, err := in.Model(); !errors.Is(err, ErrMissing) {
		t.Errorf("missing series: %v", err)
	}
	in.BCs = []BoundaryCondition{{Edge: 'P', Type: HFix, Value: 1, HasValue: true}}
	if _, err := in.Model(); !errors.Is(err, geo.ErrUnsupported) {
		t.Errorf("point HFIX: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want error
	}{
		{"river", fstest.MapFS{"a.par": {Data: []byte("DEMfile a.asc\nriverfile r.river\n")}}, geo.ErrUnsupported},
		{"no dem", fstest.MapFS{"a.par": {Data: []byte("sim_time 5\n")}}, ErrMissing},
		{"dem missing", fstest.MapFS{"a.par": {Data: []byte("DEMfile b.asc\n")}}, fs.ErrNotExist},
		{"bad dem", fstest.MapFS{"a.par": {Data: []byte("DEMfile a.asc\n")}, "a.asc": {Data: []byte("ncols x\n")}}, geo.ErrSyntax},
	} {
		if _, err := Load(tc.fsys, "a.par"); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

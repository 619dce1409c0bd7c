package lisflood

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"twin/geo"
	"twin/geo/dem"
	"twin/internal/sharedtest"
)

const ea4Dir = "flood/ea-test4-lisflood8"

// ea4FS returns the EA test 4 inputs with the DEM the data README asks
// for: a flat floodplain at 0 m, 1000 m (x) by 2000 m (y), 5 m cells,
// lower-left corner at (0, 0) — the extent the .bci and .stage imply.
func ea4FS(t testing.TB) fstest.MapFS {
	dir := sharedtest.Path(t, ea4Dir)
	fsys := fstest.MapFS{}
	for _, f := range []string{"ea4.par", "ea4.bci", "ea4.bdy", "ea4.stage", "reference-ea4-1m-acc.stage"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	g := &geo.Grid{Cols: 200, Rows: 400, DX: 5, DY: 5, X0: 0, Y0: 2000, Data: make([]float32, 200*400)}
	var buf bytes.Buffer
	if err := dem.EncodeASC(&buf, g); err != nil {
		t.Fatal(err)
	}
	fsys["ea4.dem"] = &fstest.MapFile{Data: buf.Bytes()}
	return fsys
}

// peakAndArrival returns a gauge's largest depth and the first time its
// depth reaches 1 cm (linear between samples; NaN if never).
func peakAndArrival(times []float64, depths [][]float64, g int) (peak, arrival float64) {
	arrival = math.NaN()
	for k, row := range depths {
		peak = max(peak, row[g])
		if math.IsNaN(arrival) && row[g] >= 0.01 {
			arrival = times[k]
			if k > 0 {
				d0 := depths[k-1][g]
				arrival = times[k-1] + (0.01-d0)/(row[g]-d0)*(times[k]-times[k-1])
			}
		}
	}
	return peak, arrival
}

// TestEA4 runs UK Environment Agency benchmark test 4 (speed of flood
// propagation over a flat floodplain; Néelz & Pender 2013) from its
// LISFLOOD-FP inputs, read with this package, on the 5 m grid, and
// compares the gauges with LISFLOOD-FP 8's ACC reference run on a 1 m grid
// (reference-ea4-1m-acc.stage, Shaw et al. 2021): peak depth within
// ±0.01 m and arrival of 1 cm within ±300 s at all six gauges, the issue's
// tolerances. With -short it stops at 3600 s and checks arrivals only.
func TestEA4(t *testing.T) {
	fsys := ea4FS(t)
	in, err := Load(fsys, "ea4.par")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := decodeFile(fsys, "reference-ea4-1m-acc.stage", ReadStageOutput)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		in.Par.SimTime = 3600
	}
	opt := in.Options()
	opt.Workers = 2
	var out bytes.Buffer
	s, err := Run(in, opt, &out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := ReadStageOutput(&out, "ea4.stage (ours)")
	if err != nil {
		t.Fatal(err)
	}
	mb := s.MassBalance()
	t.Logf("%d steps to %.0f s; inflow %.0f m³, stored %.0f m³, outflow %.0f m³, relative mass error %.2g",
		s.Steps(), s.Time(), mb.BoundaryIn, mb.Stored, mb.BoundaryOut, mb.RelativeError)
	for g := range in.Stages {
		rp, ra := peakAndArrival(ref.Times, ref.Depths, g)
		gp, ga := peakAndArrival(got.Times, got.Depths, g)
		t.Logf("gauge %d (%g, %g): peak %.4f m (ref %.4f, %+.4f), arrival %.0f s (ref %.0f, %+.0f)",
			g+1, in.Stages[g].X, in.Stages[g].Y, gp, rp, gp-rp, ga, ra, ga-ra)
		if !testing.Short() && math.Abs(gp-rp) > 0.01 {
			t.Errorf("gauge %d: peak %.4f m, reference %.4f m", g+1, gp, rp)
		}
		if !math.IsNaN(ra) && ra < in.Par.SimTime && !(math.Abs(ga-ra) <= 300) {
			t.Errorf("gauge %d: arrival %.0f s, reference %.0f s", g+1, ga, ra)
		}
	}
}

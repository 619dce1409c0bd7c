package surface

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// dryModel is a bumpy bed at 1200 m (float32 rounding of bed + depth is
// then at its coarsest over the test's range) with a 4 m deep block of
// water in the north-west corner that spreads over dry ground.
func dryModel() Model {
	g := bumpyBed(3, 60, 80, 5, 1200)
	depth := make([]float32, len(g.Data))
	for r := range 15 {
		for c := range 20 {
			depth[r*g.Cols+c] = 4
		}
	}
	return Model{DEM: g, Depth: depth, Manning: 0.03,
		Sources: []Source{{Name: "well", X: 250, Y: 50, Flow: Series{T: []float64{0}, V: []float64{0.5}}}}}
}

// TestDryRowsSkipped: skipping the faces of dry rows changes no output bit
// (expected: byte-identical to a run that computes every face), and the
// run does skip rows. Both precisions, two workers.
func TestDryRowsSkipped(t *testing.T) {
	for _, p := range []Precision{Float32, Float64} {
		run := func(skip bool) ([]byte, int) {
			s, err := New(dryModel(), Options{Precision: p, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !skip {
				switch c := s.s.(type) {
				case *core[float32]:
					c.dryLim = -1
				case *core[float64]:
					c.dryLim = -1
				}
			}
			var buf bytes.Buffer
			dryRows := 0
			for s.Time() < 120 {
				dt, err := s.Step(0)
				if err != nil {
					t.Fatal(err)
				}
				_ = binary.Write(&buf, binary.LittleEndian, dt)
				if c, ok := s.s.(*core[float32]); ok {
					for r := range c.ny {
						if c.dryRow(r) {
							dryRows++
						}
					}
				}
			}
			u, v := s.Velocity(nil, nil)
			for _, f := range [][]float32{s.Depth(nil), u, v, s.MaxDepth(nil), s.MaxDepthTime(nil)} {
				_ = binary.Write(&buf, binary.LittleEndian, f)
			}
			_ = binary.Write(&buf, binary.LittleEndian, s.MassBalance())
			return buf.Bytes(), dryRows
		}
		got, dry := run(true)
		want, _ := run(false)
		if !bytes.Equal(got, want) {
			t.Errorf("%v: outputs differ when dry rows are skipped", p)
		}
		if p == Float32 && dry == 0 {
			t.Errorf("%v: no row was ever dry: the test does not exercise skipping", p)
		}
	}
}

// TestDryLimit: the limit sits just under the threshold, by the rounding
// of the bed's magnitude (expected values from the formula, relative
// tolerance 1e-6), and is −1 where the relief swamps the threshold.
func TestDryLimit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		thr, zmax float64
		want      float64
	}{
		{"float32 flat", 1e-3, 0, 1e-3 - 8*0x1p-24*1e-3},
		{"float32 1 km", 1e-3, 1000, 1e-3 - 8*0x1p-24*(1000+1e-3)},
		{"float32 swamped", 1e-3, 3000, -1},
	} {
		got := float64(dryLimit[float32](tc.thr, tc.zmax))
		bad := got != -1
		if tc.want > 0 {
			bad = math.Abs(got-tc.want) > 1e-6*tc.want
		}
		if bad {
			t.Errorf("%s: %g, want %g", tc.name, got, tc.want)
		}
	}
	if got, want := dryLimit[float64](1e-3, 1000), 1e-3-8*0x1p-53*(1000+1e-3); got != want {
		t.Errorf("float64: %g, want %g", got, want)
	}
}

package floodout

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"twin/geo"
	"twin/geo/dem"
	"twin/internal/sharedtest"
)

// TestHillshadePlanes checks planes against the analytic cosine between
// the plane's normal and the light (azimuth 315°, altitude 45°): flat
// ground gives sin 45°; a plane falling toward the north-west at 45°
// faces the light squarely (1 up to round-off); one falling toward the
// south-east at 45° gets cos 90° = 0; east and west faces as commented.
// Tolerance 1e-6.
func TestHillshadePlanes(t *testing.T) {
	s := 1 / math.Sqrt2 // gradient components of a 45° slope along a diagonal
	tests := []struct {
		name   string
		gx, gy float64 // dz/dx (east), dz/dy (north)
		want   float64
	}{
		{"flat", 0, 0, math.Sqrt2 / 2},
		{"facing north-west", s, -s, 1},
		{"facing south-east", -s, s, 0},
		// normal (±1, 0, 1)/√2 against light (−½, ½, √2/2): (√2/2 ∓ ½)/√2
		{"facing east, 45°", -1, 0, (math.Sqrt2/2 - 0.5) / math.Sqrt2},
		{"facing west, 45°", 1, 0, (math.Sqrt2/2 + 0.5) / math.Sqrt2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &geo.Grid{Cols: 5, Rows: 5, DX: 2, DY: 2, Data: make([]float32, 25)}
			for r := range 5 {
				for c := range 5 {
					// y grows northward, rows southward.
					g.Data[r*5+c] = float32(100 + tt.gx*2*float64(c) - tt.gy*2*float64(r))
				}
			}
			got := Hillshade(g)[2*5+2]
			if math.Abs(float64(got)-tt.want) > 1e-6 {
				t.Errorf("hillshade %.7f, want %.7f", got, tt.want)
			}
		})
	}
}

// TestHillshadeGDAL compares the interior cells with `gdaldem hillshade`
// (GDAL's Horn algorithm, same light), which writes bytes 1 + 254·cos:
// within 1/254 (one grey level) of ours.
func TestHillshadeGDAL(t *testing.T) {
	gdaldem := sharedtest.Tool(t, "gdaldem")
	g := testDEM(40, 30)
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := dem.EncodeASC(&buf, g); err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "dem.asc"), filepath.Join(dir, "hs.bil")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(gdaldem, "hillshade", "-q", "-of", "EHdr", in, out).CombinedOutput(); err != nil {
		t.Fatalf("gdaldem: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != g.Cols*g.Rows {
		t.Fatalf("gdaldem wrote %d bytes, want %d", len(raw), g.Cols*g.Rows)
	}
	ours := Hillshade(g)
	worst := 0.0
	for r := 1; r < g.Rows-1; r++ {
		for c := 1; c < g.Cols-1; c++ {
			i := r*g.Cols + c
			ref := (float64(raw[i]) - 1) / 254
			worst = max(worst, math.Abs(float64(ours[i])-ref))
		}
	}
	if worst > 1.0/254+1e-6 {
		t.Errorf("largest difference from gdaldem %.4f, want ≤ 1/254", worst)
	}
	t.Logf("largest difference from gdaldem: %.4f", worst)
}

package dem

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

// TestInterpolateAnalytic checks geo.Grid.Interpolate on the Monaco crop
// against the bilinear formula: at a cell centre it is the cell, half way
// between two centres the mean of the two, at the corner shared by four
// cells the mean of the four.
func TestInterpolateAnalytic(t *testing.T) {
	g := sharedDataset(t, monacoTIF, Options{}).Grids[0]
	const tol = 1e-9 // metres; float64 arithmetic on integer elevations
	checked := 0
	for r := 0; r+1 < g.Rows; r++ {
		for c := 0; c+1 < g.Cols; c++ {
			v00, v10, v01, v11 := g.At(c, r), g.At(c+1, r), g.At(c, r+1), g.At(c+1, r+1)
			if voidNear(g, c, r) {
				continue
			}
			p, q := g.Center(c, r), g.Center(c+1, r+1)
			tests := []struct {
				name string
				x, y float64
				want float64
			}{
				{"centre", p[0], p[1], v00},
				{"east midpoint", (p[0] + q[0]) / 2, p[1], (v00 + v10) / 2},
				{"south midpoint", p[0], (p[1] + q[1]) / 2, (v00 + v01) / 2},
				{"four-cell corner", (p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (v00 + v10 + v01 + v11) / 4},
			}
			for _, tt := range tests {
				got, ok := g.Interpolate(tt.x, tt.y)
				if !ok || math.Abs(got-tt.want) > tol {
					t.Fatalf("cell (%d, %d) %s: Interpolate = %v, %v; want %v", c, r, tt.name, got, ok, tt.want)
				}
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Errorf("only %d cells checked", checked)
	}
}

// voidNear reports a NaN among the cells (c−1…c+2, r−1…r+2). Rounding can
// put a cell centre a hair into the neighbouring interval, where a void with
// a weight of 1e-13 still makes the result NaN, so such cells are skipped.
func voidNear(g *geo.Grid, c, r int) bool {
	for y := r - 1; y <= r+2; y++ {
		for x := c - 1; x <= c+2; x++ {
			if x >= 0 && y >= 0 && x < g.Cols && y < g.Rows && math.IsNaN(g.At(x, y)) {
				return true
			}
		}
	}
	return false
}

// TestInterpolateGDAL compares geo.Grid.Interpolate at seeded lon/lat
// points with GDAL's bilinear resampling. GDAL ≥ 3.10 answers with
// `gdallocationinfo -r bilinear -wgs84 -valonly FILE lon lat`; older GDAL
// (3.6 here) lacks -r, so the same number comes from warping a one-cell
// window centred on the point:
//
//	gdalwarp -r bilinear -te lon−d/2 lat−d/2 lon+d/2 lat+d/2 -ts 1 1 -ot Float64 FILE out.tif
//	gdallocationinfo -valonly out.tif 0 0
func TestInterpolateGDAL(t *testing.T) {
	file := sharedtest.Path(t, monacoTIF)
	sharedtest.Tool(t, "gdalwarp")
	g := sharedDataset(t, monacoTIF, Options{}).Grids[0]
	r := rand.New(rand.NewPCG(testSeed(t), 0))
	b := g.Bounds()
	newGDAL := gdalAtLeast(t, 3, 10)
	for i := 0; i < 6; i++ {
		// Stay a cell inside the edge, where both extrapolate differently.
		lon := b.Min[0] + g.DX*(1+r.Float64()*float64(g.Cols-2))
		lat := b.Min[1] + g.DY*(1+r.Float64()*float64(g.Rows-2))
		got, ok := g.Interpolate(lon, lat)
		if !ok {
			continue // next to a void
		}
		var want float64
		if newGDAL {
			want = parseValue(t, runTool(t, "", "gdallocationinfo", "-r", "bilinear", "-wgs84", "-valonly", file, ftoa(lon), ftoa(lat)))
		} else {
			out := filepath.Join(t.TempDir(), "point.tif")
			d := g.DX
			runTool(t, "", "gdalwarp", "-q", "-r", "bilinear", "-te", ftoa(lon-d/2), ftoa(lat-d/2), ftoa(lon+d/2), ftoa(lat+d/2),
				"-ts", "1", "1", "-ot", "Float64", file, out)
			want = parseValue(t, runTool(t, "", "gdallocationinfo", "-valonly", out, "0", "0"))
		}
		if math.Abs(got-want) > 1e-3 {
			t.Errorf("(%.7f, %.7f): Interpolate = %.6f, GDAL bilinear %.6f (±1e-3 m)", lon, lat, got, want)
		}
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', 12, 64) }

func parseValue(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		t.Fatalf("GDAL value %q: %v", s, err)
	}
	return v
}

// gdalAtLeast reports whether the installed GDAL is at least major.minor.
func gdalAtLeast(t *testing.T, major, minor int) bool {
	out, err := exec.Command(sharedtest.Tool(t, "gdalinfo"), "--version").Output()
	if err != nil {
		return false
	}
	var ma, mi int
	if _, err := fmt.Sscanf(string(out), "GDAL %d.%d", &ma, &mi); err != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

// TestInterpolateNextToVoid checks that a void with zero weight does not
// spoil the result: on the line through two centres the row beyond has
// weight 0 (bilinear formula with ty = 0).
func TestInterpolateNextToVoid(t *testing.T) {
	nan := float32(math.NaN())
	g := &geo.Grid{Cols: 2, Rows: 2, X0: 0, Y0: 2, DX: 1, DY: 1, Data: []float32{10, 20, nan, nan}}
	tests := []struct {
		name string
		x, y float64
		want float64
		ok   bool
	}{
		{"centre", 0.5, 1.5, 10, true},
		{"between centres", 1, 1.5, 15, true},
		{"edge extrapolation", 0.1, 1.9, 10, true},
		{"inside the void's reach", 1, 1.25, math.NaN(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := g.Interpolate(tt.x, tt.y)
			if ok != tt.ok || !same(v, tt.want) {
				t.Errorf("Interpolate(%v, %v) = %v, %v; want %v, %v", tt.x, tt.y, v, ok, tt.want, tt.ok)
			}
		})
	}
}

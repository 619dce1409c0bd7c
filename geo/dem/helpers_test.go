package dem

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

var seedFlag = flag.Uint64("dem.seed", 0, "seed for the live GDAL samples (0: a fresh one, logged)")

// testSeed returns the seed for a live sample, logging it so that a failure
// can be replayed with -dem.seed.
func testSeed(t *testing.T) uint64 {
	t.Helper()
	s := *seedFlag
	if s == 0 {
		s = rand.Uint64()
	}
	t.Logf("seed %d (replay with -dem.seed=%d)", s, s)
	return s
}

// The shared data files the tests read.
const (
	monacoASC = "dem/srtm3-monaco-crop.asc"
	monacoPRJ = "dem/srtm3-monaco-crop.prj"
	monacoTIF = "dem/srtm3-monaco-crop.tif"
	tileZIP   = "dem/gh-N43E007.hgt.zip"
)

// sharedDataset decodes a shared data file with Decode.
func sharedDataset(t testing.TB, rel string, opt Options) *geo.Dataset {
	t.Helper()
	ds, err := Decode(sharedtest.Open(t, rel), filepath.Base(rel), opt)
	if err != nil {
		t.Fatalf("Decode(%s): %v", rel, err)
	}
	if len(ds.Grids) != 1 || ds.Format != "dem" {
		t.Fatalf("Decode(%s): %d grids, format %q", rel, len(ds.Grids), ds.Format)
	}
	return ds
}

// testdataDataset decodes a file of testdata/ with Decode.
func testdataDataset(t testing.TB, name string, opt Options) *geo.Dataset {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Decode(bytes.NewReader(b), name, opt)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return ds
}

// same reports whether two cell values agree, NaN matching NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// sameCells fails t unless a and b have the same size and cells.
func sameCells(t *testing.T, a, b *geo.Grid) {
	t.Helper()
	if a.Cols != b.Cols || a.Rows != b.Rows {
		t.Fatalf("size %d×%d, want %d×%d", a.Cols, a.Rows, b.Cols, b.Rows)
	}
	bad := 0
	for r := 0; r < a.Rows; r++ {
		for c := 0; c < a.Cols; c++ {
			if !same(a.At(c, r), b.At(c, r)) {
				if bad++; bad <= 5 {
					t.Errorf("cell (%d, %d) = %v, want %v", c, r, a.At(c, r), b.At(c, r))
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("%d cells differ", bad)
	}
}

// checkTransform compares a grid's placement with a GDAL geotransform.
func checkTransform(t *testing.T, g *geo.Grid, gt [6]float64, tol float64) {
	t.Helper()
	got := [6]float64{g.X0, g.DX, 0, g.Y0, 0, -g.DY}
	for i := range gt {
		if math.Abs(got[i]-gt[i]) > tol {
			t.Errorf("geotransform[%d] = %.17g, want %.17g (±%g)", i, got[i], gt[i], tol)
		}
	}
}

// runTool runs an installed command and returns its standard output.
func runTool(t testing.TB, stdin string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(sharedtest.Tool(t, name), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// gdalValues reads cells at pixel positions with `gdallocationinfo -valonly
// file` (positions on standard input), mapping the nodata value to NaN.
func gdalValues(t testing.TB, file string, pos [][2]int, nodata float64) []float64 {
	t.Helper()
	var in strings.Builder
	for _, p := range pos {
		fmt.Fprintf(&in, "%d %d\n", p[0], p[1])
	}
	lines := strings.Fields(runTool(t, in.String(), "gdallocationinfo", "-valonly", file))
	if len(lines) != len(pos) {
		t.Fatalf("gdallocationinfo gave %d values for %d positions", len(lines), len(pos))
	}
	out := make([]float64, len(pos))
	for i, s := range lines {
		v, err := strconv.ParseFloat(strings.TrimLeft(s, "+-"), 64)
		if err != nil {
			t.Fatalf("gdallocationinfo value %q: %v", s, err)
		}
		if strings.HasPrefix(s, "-") {
			v = -v
		}
		if v == nodata {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// gdalInfo is the part of `gdalinfo -json` the tests compare.
type gdalInfo struct {
	Size         [2]int     `json:"size"`
	GeoTransform [6]float64 `json:"geoTransform"`
	Stac         struct {
		EPSG int `json:"proj:epsg"`
	} `json:"stac"`
	Bands []struct {
		Type   string `json:"type"`
		NoData any    `json:"noDataValue"`
	} `json:"bands"`
}

func runGDALInfo(t testing.TB, file string) gdalInfo {
	t.Helper()
	var info gdalInfo
	if err := json.Unmarshal([]byte(runTool(t, "", "gdalinfo", "-json", file)), &info); err != nil {
		t.Fatalf("gdalinfo -json %s: %v", file, err)
	}
	return info
}

// samplePositions returns n seeded pixel positions plus the four corners.
func samplePositions(seed uint64, n, cols, rows int) [][2]int {
	r := rand.New(rand.NewPCG(seed, 0))
	pos := make([][2]int, 0, n+4)
	for i := 0; i < n; i++ {
		pos = append(pos, [2]int{r.IntN(cols), r.IntN(rows)})
	}
	return append(pos, [2]int{0, 0}, [2]int{cols - 1, 0}, [2]int{0, rows - 1}, [2]int{cols - 1, rows - 1})
}

// wantParseError fails t unless err is a *geo.ParseError wrapping kind.
func wantParseError(t *testing.T, err, kind error) *geo.ParseError {
	t.Helper()
	var pe *geo.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *geo.ParseError", err, err)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %v does not wrap %v", err, kind)
	}
	return pe
}

// testdataBytes reads a file of testdata/.
func testdataBytes(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

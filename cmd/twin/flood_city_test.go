package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"twin/engine"
	"twin/geo"
	"twin/geo/dem"
	"twin/internal/sharedtest"
)

// cityFloodArgs floods the sample city with 100 mm/h for 20 minutes on
// 20 m cells: enough to close roads in its low streets.
var cityFloodArgs = []string{"flood", "--rain", "uniform:100mm/h", "--duration", "1200", "--cell", "20", "--json"}

// TestFloodCity runs the city mode on the embedded sample city and checks
// its outputs against each other and against the engine:
//   - the closure NDJSON parses with engine.ParseDeltas and applies with
//     Tx.Apply on the sample World, every line a closure on the roads
//     layer, and the roads then read closed;
//   - the summary's counts match the NDJSON and the buildings CSV, its
//     maximum depth equals the largest cell of max-depth.asc (exact), and
//     the ASCII grid and the GeoTIFF hold the same cells;
//   - the coupled mass balance closes within 1 % (the continuity
//     bound for the 1D network; the 2D surface closes to round-off);
//   - the rain volume is 100 mm/h × 1200 s over the grid's land (the
//     cells above the sea, roofs included), within 1e-6;
//   - the sea (the sample city is on the coast; its DEM gives the sea
//     0 m) is no data in the grids, and the flooded area is no larger than
//     the land and counts only land cells.
func TestFloodCity(t *testing.T) {
	out := t.TempDir()
	stdout, err := runFloodCmd(t, append(cityFloodArgs, "--out", out)...)
	if err != nil {
		t.Fatal(err)
	}
	var sum floodSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if sum.Mode != "city" || sum.SimTimeS != 1200 || sum.FloodedRoads == nil || *sum.FloodedRoads == 0 || math.Abs(sum.MassBalanceErrorPct) > 1 {
		t.Fatalf("summary %s", stdout)
	}
	asc, tif := readGrid(t, filepath.Join(out, "max-depth.asc")), readGrid(t, filepath.Join(out, "max-depth.tif"))
	checkCitySea(t, &sum, asc)
	rainM3 := 0.1 * 1200 / 3600 * *sum.LandAreaM2
	var mb struct {
		In []struct {
			Name   string  `json:"name"`
			Volume float64 `json:"volume_m3"`
		} `json:"in"`
	}
	readJSON(t, filepath.Join(out, "mass-balance.json"), &mb)
	if len(mb.In) == 0 || mb.In[0].Name != "rain" || math.Abs(mb.In[0].Volume-rainM3) > 1e-6*rainM3 {
		t.Errorf("rain %+v, want %.1f m³", mb.In, rainM3)
	}
	checkClosures(t, filepath.Join(out, "flooded_roads.ndjson"), *sum.FloodedRoads)
	rows := readCSVFile(t, filepath.Join(out, "affected_buildings.csv"))
	if len(rows)-1 != *sum.AffectedBuildings || rows[0][0] != "id" {
		t.Errorf("affected_buildings.csv has %d rows, summary %d", len(rows)-1, *sum.AffectedBuildings)
	}
	top := 0.0
	for i, v := range asc.Data {
		if !math.IsNaN(float64(v)) {
			top = max(top, float64(v))
		}
		if v != tif.Data[i] && !(math.IsNaN(float64(v)) && math.IsNaN(float64(tif.Data[i]))) {
			t.Fatalf("cell %d: ASCII %v, GeoTIFF %v", i, v, tif.Data[i])
		}
	}
	if asc.Cols != sum.Cols || asc.Rows != sum.Rows || top != sum.MaxDepthM {
		t.Errorf("max-depth.asc %d×%d, max %v; summary %d×%d, max %v", asc.Cols, asc.Rows, top, sum.Cols, sum.Rows, sum.MaxDepthM)
	}
	// The time of the maximum lies in the run where the cell got wet.
	for i, v := range readGrid(t, filepath.Join(out, "max-depth-time.asc")).Data {
		if asc.Data[i] > 0 && !(v >= 0 && v <= 1200) {
			t.Fatalf("cell %d: max depth %v m at %v s", i, asc.Data[i], v)
		}
	}
	checkCityGDAL(t, filepath.Join(out, "max-depth.tif"), asc, sum.CRS)
	for _, f := range []string{"max-depth.png", "extent.png", "gauges.stage", "outfalls.csv", "outfalls.png", "mass-balance.md", "depth-001200s.tif"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

// checkCitySea: the default sea level of the sample city is 0 m (its
// DEM has sea at 0 m); the sea cells are no data in max-depth.asc and the
// others make the land area; the flooded area is the land cells at or
// above the threshold, no more than the land.
func checkCitySea(t *testing.T, sum *floodSummary, asc *geo.Grid) {
	t.Helper()
	if sum.SeaLevelM == nil || *sum.SeaLevelM != 0 || sum.LandAreaM2 == nil {
		t.Fatalf("summary sea level %v, land area %v: want 0 m and an area", sum.SeaLevelM, sum.LandAreaM2)
	}
	land, flooded := 0, 0
	for _, v := range asc.Data {
		if math.IsNaN(float64(v)) {
			continue
		}
		land++
		if float64(v) >= sum.ThresholdM {
			flooded++
		}
	}
	cell := sum.CellM * sum.CellM
	if land == len(asc.Data) || float64(land)*cell != *sum.LandAreaM2 {
		t.Errorf("%d of %d cells are land in max-depth.asc (%g m²), summary %g m²", land, len(asc.Data), float64(land)*cell, *sum.LandAreaM2)
	}
	if float64(flooded)*cell != sum.FloodedAreaM2 || sum.FloodedAreaM2 > *sum.LandAreaM2 {
		t.Errorf("flooded %g m² (land cells ≥ %g m: %g m²), land %g m²", sum.FloodedAreaM2, sum.ThresholdM, float64(flooded)*cell, *sum.LandAreaM2)
	}
}

// checkCityGDAL: gdalinfo (GDAL, the reference reader) opens the city's
// maximum-depth GeoTIFF with the ASCII grid's geotransform (to 1e-6 m) and
// the CRS the summary names (its EPSG code in GDAL's WKT).
func checkCityGDAL(t *testing.T, tif string, asc *geo.Grid, crs string) {
	t.Helper()
	gdalinfo := sharedtest.Tool(t, "gdalinfo")
	b, err := exec.Command(gdalinfo, "-json", tif).Output()
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		GeoTransform     []float64 `json:"geoTransform"`
		CoordinateSystem struct {
			WKT string `json:"wkt"`
		} `json:"coordinateSystem"`
	}
	if err := json.Unmarshal(b, &info); err != nil {
		t.Fatal(err)
	}
	want := []float64{asc.X0, asc.DX, 0, asc.Y0, 0, -asc.DY}
	for i := range want {
		if len(info.GeoTransform) != 6 || math.Abs(info.GeoTransform[i]-want[i]) > 1e-6 {
			t.Fatalf("gdalinfo geotransform %v, want %v", info.GeoTransform, want)
		}
	}
	code, ok := strings.CutPrefix(crs, "EPSG:")
	if !ok || !strings.Contains(info.CoordinateSystem.WKT, `ID["EPSG",`+code+`]`) {
		t.Errorf("summary CRS %q; gdalinfo WKT ends %q", crs, info.CoordinateSystem.WKT[max(0, len(info.CoordinateSystem.WKT)-40):])
	}
}

// checkClosures parses the NDJSON with the engine's ingest parser and
// applies it to the sample World in one transaction.
func checkClosures(t *testing.T, path string, want int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ds, bad, err := engine.ParseDeltas(bytes.NewReader(b), time.Now(), 1<<20)
	if err != nil || len(bad) > 0 {
		t.Fatalf("ParseDeltas: %v %v", err, bad)
	}
	if len(ds) != want {
		t.Fatalf("%d deltas, summary says %d", len(ds), want)
	}
	w, _, err := openWorld(context.Background(), &globalFlags{quiet: true}, dataFlags{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := w.Update(func(tx *engine.Tx) error {
		for _, d := range ds {
			if d.Kind != engine.KindClosure || d.Layer != geo.LayerRoads || d.Closed == nil || !*d.Closed {
				return errors.New("not a road closure: " + d.ID)
			}
			if ok, err := tx.Apply(d); err != nil || !ok {
				return errors.Join(err, errors.New("not applied: "+d.ID))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		f, ok := s.Layer(geo.LayerRoads).Get(d.ID)
		r, isRoad := f.(*geo.Road)
		if !ok || !isRoad || r.Attrs["closed"] != true {
			t.Errorf("road %s after the closure: %v", d.ID, f)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func readGrid(t *testing.T, path string) *geo.Grid {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := dem.Decode(f, path, dem.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds.Grids[0]
}

// TestFloodInterrupted: a run whose context is already cancelled (Ctrl-C)
// stops at once, writes its partial results with interrupted set, and
// fails with an error that says so.
func TestFloodInterrupted(t *testing.T) {
	par := ea4Model(t)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cmd := newRootCmd()
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"-q", "flood", "--lisflood", par, "--out", out})
	err := cmd.ExecuteContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("error %v, want interrupted", err)
	}
	var sum floodSummary
	readJSON(t, filepath.Join(out, "summary.json"), &sum)
	if !sum.Interrupted || sum.SimTimeS != 0 {
		t.Errorf("summary: interrupted %v at %g s", sum.Interrupted, sum.SimTimeS)
	}
	if g := readGrid(t, filepath.Join(out, "ea4.max")); g.Cols != 200 || g.Rows != 400 {
		t.Errorf("partial ea4.max %d × %d", g.Cols, g.Rows)
	}
}

// TestFloodCityBadInput: city-mode inputs that cannot run fail with an
// error naming the flag or the file.
func TestFloodCityBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, bad, "time_s,mm_per_h\n0,10\n0,20\n")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"missing data file", []string{"--data", filepath.Join(dir, "nope.osm.pbf"), "--rain", "uniform:10mm/h", "--duration", "60"}, []string{"nope.osm.pbf"}},
		{"bad rain kind", []string{"--rain", "monsoon:9", "--duration", "60"}, []string{"--rain", "monsoon"}},
		{"bad intensity", []string{"--rain", "uniform:lots", "--duration", "60"}, []string{"--rain", "lots"}},
		{"chinese missing P", []string{"--rain", "chinese:A1=12,C=0.8,b=8,n=0.7", "--duration", "60"}, []string{"--rain", "missing P"}},
		{"chinese bad n", []string{"--rain", "chinese:A1=12,C=0.8,b=8,n=1.5,P=10", "--duration", "60"}, []string{"--rain"}},
		{"missing CSV", []string{"--rain", filepath.Join(dir, "none.csv"), "--duration", "60"}, []string{"--rain", "none.csv"}},
		{"CSV out of order", []string{"--rain", bad, "--duration", "60"}, []string{"--rain", "line 3"}},
		{"missing gauges", []string{"--rain", "uniform:10mm/h", "--duration", "60", "--gauges", filepath.Join(dir, "g.stage")}, []string{"--gauges", "g.stage"}},
		{"bad start", []string{"--rain", "uniform:10mm/h", "--duration", "60", "--start", "noon"}, []string{"--start"}},
		{"negative cell", []string{"--rain", "uniform:10mm/h", "--duration", "60", "--cell", "-1"}, []string{"--cell"}},
		{"bad sea level", []string{"--rain", "uniform:10mm/h", "--duration", "60", "--sea-level", "low"}, []string{"--sea-level", "low"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runFloodCmd(t, append([]string{"flood", "--out", t.TempDir()}, tt.args...)...)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

// TestFloodCityDeterministic: two city runs with the same inputs write
// the same files, byte for byte (a coarse, short run).
func TestFloodCityDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if _, err := runFloodCmd(t, "flood", "--rain", "uniform:100mm/h", "--duration", "300", "--cell", "50", "--velocity", "--out", out); err != nil {
			t.Fatal(err)
		}
	}
	files, err := os.ReadDir(a)
	if err != nil || len(files) < 15 {
		t.Fatalf("%d files: %v", len(files), err)
	}
	if _, err := os.Stat(filepath.Join(a, "speed-000300s.tif")); err != nil {
		t.Error(err)
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f.Name()))
		y, err := os.ReadFile(filepath.Join(b, f.Name()))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v)", f.Name(), err)
		}
	}
}

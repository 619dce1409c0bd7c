package geojson

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
	"twin/internal/sharedtest"
)

// bellinge is the SWMManywhere Bellinge subcatchment file in shared data
// (13 polygons, EPSG:32632 in a legacy crs member).
const bellinge = "pipes/swmm/swmmanywhere-bellinge_small_subcatchments.geojson"

// Reference figures for the Bellinge file, from GDAL 3 (gdal-bin):
//
//	ogrinfo -so -al swmmanywhere-bellinge_small_subcatchments.geojson
//	  Feature Count: 13
//	  Extent: (583150.819999, 6132829.673124) - (583440.483999, 6133099.961124)
//	ogrinfo -q -dialect sqlite -sql "SELECT id, ST_Area(geometry) AS a FROM \"swmmanywhere-bellinge_small_subcatchments\"" FILE
//	  G72F810 4523.74855640907, G72F835 4754.56055752359
//	ogrinfo -q -dialect sqlite -sql "SELECT SUM(ST_Area(geometry)) AS total ..." FILE
//	  total 38607.0217495105
//	ogr2ogr -f GeoJSON -t_srs EPSG:4326 b4326.geojson FILE
//	ogrinfo -q -dialect sqlite -sql "SELECT ST_Area(geometry, 1) ... WHERE id='G72F810'" b4326.geojson
//	  4526.60052522853 (on the WGS 84 ellipsoid)
const (
	bellingeCount     = 13
	bellingeTotalArea = 38607.0217495105
	bellingeArea810   = 4526.60052522853 // ellipsoidal, m²
)

var (
	bellingeExtent = orb.Bound{Min: orb.Point{583150.819999, 6132829.673124}, Max: orb.Point{583440.483999, 6133099.961124}}
	bellingeAreas  = map[string]float64{"G72F810": 4523.74855640907, "G72F835": 4754.56055752359}
)

// TestBellinge decodes the shared file as generic features and as typed
// subcatchments and checks them against GDAL's figures above.
func TestBellinge(t *testing.T) {
	data, err := os.ReadFile(sharedtest.Path(t, bellinge))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Decode(bytes.NewReader(data), bellinge, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := ds.Layers[defaultLayer]
	if ds.CRS != "EPSG:32632" || len(fs) != bellingeCount || len(ds.Warnings) != 0 {
		t.Fatalf("CRS %q, %d features, warnings %v", ds.CRS, len(fs), ds.Warnings)
	}
	var total float64
	var ext orb.Bound
	for i, f := range fs {
		a := planar.Area(f.Geometry())
		total += a
		if want, ok := bellingeAreas[f.FeatureID()]; ok && !near(a, want, 1e-6) {
			t.Errorf("%s: area %.8f m², GDAL %.8f", f.FeatureID(), a, want)
		}
		if i == 0 {
			ext = f.Geometry().Bound()
		}
		ext = ext.Union(f.Geometry().Bound())
	}
	if !near(total, bellingeTotalArea, 1e-6) {
		t.Errorf("total area %.8f m², GDAL %.8f", total, bellingeTotalArea)
	}
	checkExtent(t, ext, bellingeExtent, 1e-6) // ogrinfo prints 6 decimals

	ds, err = Decode(bytes.NewReader(data), bellinge, Options{Layer: geo.LayerSubcatchments})
	if err != nil {
		t.Fatal(err)
	}
	subs := ds.Layers[geo.LayerSubcatchments]
	s := subs[0].(*geo.Subcatchment)
	// The file's own "area" property (m²) agrees with GDAL's polygon area.
	if s.ID != "G72F810" || s.RainGauge != "rg5425" || !near(s.Area, bellingeAreas["G72F810"], 1e-6) || s.Width != 214.154 {
		t.Errorf("got %+v", s)
	}
	checkKeepsProperties(t, data, subs)
}

// checkKeepsProperties checks Encode(Decode(x)) for typed features: every
// property of the source comes back with its value (the typed ones are
// added under their canonical names besides).
func checkKeepsProperties(t *testing.T, src []byte, fs []geo.Feature) {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, fs, EncodeOptions{Precision: -1}); err != nil {
		t.Fatal(err)
	}
	type collection struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	var in, out collection
	if err := json.Unmarshal(src, &in); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Features) != len(in.Features) {
		t.Fatalf("%d features written, want %d", len(out.Features), len(in.Features))
	}
	for i, f := range in.Features {
		for k, v := range f.Properties {
			if got, ok := out.Features[i].Properties[k]; !ok || !deepEqual(got, v) {
				t.Errorf("feature %d: property %q = %v, want %v", i, k, got, v)
			}
		}
	}
}

func checkExtent(t *testing.T, got, want orb.Bound, tol float64) {
	t.Helper()
	for i, v := range [4][2]float64{{got.Min[0], want.Min[0]}, {got.Min[1], want.Min[1]}, {got.Max[0], want.Max[0]}, {got.Max[1], want.Max[1]}} {
		if !near(v[0], v[1], tol) {
			t.Errorf("extent %d: %.6f, want %.6f", i, v[0], v[1])
		}
	}
}

// ogrSummary runs `ogrinfo -so -al file` and reads its feature count and
// extent.
func ogrSummary(t *testing.T, file string) (int, orb.Bound, string) {
	t.Helper()
	out, err := exec.Command(sharedtest.Tool(t, "ogrinfo"), "-so", "-al", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindSubmatch(out)
	e := regexp.MustCompile(`Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)`).FindSubmatch(out)
	if m == nil || e == nil {
		t.Fatalf("ogrinfo output not understood:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	var v [4]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(string(e[i+1]), 64)
	}
	return n, orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, string(out)
}

// TestGDALReadsEncode writes the Bellinge features with Encode (projected
// CRS in a legacy crs member) and has GDAL read them back: same count,
// extent and CRS, then converts our file with ogr2ogr and decodes GDAL's
// rewrite: same ids and coordinates.
func TestGDALReadsEncode(t *testing.T) {
	ogr2ogr := sharedtest.Tool(t, "ogr2ogr")
	ds, err := Decode(sharedtest.Open(t, bellinge), bellinge, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours.geojson")
	var buf bytes.Buffer
	if err := Encode(&buf, ds.Layers[defaultLayer], EncodeOptions{CRS: ds.CRS, Name: "subcatchments", BBox: true}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ours, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	n, ext, out := ogrSummary(t, ours)
	if n != bellingeCount {
		t.Errorf("GDAL counts %d features in our output, want %d", n, bellingeCount)
	}
	checkExtent(t, ext, bellingeExtent, 1e-6)
	if !regexp.MustCompile(`ID\["EPSG",32632\]`).MatchString(out) {
		t.Errorf("GDAL did not read EPSG:32632 from our crs member:\n%s", out)
	}

	rewritten := filepath.Join(dir, "gdal.geojson")
	if out, err := exec.Command(ogr2ogr, "-f", "GeoJSON", rewritten, ours).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	f, err := os.Open(rewritten)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	back, err := Decode(f, rewritten, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// GDAL keeps our "name" member, so the layer comes back by name.
	got, want := back.Layers["subcatchments"], ds.Layers[defaultLayer]
	if back.CRS != "EPSG:32632" || len(got) != len(want) {
		t.Fatalf("GDAL rewrite: CRS %q, layers %v", back.CRS, back.Layers)
	}
	for i := range want {
		if got[i].FeatureID() != want[i].FeatureID() {
			t.Errorf("feature %d: id %q, want %q", i, got[i].FeatureID(), want[i].FeatureID())
		}
		a, b := got[i].Geometry().(orb.Polygon), want[i].Geometry().(orb.Polygon)
		for j := range b[0] {
			if !near(a[0][j][0], b[0][j][0], 1e-7) || !near(a[0][j][1], b[0][j][1], 1e-7) {
				t.Fatalf("feature %d vertex %d: %v, want %v (within our 7 decimals)", i, j, a[0][j], b[0][j])
			}
		}
	}
}

// TestGDALLonLat reprojects the Bellinge file to lon/lat with ogr2ogr,
// keeping only id and Raingage, so that Decode must measure the areas
// itself on the sphere; GDAL's ellipsoidal area is the reference, within
// 0.5 % (sphere against ellipsoid at 55° N).
func TestGDALLonLat(t *testing.T) {
	ogr2ogr := sharedtest.Tool(t, "ogr2ogr")
	src := sharedtest.Path(t, bellinge)
	dst := filepath.Join(t.TempDir(), "b4326.geojson")
	if out, err := exec.Command(ogr2ogr, "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-select", "id,Raingage", dst, src).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	f, err := os.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := Decode(f, dst, Options{Layer: geo.LayerSubcatchments})
	if err != nil {
		t.Fatal(err)
	}
	fs := ds.Layers[geo.LayerSubcatchments]
	if ds.CRS != "EPSG:4326" || len(fs) != bellingeCount {
		t.Fatalf("CRS %q (GDAL writes CRS84), %d features", ds.CRS, len(fs))
	}
	s := fs[0].(*geo.Subcatchment)
	t.Logf("%s: spherical area %.3f m², GDAL ellipsoidal %.3f m² (%+.3f %%)", s.ID, s.Area, bellingeArea810, 100*(s.Area/bellingeArea810-1))
	if s.ID != "G72F810" || s.RainGauge != "rg5425" || !near(s.Area, bellingeArea810, 0.005*bellingeArea810) {
		t.Errorf("%s: area %.2f m², GDAL ellipsoidal %.2f; gauge %q", s.ID, s.Area, bellingeArea810, s.RainGauge)
	}
	if p := s.Polygon[0][0]; p[0] < 10 || p[0] > 11 || p[1] < 55 || p[1] > 56 {
		t.Errorf("first vertex %v is not lon/lat near Bellinge (10.3 E, 55.3 N)", p)
	}
}

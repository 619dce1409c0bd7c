package apibench

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/engine/api"
	"twin/geo"
	"twin/geo/geojson"
	"twin/internal/sharedtest"
)

// TestSyntheticPlacement checks where the synthetic city lies: its origin
// corner in lon/lat against PROJ (`echo 350000 4830000 | cs2cs EPSG:32632
// EPSG:4326` prints 43d36'28.34"N 7d8'28.63"E), and that it holds the
// seeded buildings.
func TestSyntheticPlacement(t *testing.T) {
	w, err := Synthetic(1000, 1)
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	if got := s.Layer(geo.LayerBuildings).Len(); got != 1000 {
		t.Fatalf("%d buildings, want 1000", got)
	}
	ll, err := s.ToLonLat(SyntheticOrigin)
	if err != nil {
		t.Fatal(err)
	}
	want := orb.Point{7 + 8.0/60 + 28.63/3600, 43 + 36.0/60 + 28.34/3600}
	// cs2cs prints 0.01″ ≈ 3e-6°.
	if math.Abs(ll[0]-want[0]) > 1e-5 || math.Abs(ll[1]-want[1]) > 1e-5 {
		t.Errorf("origin at %v, cs2cs says %v", ll, want)
	}
	b, _ := s.Bounds()
	if !b.Intersects(orb.Bound{Min: SyntheticOrigin, Max: orb.Point{SyntheticOrigin[0] + SyntheticSide, SyntheticOrigin[1] + SyntheticSide}}) {
		t.Errorf("buildings at %v, outside the city square", b)
	}
}

// TestBoxes checks that boxes are seeded, hold the feature they were drawn
// around, and have corners on odd multiples of 5e-8° that BBoxParam
// spells exactly.
func TestBoxes(t *testing.T) {
	s := monacoWorld(t).Snapshot()
	a, err := Boxes(s, geo.LayerBuildings, 50, 250, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Boxes(s, geo.LayerBuildings, 50, 250, 3)
	c, _ := Boxes(s, geo.LayerBuildings, 50, 250, 4)
	if !slices.Equal(a, b) || slices.Equal(a, c) {
		t.Error("boxes do not follow the seed")
	}
	for _, bx := range a {
		for _, v := range []float64{bx.Min[0], bx.Min[1], bx.Max[0], bx.Max[1]} {
			if k := v*1e7 - 0.5; math.Abs(k-math.Round(k)) > 1e-6 {
				t.Fatalf("corner %v is not an odd multiple of 5e-8", v)
			}
		}
		// 250 m is ~0.0031° of longitude and ~0.0022° of latitude at 43.7°N.
		if w, h := bx.Max[0]-bx.Min[0], bx.Max[1]-bx.Min[1]; math.Abs(w-0.0031) > 0.0002 || math.Abs(h-0.00225) > 0.0001 {
			t.Errorf("box %v is %g° × %g°", bx, w, h)
		}
		parts := strings.Split(BBoxParam(bx), ",")
		for i, want := range []float64{bx.Min[0], bx.Min[1], bx.Max[0], bx.Max[1]} {
			got, err := strconv.ParseFloat(parts[i], 64)
			if err != nil || math.Abs(got-want) > 1e-12 {
				t.Errorf("BBoxParam %s: part %d is %v, want %v", BBoxParam(bx), i, got, want)
			}
		}
	}
	if _, err := Boxes(s, "no_such_layer", 1, 1, 1); !errors.Is(err, ErrEmpty) {
		t.Errorf("unknown layer: %v, want ErrEmpty", err)
	}
	if got, want := ItemsPath("buildings", orb.Bound{Min: orb.Point{7.41, 43.72}, Max: orb.Point{7.42, 43.73}}, 10),
		"/collections/buildings/items?bbox=7.41000000,43.72000000,7.42000000,43.73000000&limit=10"; got != want {
		t.Errorf("ItemsPath = %s, want %s", got, want)
	}
}

// TestTilePaths checks that each z15 tile path holds the feature it was
// drawn for: x, y from the standard slippy-map formulas at lon/lat.
func TestTilePaths(t *testing.T) {
	s := monacoWorld(t).Snapshot()
	paths, err := TilePaths(s, geo.LayerBuildings, 15, 20, 1)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^/tiles/15/(\d+)/(\d+)\.mvt$`)
	for _, p := range paths {
		m := re.FindStringSubmatch(p)
		if m == nil {
			t.Fatalf("path %q", p)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		// Monaco (7.40–7.44°E, 43.72–43.76°N): x = (lon+180)/360·2¹⁵ ≈ 17058–17062,
		// y = (1 − ln(tan φ + sec φ)/π)/2·2¹⁵ ≈ 11948–11952.
		if x < 17055 || x > 17065 || y < 11945 || y > 11955 {
			t.Errorf("tile %d/%d is not over Monaco", x, y)
		}
	}
}

// TestExportReadsBack exports Monaco's buildings, decodes the file, and
// compares it with the layer: the same IDs in the same order, vertices back
// in place to well under a millimetre; ogrinfo counts the same features.
func TestExportReadsBack(t *testing.T) {
	s := monacoWorld(t).Snapshot()
	var buf bytes.Buffer
	n, err := ExportBuildings(&buf, s)
	if err != nil {
		t.Fatal(err)
	}
	l := s.Layer(geo.LayerBuildings)
	if n != l.Len() {
		t.Fatalf("exported %d of %d buildings", n, l.Len())
	}
	ds, err := geojson.Decode(bytes.NewReader(buf.Bytes()), "monaco.geojson", geojson.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := ds.Layers[geo.LayerBuildings]
	if len(got) != n {
		t.Fatalf("decoded %d buildings, want %d", len(got), n)
	}
	i := 0
	l.Ascend("", func(f geo.Feature) bool {
		g := got[i]
		i++
		if g.FeatureID() != f.FeatureID() {
			t.Fatalf("feature %d: id %s, want %s", i, g.FeatureID(), f.FeatureID())
		}
		p, _ := s.FromLonLat(firstVertex(g.Geometry())[0], firstVertex(g.Geometry())[1])
		q := firstVertex(f.Geometry())
		if d := math.Hypot(p[0]-q[0], p[1]-q[1]); d > 1e-6 {
			t.Fatalf("%s: first vertex moved by %g m", f.FeatureID(), d)
		}
		return true
	})
	ogrinfo := sharedtest.Tool(t, "ogrinfo")
	file := filepath.Join(t.TempDir(), "monaco.geojson")
	if err := writeTestFile(file, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-ro", "-so", "-al", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	if want := "Feature Count: " + strconv.Itoa(n); !strings.Contains(string(out), want) {
		t.Errorf("ogrinfo does not report %q:\n%s", want, out)
	}
}

func firstVertex(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Polygon:
		return g[0][0]
	case orb.MultiPolygon:
		return g[0][0][0]
	}
	return orb.Point{math.NaN(), math.NaN()}
}

// TestTwinItemsPage serves a page in process and checks it against a
// direct engine query of the same box.
func TestTwinItemsPage(t *testing.T) {
	w := monacoWorld(t)
	tw, err := NewTwin(w, api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	boxes, _ := Boxes(s, geo.LayerBuildings, 5, 250, 9)
	for _, b := range boxes {
		body, err := tw.Get(context.Background(), nil, ItemsPath(geo.LayerBuildings, b, 10000))
		if err != nil {
			t.Fatal(err)
		}
		page, err := ParsePage(body)
		if err != nil {
			t.Fatal(err)
		}
		// The engine's answer: features meeting the box's corners carried
		// into the World's CRS (the box is a few mm from a rectangle there).
		var ring orb.Ring
		for _, c := range []orb.Point{b.Min, {b.Max[0], b.Min[1]}, b.Max, {b.Min[0], b.Max[1]}, b.Min} {
			p, _ := s.FromLonLat(c[0], c[1])
			ring = append(ring, p)
		}
		var want []string
		s.Layer(geo.LayerBuildings).Intersecting(orb.Polygon{ring}, func(f geo.Feature) bool {
			want = append(want, f.FeatureID())
			return true
		})
		slices.Sort(want)
		if !slices.Equal(page.IDs(), want) || page.NumberMatched != len(want) {
			t.Errorf("box %v: twin served %d ids (matched %d), the engine finds %d", b, len(page.IDs()), page.NumberMatched, len(want))
		}
	}
	if _, err := tw.Get(context.Background(), nil, "/collections/nope/items"); err == nil {
		t.Error("unknown collection: no error")
	}
}

func TestDiff(t *testing.T) {
	page := func(matched int, ids ...string) Page {
		p := Page{NumberMatched: matched, NumberReturned: len(ids)}
		for _, id := range ids {
			p.Features = append(p.Features, struct {
				ID string `json:"id"`
			}{id})
		}
		return p
	}
	tests := []struct {
		name string
		a, b Page
		want string
	}{
		{"same", page(3, "a", "b"), page(3, "a", "b"), ""},
		{"matched", page(3, "a"), page(4, "a"), "numberMatched 3 ≠ 4"},
		{"order", page(2, "a", "b"), page(2, "b", "a"), "same 2 ids in another order"},
		{"sets", page(2, "a", "b"), page(2, "a", "c"), "ids only in the first: [b]; only in the second: [c]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.a, tt.b); got != tt.want {
				t.Errorf("Diff = %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := ParsePage([]byte(`{"numberReturned":2,"features":[{"id":"a"}]}`)); err == nil {
		t.Error("ParsePage accepted numberReturned 2 with one feature")
	}
}

func TestRate(t *testing.T) {
	ctx := context.Background()
	res, err := Rate(ctx, 3, 50*time.Millisecond, func(_ context.Context, dst []byte, i int) ([]byte, error) {
		return append(dst, "abcd"...), nil
	})
	if err != nil || res.Queries == 0 || res.Bytes != int64(4*res.Queries) {
		t.Errorf("Rate = %+v, %v: want queries counted with 4 bytes each", res, err)
	}
	boom := errors.New("boom")
	if _, err := Rate(ctx, 2, time.Second, func(_ context.Context, dst []byte, i int) ([]byte, error) {
		if i == 5 {
			return dst, boom
		}
		return dst, nil
	}); !errors.Is(err, boom) {
		t.Errorf("Rate error = %v, want boom", err)
	}
}

// TestHandlerRefusesBadRequests: pgserve answers 400 before it would ask
// the database (the handler here has none).
func TestHandlerRefusesBadRequests(t *testing.T) {
	h := Handler("buildings", &PostGIS{})
	for _, q := range []string{
		"/collections/buildings/items", "/collections/buildings/items?bbox=1,2,3",
		"/collections/buildings/items?bbox=1,2,3,NaN", "/collections/buildings/items?bbox=3,2,1,4",
		"/collections/buildings/items?bbox=1,2,3,91", "/collections/buildings/items?bbox=1,2,3,4&limit=0",
		"/collections/buildings/items?bbox=1,2,3,4&limit=10001", "/collections/buildings/items?bbox=1,2,3,4&offset=-1",
		"/tiles/15/99999/1.mvt", "/tiles/x/1/1.mvt", "/tiles/25/1/1.mvt",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, q, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, rec.Code)
		}
	}
}

func TestParseItemsQuery(t *testing.T) {
	tests := []struct {
		q    string
		want ItemsQuery
	}{
		{"bbox=7.41,43.72,7.42,43.73", ItemsQuery{BBox: orb.Bound{Min: orb.Point{7.41, 43.72}, Max: orb.Point{7.42, 43.73}}, Limit: 10}},
		{"bbox=-1,-2,3,4&limit=100&offset=7", ItemsQuery{BBox: orb.Bound{Min: orb.Point{-1, -2}, Max: orb.Point{3, 4}}, Limit: 100, Offset: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.q)
			got, err := ParseItemsQuery(v)
			if err != nil || got != tt.want {
				t.Errorf("ParseItemsQuery = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestCheckIdent(t *testing.T) {
	for _, name := range []string{"", "Buildings", "a;drop table x", "1x", strings.Repeat("a", 64)} {
		if _, err := NewPostGIS(nil, name); !errors.Is(err, ErrTable) {
			t.Errorf("NewPostGIS(%q): %v, want ErrTable", name, err)
		}
	}
	if _, err := NewPostGIS(nil, "buildings_monaco"); err != nil {
		t.Error(err)
	}
}

func writeTestFile(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }

// TestEngineMatchesTwin: the engine-level answer is the items route's,
// feature for feature, at every page size.
func TestEngineMatchesTwin(t *testing.T) {
	w := monacoWorld(t)
	e, err := NewEngine(w, geo.LayerBuildings)
	if err != nil {
		t.Fatal(err)
	}
	tw, err := NewTwin(w, api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	boxes, _ := Boxes(w.Snapshot(), geo.LayerBuildings, 20, 250, 12)
	for _, limit := range []int{10, 100, 10000} {
		for _, b := range boxes {
			eb, err := e.Items(nil, b, limit, 0)
			if err != nil {
				t.Fatal(err)
			}
			tb, err := tw.Get(context.Background(), nil, ItemsPath(geo.LayerBuildings, b, limit))
			if err != nil {
				t.Fatal(err)
			}
			ep, err := ParsePage(eb)
			if err != nil {
				t.Fatal(err)
			}
			tp, _ := ParsePage(tb)
			if d := Diff(ep, tp); d != "" {
				t.Fatalf("limit %d, box %v: engine vs items route: %s", limit, b, d)
			}
		}
	}
}

package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"twin/geo"
)

// tenth is a variable so that 0.1+0.2 is computed in float64 (constants
// would fold to exactly 0.3).
var tenth = 0.1

func point(id string, x, y float64, props map[string]any) *geo.Generic {
	return &geo.Generic{ID: id, Geom: orb.Point{x, y}, Z: math.NaN(), Props: props}
}

// TestEncodeExact checks the exact bytes for small inputs; the expected
// text was written by hand from RFC 7946 and the documented rounding.
func TestEncodeExact(t *testing.T) {
	tests := []struct {
		name string
		fs   []geo.Feature
		opt  EncodeOptions
		want string
	}{
		{"empty", nil, EncodeOptions{}, "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n"},
		{"default precision 7", []geo.Feature{point("a", 7.123456789, 43.5, map[string]any{"k": 1.0})}, EncodeOptions{},
			`{"type":"FeatureCollection","features":[` + "\n" +
				`{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[7.1234568,43.5]},"properties":{"k":1}}` + "\n]}\n"},
		{"precision 2, negative zero", []geo.Feature{point("a", 2.345678, -0.001, nil)}, EncodeOptions{Precision: 2},
			`{"type":"FeatureCollection","features":[` + "\n" +
				`{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[2.35,0]},"properties":{}}` + "\n]}\n"},
		{"shortest", []geo.Feature{point("a", tenth+2*tenth, 1e-7, nil)}, EncodeOptions{Precision: -1},
			`{"type":"FeatureCollection","features":[` + "\n" +
				`{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[0.30000000000000004,1e-7]},"properties":{}}` + "\n]}\n"},
		{"projected, bbox, name, crs, foreign", []geo.Feature{
			&geo.Generic{ID: "l", Geom: orb.LineString{{1, 2}, {3, -4}}, Z: math.NaN()},
			point("p", 10, 10, map[string]any{"z": math.NaN(), "s": "é\n"}),
		}, EncodeOptions{
			Project: func(p orb.Point) orb.Point { return orb.Point{p[0] * 2, p[1] + 100} },
			BBox:    true, Name: "trees", CRS: "EPSG:2056",
			Foreign: map[string]any{"numberMatched": 2, "links": []any{map[string]any{"rel": "self", "href": "/x"}}},
		},
			`{"type":"FeatureCollection","name":"trees","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2056"}},` +
				`"links":[{"href":"/x","rel":"self"}],"numberMatched":2,"features":[` + "\n" +
				`{"type":"Feature","id":"l","geometry":{"type":"LineString","coordinates":[[2,102],[6,96]]},"bbox":[2,96,6,102],"properties":{}},` + "\n" +
				`{"type":"Feature","id":"p","geometry":{"type":"Point","coordinates":[20,110]},"bbox":[20,110,20,110],"properties":{"s":"é\n","z":null}}` + "\n" +
				`],"bbox":[2,96,20,110]}` + "\n"},
		{"lon/lat crs is not written", []geo.Feature{point("a", 1, 2, nil)}, EncodeOptions{CRS: "CRS84"},
			`{"type":"FeatureCollection","features":[` + "\n" +
				`{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}` + "\n]}\n"},
		{"generic z, closed ring, empty geometry", []geo.Feature{
			&geo.Generic{ID: "z", Geom: orb.Point{1, 2}, Z: 3.25},
			&geo.Generic{ID: "r", Geom: orb.Ring{{0, 0}, {1, 0}, {1, 1}}, Z: math.NaN()},
			&geo.Generic{ID: "e", Geom: orb.LineString{}, Z: math.NaN()},
		}, EncodeOptions{},
			`{"type":"FeatureCollection","features":[` + "\n" +
				`{"type":"Feature","id":"z","geometry":{"type":"Point","coordinates":[1,2,3.25]},"properties":{}},` + "\n" +
				`{"type":"Feature","id":"r","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}},` + "\n" +
				`{"type":"Feature","id":"e","geometry":null,"properties":{}}` + "\n]}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tt.fs, tt.opt); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
			if !json.Valid(buf.Bytes()) {
				t.Error("output is not valid JSON")
			}
		})
	}
}

// TestEncodeNDJSONAndFeature checks the other two framings.
func TestEncodeNDJSONAndFeature(t *testing.T) {
	fs := []geo.Feature{point("a", 1, 2, nil), point("b", 3, 4, nil)}
	var buf bytes.Buffer
	if err := EncodeNDJSON(&buf, fs, EncodeOptions{Name: "ignored"}); err != nil {
		t.Fatal(err)
	}
	want := `{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}` + "\n" +
		`{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[3,4]},"properties":{}}` + "\n"
	if buf.String() != want {
		t.Errorf("ndjson:\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	opt := EncodeOptions{BBox: true, Foreign: map[string]any{"links": []any{}}}
	if err := EncodeFeature(&buf, fs[1], opt); err != nil {
		t.Fatal(err)
	}
	want = `{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[3,4]},"bbox":[3,4,3,4],"properties":{},"links":[]}` + "\n"
	if buf.String() != want {
		t.Errorf("feature:\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestEncodeStrings checks that property strings survive encoding/json's
// reading of our output, including control characters, quotes, U+2028 and
// invalid UTF-8 (which becomes U+FFFD, as encoding/json writes it).
func TestEncodeStrings(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Zürich 北京", "Zürich 北京"},
		{"quotes and backslash", `a"b\c`, `a"b\c`},
		{"controls", "\x00\x01\x1f\t\r\n", "\x00\x01\x1f\t\r\n"},
		{"line separator", "a\u2028b", "a\u2028b"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			f := point(tt.in, 0, 0, map[string]any{tt.in: tt.in})
			if err := EncodeFeature(&buf, f, EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			var got struct {
				ID         string            `json:"id"`
				Properties map[string]string `json:"properties"`
			}
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatalf("%v in %q", err, buf.String())
			}
			if got.ID != tt.want || got.Properties[tt.want] != tt.want {
				t.Errorf("read back %q %v, want %q", got.ID, got.Properties, tt.want)
			}
		})
	}
}

// TestEncodeErrors checks option validation, non-finite coordinates (the
// feature is dropped, the writer goes on) and the writer's life cycle.
func TestEncodeErrors(t *testing.T) {
	for name, opt := range map[string]EncodeOptions{
		"precision":        {Precision: 18},
		"reserved foreign": {Foreign: map[string]any{"features": 1}},
		"crs":              {CRS: "ESRI:102100"},
	} {
		if err := Encode(&bytes.Buffer{}, nil, opt); !errors.Is(err, ErrOptions) {
			t.Errorf("%s: err %v, want ErrOptions", name, err)
		}
	}
	if _, err := NewWriter(&bytes.Buffer{}, EncodeOptions{Foreign: map[string]any{"f": func() {}}}); err == nil {
		t.Error("unencodable foreign member accepted")
	}

	var buf bytes.Buffer
	w, err := NewWriter(&buf, EncodeOptions{Project: func(p orb.Point) orb.Point {
		if p[0] < 0 {
			return orb.Point{math.Inf(1), 0}
		}
		return p
	}})
	if err != nil {
		t.Fatal(err)
	}
	good, nanPoint, offDomain := point("a", 1, 2, nil), point("nan", math.NaN(), 0, nil), point("inf", -1, 0, nil)
	for _, f := range []geo.Feature{good, nanPoint, offDomain, good} {
		err := w.Write(f)
		if bad := f != good; bad != errors.Is(err, ErrNonFinite) {
			t.Errorf("Write(%s): %v", f.FeatureID(), err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Write(good); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if w.Count() != 2 {
		t.Errorf("Count %d, want 2", w.Count())
	}
	fc, err := orbjson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil || len(fc.Features) != 2 {
		t.Errorf("output %q: %v", buf.String(), err)
	}
	if err := Encode(failWriter{}, []geo.Feature{good}, EncodeOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("writer error lost: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestEncodeOrbReads checks our output with an independent reader,
// paulmach/orb/geojson: same feature count, ids, geometry types and
// coordinates for every geo type, across several flushes of the buffer.
func TestEncodeOrbReads(t *testing.T) {
	var fs []geo.Feature
	for _, layer := range sampleFeatures() {
		fs = append(fs, layer...)
	}
	for len(fs) < 5000 { // > flushSize of output
		fs = append(fs, point("x"+string(rune('a'+len(fs)%26))+strings.Repeat("y", len(fs)%7), float64(len(fs)), 1, map[string]any{"n": float64(len(fs))}))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, fs, EncodeOptions{Precision: -1, BBox: true}); err != nil {
		t.Fatal(err)
	}
	fc, err := orbjson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != len(fs) {
		t.Fatalf("orb read %d features, want %d", len(fc.Features), len(fs))
	}
	for i, f := range fs {
		g := fc.Features[i]
		want := f.Geometry()
		if r, ok := want.(orb.Ring); ok {
			want = orb.Polygon{r}
		}
		if g.ID != f.FeatureID() || !orb.Equal(g.Geometry, want) {
			t.Fatalf("feature %d: orb read %v %v, want %v %v", i, g.ID, g.Geometry, f.FeatureID(), want)
		}
		if b := want.Bound(); g.BBox.Bound() != b {
			t.Fatalf("feature %d: bbox %v, want %v", i, g.BBox, b)
		}
	}
}

// TestEncodeDeterministic checks that the same features give the same bytes.
func TestEncodeDeterministic(t *testing.T) {
	var fs []geo.Feature
	for _, layer := range sampleFeatures() {
		fs = append(fs, layer...)
	}
	var a, b bytes.Buffer
	if err := Encode(&a, fs, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, fs, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two encodings differ")
	}
}

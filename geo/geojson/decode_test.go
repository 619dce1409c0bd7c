package geojson

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

const (
	pointA = `{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"k":1}}`
	pointB = `{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[7.43,43.74]},"properties":{"k":2}}`
)

// TestDecodeFraming checks that every framing is detected: collection,
// single feature, bare geometry, NDJSON, GeoJSONSeq, BOM, several
// collections in a row.
func TestDecodeFraming(t *testing.T) {
	tests := []struct {
		name, in string
		ids      []string
	}{
		{"collection", `{"type":"FeatureCollection","features":[` + pointA + `,` + pointB + `]}`, []string{"a", "b"}},
		{"members in any order", `{"features":[` + pointA + `],"type":"FeatureCollection"}`, []string{"a"}},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, nil},
		{"single feature", pointA, []string{"a"}},
		{"feature members reversed", `{"properties":null,"geometry":{"coordinates":[1,2],"type":"Point"},"id":"z","type":"Feature"}`, []string{"z"}},
		{"bare geometry", `{"type":"Point","coordinates":[1,2]}`, []string{"features-0"}},
		{"bare geometry collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`, []string{"features-0"}},
		{"ndjson", pointA + "\n" + pointB + "\n", []string{"a", "b"}},
		{"ndjson crlf", pointA + "\r\n" + pointB + "\r\n", []string{"a", "b"}},
		{"geojsonseq", "\x1e" + pointA + "\n\x1e" + pointB + "\n", []string{"a", "b"}},
		{"bom", "\xEF\xBB\xBF" + pointA, []string{"a"}},
		{"two collections", `{"type":"FeatureCollection","features":[` + pointA + `]}` + "\n" +
			`{"type":"FeatureCollection","features":[` + pointB + `]}`, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeString(t, tt.in, Options{})
			if ds.Format != "geojson" || ds.Name != "test.geojson" {
				t.Errorf("Format %q Name %q", ds.Format, ds.Name)
			}
			var ids []string
			for _, f := range ds.Layers[defaultLayer] {
				ids = append(ids, f.FeatureID())
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids %v, want %v", ids, tt.ids)
			}
			if len(ds.Warnings) != 0 {
				t.Errorf("warnings %v", ds.Warnings)
			}
		})
	}
}

// TestDecodeLayer checks the order in which a feature's layer is chosen.
func TestDecodeLayer(t *testing.T) {
	withLayerProp := `{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"layer":"sensors"}}`
	tests := []struct {
		name, in string
		opt      Options
		want     string
	}{
		{"default", pointA, Options{}, "features"},
		{"option wins", `{"type":"FeatureCollection","name":"x","features":[` + withLayerProp + `]}`, Options{Layer: "units"}, "units"},
		{"layer member", `{"type":"FeatureCollection","layer":"sensors","name":"x","features":[` + pointA + `]}`, Options{}, "sensors"},
		{"name member", `{"type":"FeatureCollection","name":"trees","features":[` + pointA + `]}`, Options{}, "trees"},
		{"name member after features", `{"type":"FeatureCollection","features":[` + pointA + `],"name":"trees"}`, Options{}, "trees"},
		{"collection beats property", `{"type":"FeatureCollection","name":"trees","features":[` + withLayerProp + `]}`, Options{}, "trees"},
		{"property", withLayerProp, Options{}, "sensors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeString(t, tt.in, tt.opt)
			if len(ds.Layers) != 1 || ds.Count(tt.want) != 1 {
				t.Errorf("layers %v, want one feature in %q", ds.Layers, tt.want)
			}
		})
	}
}

// TestDecodeCRS checks the CRS rules: RFC 7946 lon/lat by default, the
// legacy crs member in its spellings, crs null, and the override.
func TestDecodeCRS(t *testing.T) {
	fc := func(crs string) string {
		return `{"type":"FeatureCollection",` + crs + `"features":[` + pointA + `]}`
	}
	named := func(name string) string { return `"crs":{"type":"name","properties":{"name":"` + name + `"}},` }
	tests := []struct {
		name, in string
		opt      Options
		want     string
	}{
		{"rfc7946 default", fc(""), Options{}, "EPSG:4326"},
		{"urn epsg", fc(named("urn:ogc:def:crs:EPSG::2056")), Options{}, "EPSG:2056"},
		{"urn epsg with version", fc(named("urn:ogc:def:crs:EPSG:6.6:4490")), Options{}, "EPSG:4490"},
		{"short epsg", fc(named("EPSG:25832")), Options{}, "EPSG:25832"},
		{"opengis uri", fc(named("http://www.opengis.net/def/crs/EPSG/0/7415")), Options{}, "EPSG:7415"},
		{"crs84 urn", fc(named("urn:ogc:def:crs:OGC:1.3:CRS84")), Options{}, "EPSG:4326"},
		{"legacy epsg 4326 stays lon/lat", fc(named("urn:ogc:def:crs:EPSG::4326")), Options{}, "EPSG:4326"},
		{"epsg type", fc(`"crs":{"type":"EPSG","properties":{"code":32632}},`), Options{}, "EPSG:32632"},
		{"crs null", fc(`"crs":null,`), Options{}, ""},
		{"override", fc(named("urn:ogc:def:crs:EPSG::2056")), Options{CRS: "urn:ogc:def:crs:EPSG::21781"}, "EPSG:21781"},
		{"override hides unknown", fc(`"crs":{"type":"link","properties":{"href":"x"}},`), Options{CRS: "EPSG:3857"}, "EPSG:3857"},
		{"crs on a feature", `{"type":"Feature","crs":{"type":"name","properties":{"name":"EPSG:2056"}},"geometry":{"type":"Point","coordinates":[2600000,1200000]},"properties":{}}`, Options{}, "EPSG:2056"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeString(t, tt.in, tt.opt)
			if ds.CRS != tt.want {
				t.Errorf("CRS %q, want %q", ds.CRS, tt.want)
			}
			// x stays x: no axis swap for any CRS.
			if p, ok := ds.Layers[defaultLayer][0].Geometry().(orb.Point); ok && p[0] == 43.73 {
				t.Errorf("axes swapped: %v", p)
			}
		})
	}
}

// TestDecodeID checks the ID rules.
func TestDecodeID(t *testing.T) {
	feat := func(id, props string) string {
		s := `{"type":"Feature",`
		if id != "" {
			s += `"id":` + id + `,`
		}
		return s + `"geometry":{"type":"Point","coordinates":[1,2]},"properties":` + props + `}`
	}
	tests := []struct {
		name     string
		features []string
		want     []string
		warnings int
	}{
		{"string", []string{feat(`"x1"`, `{}`)}, []string{"x1"}, 0},
		{"number kept as written", []string{feat(`42`, `{}`), feat(`-1.50`, `{}`), feat(`1e3`, `{}`)}, []string{"42", "-1.50", "1e3"}, 0},
		{"id member beats property", []string{feat(`"m"`, `{"id":"p"}`)}, []string{"m"}, 0},
		{"property string", []string{feat(``, `{"id":"p"}`)}, []string{"p"}, 0},
		{"property number", []string{feat(``, `{"id":7}`)}, []string{"7"}, 0},
		{"fallback", []string{feat(``, `{}`), feat(``, `null`)}, []string{"features-0", "features-1"}, 0},
		{"empty string is no id", []string{feat(`""`, `{}`)}, []string{"features-0"}, 0},
		{"bad id type", []string{feat(`{"a":1}`, `{}`)}, []string{"features-0"}, 1},
		{"duplicate renamed", []string{feat(`"d"`, `{}`), feat(`"d"`, `{}`)}, []string{"d", "features-1"}, 1},
		{"fallback taken", []string{feat(`"features-1"`, `{}`), feat(``, `{}`)}, []string{"features-1", "features-1.2"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeString(t, `{"type":"FeatureCollection","features":[`+strings.Join(tt.features, ",")+`]}`, Options{})
			var ids []string
			for _, f := range ds.Layers[defaultLayer] {
				ids = append(ids, f.FeatureID())
			}
			if strings.Join(ids, "|") != strings.Join(tt.want, "|") {
				t.Errorf("ids %q, want %q", ids, tt.want)
			}
			if len(ds.Warnings) != tt.warnings {
				t.Errorf("warnings %v, want %d", ds.Warnings, tt.warnings)
			}
		})
	}
}

// TestDecodeGeneric checks what a Generic keeps: every property, the
// geometry as orb types, and a Point's z.
func TestDecodeGeneric(t *testing.T) {
	in := `{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[7.4,43.7,12.5,99]},
	"properties":{"s":"x","n":1.5,"b":true,"z":null,"a":[1,"2"],"o":{"k":"v"}}}`
	g, ok := decodeString(t, in, Options{}).Layers[defaultLayer][0].(*geo.Generic)
	if !ok {
		t.Fatal("not a Generic")
	}
	want := &geo.Generic{ID: "s", Geom: orb.Point{7.4, 43.7}, Z: 12.5, Props: map[string]any{
		"s": "x", "n": 1.5, "b": true, "z": nil, "a": []any{1.0, "2"}, "o": map[string]any{"k": "v"}}}
	if !deepEqual(g, want) {
		t.Errorf("got %#v\nwant %#v", g, want)
	}
	line := `{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0,5],[1,1,6]]},"properties":{}}`
	if g := decodeString(t, line, Options{}).Layers[defaultLayer][0].(*geo.Generic); !math.IsNaN(g.Z) || g.Props != nil {
		t.Errorf("line: Z %v Props %v, want NaN and nil", g.Z, g.Props)
	}
}

// TestDecodeOptionsInvalid checks that a bad override is refused up front.
func TestDecodeOptionsInvalid(t *testing.T) {
	_, err := Decode(strings.NewReader(pointA), "x", Options{CRS: "+proj=merc"})
	if !errors.Is(err, ErrOptions) || !errors.Is(err, geo.ErrUnsupported) {
		t.Errorf("err %v, want ErrOptions and geo.ErrUnsupported", err)
	}
}

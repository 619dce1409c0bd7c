package geojson

import (
	"errors"
	"strings"
	"testing"

	"twin/geo"
)

// TestDecodeSyntaxError checks that malformed JSON gives a *geo.ParseError
// wrapping geo.ErrSyntax at the offending byte. Each input marks that byte
// with "@", so the expected offset is strings.Index(in, "@") by
// construction; truncated inputs expect the input length.
func TestDecodeSyntaxError(t *testing.T) {
	tests := []struct {
		name, in string
		eof      bool // expect the end of the input instead of "@"
	}{
		{"top-level member", `{"type":"FeatureCollection", @}`, false},
		{"colon missing", `{"type" @"Feature"}`, false},
		{"in geometry", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":@}]}`, false},
		{"second feature", `{"type":"FeatureCollection","features":[` + pointA + `,` + "\n" + `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,@]}}]}`, false},
		{"between features", `{"type":"FeatureCollection","features":[` + pointA + ` @ ` + pointB + `]}`, false},
		{"in properties", `{"type":"Feature","properties":{"a":tru@}}`, false},
		{"in number", `{"type":"Feature","id":-@}`, false},
		{"control char in key", "{\"ty\x01pe\":\"Feature\"}", false},
		{"ndjson second line", pointA + "\n" + `{"type":"Feature",@}` + "\n", false},
		{"after top-level value", pointA + "\n @", false},
		{"truncated collection", `{"type":"FeatureCollection","features":[` + pointA, true},
		{"truncated after comma", `{"type":"FeatureCollection",`, true},
		{"truncated after feature comma", `{"features":[{}, `, true}, // found by FuzzDecode
		{"truncated string", `{"type":"Featu`, true},
		{"empty", ``, true},
		{"blank", " \n\t ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := int64(strings.Index(tt.in, "@"))
			if tt.eof {
				want = int64(len(tt.in))
			}
			if tt.name == "control char in key" {
				want = int64(strings.Index(tt.in, "\x01"))
			}
			_, err := Decode(strings.NewReader(tt.in), "bad.geojson", Options{})
			var pe *geo.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, geo.ErrSyntax) {
				t.Fatalf("err %v, want a *geo.ParseError wrapping geo.ErrSyntax", err)
			}
			if pe.Offset != want || pe.File != "bad.geojson" || pe.Line != 0 {
				t.Errorf("at %s offset %d, want bad.geojson offset %d (%v)", pe.File, pe.Offset, want, err)
			}
		})
	}
}

// TestDecodeNotGeoJSON checks inputs that are JSON but not GeoJSON, or name
// a CRS the package cannot read.
func TestDecodeNotGeoJSON(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		off      int64 // the offending value, counted by hand; -1, -2: see below
	}{
		{"array", `[1,2]`, geo.ErrInvalid, 0},
		{"string", `  "x"`, geo.ErrInvalid, 2},
		{"second value", pointA + "\n 5", geo.ErrInvalid, -2},
		{"no type", `{"features":[]}`, geo.ErrInvalid, 0},
		{"topojson", ` {"type":"Topology","objects":{}}`, geo.ErrInvalid, 1},
		{"features not array", `{"type":"FeatureCollection","features":{}}`, geo.ErrInvalid, 39},
		{"features a number", `{"type":"FeatureCollection","features" : 12}`, geo.ErrInvalid, 41},
		{"features in a feature", `{"type":"Feature","features":[]}`, geo.ErrInvalid, 0},
		{"link crs", `{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}`, geo.ErrUnsupported, 0},
		{"esri crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"ESRI:102100"}},"features":[]}`, geo.ErrUnsupported, 0},
		{"mixed crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2056"}},"features":[]}` + "\n" +
			`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:21781"}},"features":[]}`, geo.ErrUnsupported, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.in), "x.json", Options{})
			var pe *geo.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tt.kind) {
				t.Fatalf("err %v, want a *geo.ParseError wrapping %v", err, tt.kind)
			}
			switch tt.off {
			case -1: // the second collection
				tt.off = int64(strings.LastIndex(tt.in, "{\"type\":\"FeatureCollection\""))
			case -2: // the last byte
				tt.off = int64(len(tt.in) - 1)
			}
			if pe.Offset != tt.off {
				t.Errorf("offset %d, want %d (%v)", pe.Offset, tt.off, err)
			}
		})
	}
}

// TestDecodeWarnings checks that a bad feature is skipped with a warning
// naming its index and offset, and that its neighbours survive.
func TestDecodeWarnings(t *testing.T) {
	tests := []struct {
		name, feature, layer, msg string // layer: the feature's "layer" property
	}{
		{"unclosed ring", `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}`, "", "ring 0: ring is not closed"},
		{"short ring", `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}`, "", "fewer than 4 positions"},
		{"unclosed hole", `{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[2,2],[1,2]]]]},"properties":{}}`, "", "polygon 0: ring 1: ring is not closed"},
		{"short line", `{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0]]},"properties":{}}`, "", "fewer than 2 positions"},
		{"overflowing coordinate", `{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,0]},"properties":{}}`, "", "not a finite number"},
		{"overflow in a line", `{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[-1e400,1]]},"properties":{}}`, "", "not a finite number"},
		{"one-number position", `{"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":{}}`, "", "position is not an array"},
		{"string position", `{"type":"Feature","geometry":{"type":"Point","coordinates":["1","2"]},"properties":{}}`, "", "position is not an array"},
		{"wrong nesting", `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[0,0],[1,0]]},"properties":{}}`, "", "position is not an array"},
		{"unknown type", `{"type":"Feature","geometry":{"type":"Circle","coordinates":[0,0],"radius":5},"properties":{}}`, "", `unknown geometry type "Circle"`},
		{"null geometry", `{"type":"Feature","geometry":null,"properties":{"a":1}}`, "", "null geometry"},
		{"missing geometry", `{"type":"Feature","properties":{"a":1}}`, "", "null geometry"},
		{"empty coordinates", `{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]},"properties":{}}`, "", "empty geometry"},
		{"empty collection", `{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]},"properties":{}}`, "", "empty geometry"},
		{"bad collection member", `{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1]}]},"properties":{}}`, "", "member 0: position"},
		{"geometry not an object", `{"type":"Feature","geometry":[1,2],"properties":{}}`, "", "malformed geometry"},
		{"properties not an object", `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":[1]}`, "", "properties is neither"},
		{"not a feature", `{"type":"Point","coordinates":[1,2]}`, "", `not a Feature: type "Point"`},
		{"feature is a string", `"x"`, "", "not a Feature"},
		{"point in buildings", `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"layer":"buildings"}}`, "buildings", "layer wants a Polygon or MultiPolygon, got Point"},
		{"polygon in roads", `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"layer":"roads"}}`, "roads", "layer wants a LineString, got Polygon"},
		{"two points in pipe_nodes", `{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[0,0],[1,1]]},"properties":{"layer":"pipe_nodes"}}`, "pipe_nodes", "layer wants a Point, got MultiPoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := `{"type":"FeatureCollection","features":[` + pointA + ",\n"
			in := prefix + tt.feature + ",\n" + pointB + "]}"
			ds := decodeString(t, in, Options{})
			if n := ds.Count(defaultLayer); n != 2 || len(ds.Layers) != 1 {
				t.Errorf("kept %d features (%d layers), want the 2 good ones", n, len(ds.Layers))
			}
			if len(ds.Warnings) != 1 {
				t.Fatalf("warnings %v, want 1", ds.Warnings)
			}
			w := ds.Warnings[0]
			if w.File != "test.geojson" || w.Offset != int64(len(prefix)) || !strings.HasPrefix(w.Msg, "feature 1: ") ||
				!strings.Contains(w.Msg, tt.msg) || !strings.HasSuffix(w.Msg, "skipped") {
				t.Errorf("warning %q at %d, want feature 1 at %d containing %q", w.String(), w.Offset, len(prefix), tt.msg)
			}
		})
	}
}

package geojson

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// bellingeSnippet is the start of the shared Bellinge subcatchment file
// (SWMManywhere, CC-BY-4.0): a GDAL-written collection with a legacy crs.
const bellingeSnippet = `{
"type": "FeatureCollection",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::32632" } },
"features": [
{ "type": "Feature", "properties": { "Name": "G72F810_8063", "Raingage": "rg5425", "id": "G72F810", "Area": 0.452, "rc": 38.32, "width": 214.154, "slope": 0.03, "CurbLength": 0, "N-Imperv": 0.0093239707765511003, "RouteTo": "OUTLET", "area": 4523.7485564090694 }, "geometry": { "type": "Polygon", "coordinates": [ [ [ 583378.373999071773142, 6133007.509124181233346 ], [ 583381.283999071805738, 6132960.351124183274806 ], [ 583307.486999072600156, 6132952.097124182619154 ], [ 583310.066999072674662, 6132973.1461241832003 ], [ 583378.373999071773142, 6133007.509124181233346 ] ] ] } }
]
}
`

// FuzzDecode checks that Decode never panics, that every error is a
// positioned *geo.ParseError, and that what it returns is sane: unique
// non-empty IDs, finite geometry of the layer's type, positions inside the
// input, and a dataset that survives Encode and Decode again unchanged in
// size.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		bellingeSnippet,
		pointA,
		pointA + "\n" + pointB + "\n",
		"\x1e" + pointA + "\n\x1e" + pointB,
		`{"type":"FeatureCollection","name":"buildings","features":[{"type":"Feature","id":1,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":{"height":"12","levels":3,"building":"house","Height":[1]}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[7.42,43.73],[7.43,43.74]]},"properties":{"layer":"roads","maxspeed":"30 mph","oneway":"yes","lanes":2}}]}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2,3]},"properties":{"layer":"pipe_nodes","invert":"x","ground":null}}`,
		`{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}]}`,
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,0]},"properties":{}}`,
		`{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":"2056"}},"features":[` + pointA + `,` + pointA + `]}`,
		`{"type":"FeatureCollection","features":[` + pointA,
		"\xEF\xBB\xBF[1,2]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Decode(bytes.NewReader(data), "fuzz.geojson", Options{})
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *geo.ParseError", err, err)
			}
			if pe.Offset < 0 || pe.Offset > int64(len(data)) || pe.File != "fuzz.geojson" {
				t.Fatalf("error position %s offset %d outside the %d-byte input", pe.File, pe.Offset, len(data))
			}
			return
		}
		for _, w := range ds.Warnings {
			if w.Offset < 0 || w.Offset > int64(len(data)) {
				t.Fatalf("warning %v outside the input", w)
			}
		}
		for layer, fs := range ds.Layers {
			checkLayer(t, layer, fs)
			var buf bytes.Buffer
			if err := Encode(&buf, fs, EncodeOptions{Precision: -1, Name: layer}); err != nil {
				t.Fatalf("Encode(%s): %v", layer, err)
			}
			back, err := Decode(&buf, "again", Options{})
			if err != nil {
				t.Fatalf("Decode(Encode(%s)): %v\n%s", layer, err, buf.String())
			}
			if back.Count(layer) != len(fs) || len(back.Layers) != 1 {
				t.Fatalf("Decode(Encode(%s)): %d features in %d layers, want %d; warnings %v", layer, back.Count(layer), len(back.Layers), len(fs), back.Warnings)
			}
		}
	})
}

// checkLayer checks the invariants of one decoded layer.
func checkLayer(t *testing.T, layer string, fs []geo.Feature) {
	t.Helper()
	if layer == "" {
		t.Fatal("empty layer name")
	}
	seen := map[string]bool{}
	for _, f := range fs {
		id := f.FeatureID()
		if id == "" || seen[id] {
			t.Fatalf("layer %s: empty or repeated id %q", layer, id)
		}
		seen[id] = true
		if IsTyped(layer) == isGeneric(f) {
			t.Fatalf("layer %s holds a %T", layer, f)
		}
		g := f.Geometry()
		if g == nil {
			t.Fatalf("feature %s has no geometry", id)
		}
		b := g.Bound()
		for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("feature %s has bound %v", id, b)
			}
		}
		if _, ok := g.(orb.Collection); ok && len(g.(orb.Collection)) == 0 {
			t.Fatalf("feature %s has an empty collection", id)
		}
	}
}

func isGeneric(f geo.Feature) bool {
	_, ok := f.(*geo.Generic)
	return ok
}

package cityjson

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twin/geo"
)

const (
	cubeVerts = `[[0,0,0],[1000,0,0],[1000,1000,0],[0,1000,0],[0,0,1000],[1000,0,1000],[1000,1000,1000],[0,1000,1000]]`
	cubeSolid = `{"type":"Solid","lod":"1","boundaries":[[[[0,3,2,1]],[[4,5,6,7]],[[0,1,5,4]],[[1,2,6,5]],[[2,3,7,6]],[[3,0,4,7]]]]}`
	unitXf    = `"transform":{"scale":[0.001,0.001,0.001],"translate":[100,200,0]}`
	crs7415   = `"metadata":{"referenceSystem":"urn:ogc:def:crs:EPSG::7415"}`
)

// city returns a CityJSON 2.0 document with the given header members,
// objects and vertices.
func city(header, objects, verts string) string {
	if header != "" {
		header += ","
	}
	return fmt.Sprintf(`{"type":"CityJSON","version":"2.0",%s"CityObjects":{%s},"vertices":%s}`, header, objects, verts)
}

// building returns a city object "a" of type Building with geometry g.
func building(g string) string { return `"a":{"type":"Building","geometry":[` + g + `]}` }

var errBoom = errors.New("disk on fire")

// failingReader returns its data, then errBoom.
type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errBoom
	}
	return n, err
}

// TestBadInput feeds broken documents: fatal problems must give a
// *geo.ParseError of the right kind and offset, per-object problems a
// warning naming the object, and nothing may panic.
func TestBadInput(t *testing.T) {
	v10, err := os.ReadFile(filepath.Join("testdata", "v10-courtyard.json"))
	if err != nil {
		t.Fatal(err)
	}
	good := city(unitXf+","+crs7415, building(cubeSolid), cubeVerts)
	syntaxAt := `{"type":"CityJSON","version":"2.0","CityObjects":{"a":{"type":"Building","geometry":[}}}`
	tests := []struct {
		name string
		in   string
		kind error // nil: no error expected
		// offset is the byte offset of the error when kind != nil. JSON
		// syntax errors count the bytes read up to and including the bad
		// one; content errors in a member point at the ':' before its value.
		offset    int64
		warn      string
		crs       string
		buildings int
	}{
		{name: "good cube", in: good, crs: "EPSG:7415", buildings: 1},
		{name: "empty", in: "", kind: geo.ErrSyntax, offset: 0},
		{name: "garbage", in: "hello world", kind: geo.ErrSyntax, offset: 1},
		{name: "array", in: "[]", kind: geo.ErrSyntax, offset: 0},
		{name: "truncated 1.0 file", in: string(v10[:1000]), kind: geo.ErrSyntax, offset: 1000},
		{name: "truncated after key", in: `{"type":"CityJSON","version"`, kind: geo.ErrSyntax, offset: 28},
		// the offending '}' is byte 83: offset counts the bytes read up to it
		{name: "syntax error inside object", in: syntaxAt, kind: geo.ErrSyntax, offset: int64(strings.Index(syntaxAt, "[}") + 2)},
		{name: "trailing garbage", in: good + " x", kind: geo.ErrSyntax, offset: int64(len(good) + 2)},
		{name: "unknown version", in: strings.Replace(good, `"2.0"`, `"3.0"`, 1), kind: geo.ErrUnsupported, offset: 28},
		{name: "version not a string", in: strings.Replace(good, `"2.0"`, `2`, 1), kind: geo.ErrInvalid, offset: 28},
		{name: "no version", in: strings.Replace(good, `"version":"2.0",`, ``, 1), kind: geo.ErrInvalid, offset: 0},
		{name: "geojson", in: `{"type":"FeatureCollection","features":[]}`, kind: geo.ErrUnsupported, offset: 7},
		{name: "no type", in: `{"version":"2.0","CityObjects":{}}`, kind: geo.ErrInvalid, offset: 0},
		{name: "feature without header", in: `{"type":"CityJSONFeature","CityObjects":{},"vertices":[]}`, kind: geo.ErrInvalid, offset: 0},
		{name: "seq of two headers", in: good + "\n" + good, kind: geo.ErrInvalid, offset: int64(len(good))},
		{name: "short transform", in: city(`"transform":{"scale":[1,1],"translate":[0,0,0]}`, "", "[]"), kind: geo.ErrInvalid, offset: 46},
		{name: "CityObjects not an object", in: `{"type":"CityJSON","version":"2.0","CityObjects":[]}`, kind: geo.ErrInvalid, offset: 48},
		{name: "missing referenceSystem", in: city(unitXf, building(cubeSolid), cubeVerts), buildings: 1},
		{name: "2.0 without transform", in: city("", building(cubeSolid), cubeVerts), warn: "no \"transform\"", buildings: 1},
		{name: "odd referenceSystem", in: city(unitXf+`,"metadata":{"referenceSystem":"WGS 84"}`, building(cubeSolid), cubeVerts), warn: "not understood", buildings: 1},
		{name: "referenceSystem not a string", in: city(unitXf+`,"metadata":{"referenceSystem":7415}`, building(cubeSolid), cubeVerts), warn: "not a string", buildings: 1},
		{name: "vertex index out of range", in: strings.Replace(good, "[3,0,4,7]", "[3,0,4,8]", 1), warn: `"a": skipped: vertex index 8 out of range`, crs: "EPSG:7415"},
		{name: "huge scale gives Inf", in: city(`"transform":{"scale":[1e308,1e308,1e308],"translate":[0,0,0]}`, building(cubeSolid), cubeVerts), warn: "not finite"},
		{name: "wrong nesting", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[[[0,1,2]]]]}`), cubeVerts), warn: "nested 4 deep, want 3"},
		{name: "mixed nesting", in: city(unitXf, building(`{"type":"Solid","lod":"1","boundaries":[[[[0,1,2]],[[3]],[4,5,6]]]}`), cubeVerts), warn: "mix nesting"},
		{name: "ring of 2 distinct vertices", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[[0,1,0,1]]]}`), cubeVerts), warn: "fewer than 3 distinct"},
		{name: "string index", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[["0",1,2]]]}`), cubeVerts), warn: "vertex indices"},
		{name: "negative index", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[[-1,1,2]]]}`), cubeVerts), warn: "vertex indices"},
		{name: "fractional index", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[[0.5,1,2]]]}`), cubeVerts), warn: "not an integer"},
		{name: "bad vertex", in: city(unitXf, building(cubeSolid), strings.Replace(cubeVerts, "[0,0,0]", `[0,"x",0]`, 1)), warn: "1 vertices are not 3 numbers"},
		{name: "wrong attribute types", in: city(unitXf, `"a":{"type":"Building","parents":"b","geometry":[`+cubeSolid+`]}`, cubeVerts), warn: `"a" skipped`},
		{name: "unknown geometry type", in: city(unitXf, building(`{"type":"Blob","lod":"1","boundaries":[0]}`), cubeVerts), warn: "no surface geometry"},
		{name: "object without geometry", in: city(unitXf, `"g":{"type":"GenericCityObject"}`, cubeVerts), warn: `"g": skipped: no geometry`},
		{name: "parent without parts", in: city(unitXf, `"a":{"type":"Building","children":["nope"]}`, cubeVerts), warn: "no usable BuildingPart"},
		{name: "only walls", in: city(unitXf, building(`{"type":"MultiSurface","lod":"1","boundaries":[[[0,1,5,4]]]}`), cubeVerts), warn: "not vertical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Decode(strings.NewReader(tt.in), "in.json", Options{})
			if tt.kind != nil {
				var pe *geo.ParseError
				if !errors.As(err, &pe) || !errors.Is(err, tt.kind) {
					t.Fatalf("err = %v, want a *geo.ParseError wrapping %v", err, tt.kind)
				}
				if pe.Offset != tt.offset || pe.File != "in.json" {
					t.Errorf("file, offset = %q, %d; want in.json, %d (%v)", pe.File, pe.Offset, tt.offset, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if ds.CRS != tt.crs {
				t.Errorf("CRS = %q, want %q", ds.CRS, tt.crs)
			}
			if n := ds.Count(geo.LayerBuildings); n != tt.buildings {
				t.Errorf("%d buildings, want %d", n, tt.buildings)
			}
			checkWarnings(t, ds, tt.warn)
		})
	}
}

// checkWarnings wants no warning when want is "", else one containing want.
func checkWarnings(t *testing.T, ds *geo.Dataset, want string) {
	t.Helper()
	if want == "" {
		if len(ds.Warnings) != 0 {
			t.Errorf("warnings = %v, want none", ds.Warnings)
		}
		return
	}
	for _, w := range ds.Warnings {
		if strings.Contains(w.Msg, want) {
			if w.File != "in.json" || w.Offset <= 0 {
				t.Errorf("warning %v lacks file or offset", w)
			}
			return
		}
	}
	t.Errorf("warnings = %v, want one containing %q", ds.Warnings, want)
}

// TestReadError checks that a failing reader gives a *geo.ParseError that
// wraps the reader's error.
func TestReadError(t *testing.T) {
	in := city(unitXf, building(cubeSolid), cubeVerts)
	_, err := Decode(&failingReader{strings.NewReader(in[:50])}, "in.json", Options{})
	var pe *geo.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, errBoom) {
		t.Fatalf("err = %v, want a *geo.ParseError wrapping errBoom", err)
	}
}

// TestBadOptions checks Options.Validate.
func TestBadOptions(t *testing.T) {
	for _, lod := range []string{"x", "-1", "NaN"} {
		if _, err := Decode(strings.NewReader("{}"), "in.json", Options{LoD: lod}); !errors.Is(err, ErrOption) {
			t.Errorf("LoD %q: err = %v, want ErrOption", lod, err)
		}
	}
}

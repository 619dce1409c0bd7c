package cityjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/internal/sharedtest"
)

// FuzzDecode checks that Decode never panics, that its errors are
// *geo.ParseError, and that what it returns is sane: finite coordinates,
// closed rings, non-negative heights.
func FuzzDecode(f *testing.F) {
	// Seeds stay small: the fuzzer minimises every input that finds new
	// coverage, which takes long for inputs of kilobytes. The fixtures are
	// covered by the unit tests; here, the smallest city object of the
	// Delft file when the shared data is there (fuzzing must not depend on
	// it) and hand-made documents for each feature of the format.
	if b, err := os.ReadFile(filepath.Join(sharedtest.Root(), delft)); err == nil {
		f.Add(smallestObject(b))
	}
	semantics := `"semantics":{"surfaces":[{"type":"GroundSurface"},{"type":"RoofSurface"},{"type":"WallSurface"}],"values":[[0,1,2,2,2,null]]}`
	for _, s := range []string{
		city(unitXf+","+crs7415, building(cubeSolid), cubeVerts),
		`{"type":"CityJSON","version":"1.0","metadata":{"referenceSystem":"urn:ogc:def:crs:EPSG::2056"},"CityObjects":{` +
			building(strings.Replace(strings.Replace(cubeSolid, `"1"`, "2", 1), "}", ","+semantics+"}", 1)) +
			`},"vertices":[[0.5,0,0],[1,0,0],[1,1,0],[0,1,0],[0,0,1],[1,0,1],[1,1,1],[0,1,1]]}`,
		city(unitXf, `"a":{"type":"Building","children":["p"]},"p":{"type":"BuildingPart","parents":["a"],"geometry":[`+cubeSolid+`]}`, cubeVerts),
		city(unitXf, `"r":{"type":"Road","geometry":[{"type":"MultiLineString","lod":"0","boundaries":[[0,1,2]]},{"type":"MultiPoint","lod":0,"boundaries":[3]}]}`, cubeVerts),
		city(unitXf+`,"geometry-templates":{"templates":[{"type":"MultiSurface","lod":"2","boundaries":[[[0,1,2]],[[0,2,3],[1,2,3]]]}],"vertices-templates":[[0,0,0],[1,0,0],[1,1,0],[0,1,0]]}`,
			`"t":{"type":"SolitaryVegetationObject","geometry":[{"type":"GeometryInstance","template":0,"boundaries":[1],"transformationMatrix":[2,0,0,0,0,2,0,0,0,0,1,0,0,0,0,1]}]}`, cubeVerts),
		`{"type":"CityJSON","version":"1.1",` + unitXf + `,"CityObjects":{},"vertices":[]}` + "\n" +
			`{"type":"CityJSONFeature","id":"a","CityObjects":{` + building(cubeSolid) + `},"vertices":` + cubeVerts + `}` + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		ds, err := Decode(bytes.NewReader(in), "fuzz.json", Options{})
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.json" {
				t.Fatalf("error %v (%T) is not a *geo.ParseError", err, err)
			}
			return
		}
		checkSane(t, ds)
	})
}

// smallestObject cuts a CityJSON document down to its city object with the
// fewest vertex indices and the vertices it uses, renumbered.
func smallestObject(b []byte) []byte {
	var doc struct {
		CityObjects map[string]json.RawMessage `json:"CityObjects"`
		Vertices    [][3]int64                 `json:"vertices"`
		Transform   json.RawMessage            `json:"transform"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return nil
	}
	type object struct {
		Type     string        `json:"type"`
		Geometry []rawGeometry `json:"geometry"`
	}
	var best object
	var bestID string
	for id, raw := range doc.CityObjects {
		var o object
		if json.Unmarshal(raw, &o) != nil || len(o.Geometry) != 1 {
			continue
		}
		n, m := len(o.Geometry[0].Boundaries.leaves), 0
		if bestID != "" {
			m = len(best.Geometry[0].Boundaries.leaves)
		}
		if bestID == "" || n < m || n == m && id < bestID {
			best, bestID = o, id
		}
	}
	if bestID == "" {
		return nil
	}
	g := best.Geometry[0].Boundaries
	renum := map[int32]int{}
	var verts [][3]int64
	for i, v := range g.leaves {
		if _, ok := renum[v]; !ok {
			renum[v] = len(verts)
			verts = append(verts, doc.Vertices[v])
		}
		g.leaves[i] = int32(renum[v])
	}
	bnd, _ := json.Marshal(g.nest())
	vs, _ := json.Marshal(verts)
	obj := fmt.Sprintf(`%q:{"type":%q,"geometry":[{"type":%q,"lod":%q,"boundaries":%s}]}`,
		bestID, best.Type, best.Geometry[0].Type, best.Geometry[0].LoD, bnd)
	return []byte(city(`"transform":`+string(doc.Transform), obj, string(vs)))
}

// checkSane fails t when ds holds anything a consumer could trip over.
func checkSane(t *testing.T, ds *geo.Dataset) {
	t.Helper()
	if ds.Format != Format || (ds.CRS != "" && !strings.HasPrefix(ds.CRS, "EPSG:")) {
		t.Fatalf("Format %q CRS %q", ds.Format, ds.CRS)
	}
	for layer, fs := range ds.Layers {
		for _, f := range fs {
			if f == nil {
				t.Fatalf("%s: nil feature", layer)
			}
			checkGeometry(t, f.FeatureID(), f.Geometry())
			lo, hi := f.ZRange()
			if !finite(lo) || !finite(hi) || hi < lo {
				t.Fatalf("%s: ZRange %g %g", f.FeatureID(), lo, hi)
			}
			if b, ok := f.(*geo.Building); ok && (b.Height < 0 || len(b.Footprint) == 0) {
				t.Fatalf("%s: height %g, %d footprint polygons", b.ID, b.Height, len(b.Footprint))
			}
		}
	}
	for _, w := range ds.Warnings {
		if w.File != "fuzz.json" || w.Msg == "" {
			t.Fatalf("bad warning %+v", w)
		}
	}
}

func checkGeometry(t *testing.T, id string, g orb.Geometry) {
	t.Helper()
	bad := func(p orb.Point) bool { return math.IsNaN(p[0]+p[1]) || math.IsInf(p[0]+p[1], 0) }
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			if len(r) < 4 || !r.Closed() {
				t.Fatalf("%s: ring %v not closed", id, r)
			}
			for _, p := range r {
				if bad(p) {
					t.Fatalf("%s: point %v", id, p)
				}
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			checkGeometry(t, id, p)
		}
	case orb.MultiPoint:
		for _, p := range g {
			if bad(p) {
				t.Fatalf("%s: point %v", id, p)
			}
		}
	case orb.MultiLineString:
		for _, l := range g {
			checkGeometry(t, id, orb.MultiPoint(l))
		}
	default:
		t.Fatalf("%s: unexpected geometry %T", id, g)
	}
}

// nest rebuilds the nested arrays of g (test helper for seeds).
func (g *ragged) nest() any {
	cur := make([]int, len(g.counts))
	leaf := 0
	var build func(k int) any
	build = func(k int) any {
		n := int(g.counts[k][cur[k]])
		cur[k]++
		out := make([]any, n)
		for j := range out {
			if k == len(g.counts)-1 {
				out[j] = g.leaves[leaf]
				leaf++
			} else {
				out[j] = build(k + 1)
			}
		}
		return out
	}
	if len(g.counts) == 0 {
		return []any{}
	}
	return build(0)
}

// TestFuzzSeeds checks that the Delft seed decodes cleanly to one feature.
func TestFuzzSeeds(t *testing.T) {
	b := smallestObject(mustRead(t, sharedtest.Path(t, delft)))
	ds, err := Decode(bytes.NewReader(b), "seed", Options{})
	if err != nil || len(ds.Warnings) != 0 || ds.Count(LayerCityObjects)+ds.Count(geo.LayerBuildings) != 1 || len(b) > 1000 {
		t.Fatalf("seed %s: %v %v", b, err, ds)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

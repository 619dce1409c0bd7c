package cityjson

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// The fixtures in testdata describe one small city twice: as a CityJSON 1.0
// file (real-valued vertices, no transform, numeric LoDs, URN CRS) and as a
// CityJSONSeq 2.0 stream (integer vertices with a 1 mm transform, per
// feature vertex lists, URL CRS). Local coordinates are offset by
// (85000.25, 447000.5):
//
//   - b1: a Solid 10 m × 10 m × 6 m with a 4 m × 4 m courtyard: ground and
//     roof surfaces with a hole, 8 walls, semantic surfaces;
//   - b2: a Building without geometry whose BuildingPart p1 is a 6 m × 4 m
//     MultiSurface box from z = 1 m to 4 m with roof and walls only;
//   - r1: a Road of two triangles making a 5 m × 2 m rectangle;
//   - t1: a tree placed by a GeometryInstance scaling a 1 m square template
//     by 2 in x and y; t2: the same with a projective matrix (skipped).
var fixtures = []string{"v10-courtyard.json", "v20-courtyard.city.jsonl"}

func decodeFixture(t testing.TB, name string) *geo.Dataset {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := Decode(f, name, Options{})
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return ds
}

// TestFixtures checks each fixture feature against figures worked out by
// hand from the geometry above: areas are rectangle areas (b1: 10² − 4² =
// 84 m²), ground and height the z range of the chosen surfaces.
// Tolerance 1e-9 m (the 1.0 file is exact; the 2.0 one is in mm).
func TestFixtures(t *testing.T) {
	type want struct {
		layer, id      string
		area           float64
		rings          int // rings of the first footprint polygon
		ground, height float64
	}
	wants := []want{
		{geo.LayerBuildings, "b1", 84, 2, 0, 6},
		{geo.LayerBuildings, "b2", 24, 1, 1, 3},
		{geo.LayerBuildingParts, "p1", 24, 1, 1, 3},
		{LayerCityObjects, "r1", 10, 1, 0.2, 0.1},
		{LayerCityObjects, "t1", 4, 1, 3, 0},
	}
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			ds := decodeFixture(t, name)
			if ds.CRS != "EPSG:7415" {
				t.Errorf("CRS = %q", ds.CRS)
			}
			if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0].Msg, `"t2"`) || !strings.Contains(ds.Warnings[0].Msg, "non-affine") {
				t.Errorf("warnings = %v, want one for t2's projective matrix", ds.Warnings)
			}
			for _, w := range wants {
				f := find(t, ds, w.layer, w.id)
				checkFixtureFeature(t, f, w.area, w.rings, w.ground, w.height)
			}
			b1 := find(t, ds, geo.LayerBuildings, "b1").(*geo.Building)
			if b1.LoD != "2" || b1.Levels != 2 || len(b1.Surfaces) != 10 || b1.Attrs["cityjson_type"] != "Building" {
				t.Errorf("b1: LoD %q, Levels %d, %d surfaces, attrs %v", b1.LoD, b1.Levels, len(b1.Surfaces), b1.Attrs)
			}
			types := map[string]int{}
			for _, s := range b1.Surfaces {
				types[s.Type]++
			}
			if !reflect.DeepEqual(types, map[string]int{"GroundSurface": 1, "RoofSurface": 1, "WallSurface": 8}) {
				t.Errorf("b1 surface types = %v", types)
			}
			if r := b1.Surfaces[0].Rings; len(r) != 2 || len(r[0]) != 4 || len(r[1]) != 4 {
				t.Errorf("b1 ground surface rings = %v, want outer and hole of 4 open vertices", r)
			}
			p1 := find(t, ds, geo.LayerBuildingParts, "p1").(*geo.Building)
			if p1.Parent != "b2" {
				t.Errorf("p1.Parent = %q", p1.Parent)
			}
		})
	}
}

func checkFixtureFeature(t *testing.T, f geo.Feature, area float64, rings int, ground, height float64) {
	t.Helper()
	var mp orb.MultiPolygon
	switch g := f.Geometry().(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	}
	if len(mp) != 1 || len(mp[0]) != rings {
		t.Errorf("%s: footprint %v, want one polygon of %d rings", f.FeatureID(), f.Geometry(), rings)
		return
	}
	if mp[0][0].Orientation() != orb.CCW || (rings > 1 && mp[0][1].Orientation() != orb.CW) {
		t.Errorf("%s: outer ring must be CCW and holes CW", f.FeatureID())
	}
	if got := planar.Area(mp); math.Abs(got-area) > 1e-9 {
		t.Errorf("%s: area %.9f, want %g", f.FeatureID(), got, area)
	}
	lo, hi := f.ZRange()
	if g, ok := f.(*geo.Generic); ok {
		hi = g.Z + g.Props["height"].(float64)
	}
	if math.Abs(lo-ground) > 1e-9 || math.Abs(hi-lo-height) > 1e-9 {
		t.Errorf("%s: ground %.9f height %.9f, want %g %g", f.FeatureID(), lo, hi-lo, ground, height)
	}
}

// TestFixturesAgree checks that the 1.0 file and the 2.0 stream decode to the
// same features, coordinates within 1e-9 m.
func TestFixturesAgree(t *testing.T) {
	a, b := decodeFixture(t, fixtures[0]), decodeFixture(t, fixtures[1])
	for layer, fs := range a.Layers {
		if len(b.Layers[layer]) != len(fs) {
			t.Fatalf("%s: %d vs %d features", layer, len(fs), len(b.Layers[layer]))
		}
		for i, f := range fs {
			g := b.Layers[layer][i]
			if f.FeatureID() != g.FeatureID() || !orb.Equal(round(f.Geometry()), round(g.Geometry())) {
				t.Errorf("%s[%d]: %s %v vs %s %v", layer, i, f.FeatureID(), f.Geometry(), g.FeatureID(), g.Geometry())
			}
		}
	}
}

// round snaps g to 1e-6 m so that mm-quantised and exact inputs compare.
func round(g orb.Geometry) orb.Geometry {
	g = orb.Clone(g)
	geo.Transform(&geo.Generic{Geom: g}, func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1e6) / 1e6, math.Round(p[1]*1e6) / 1e6}
	})
	return g
}

package cityjson

import (
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
	"twin/internal/sharedtest"
)

const (
	delft  = "cityjson/cjio-delft.json"
	zurich = "cityjson/cjio-zurich_subset_lod2.json"
	multi  = "cityjson/cjio-multi_lod.json"
)

// decodeShared decodes a file of the shared data set with opt.
func decodeShared(t testing.TB, rel string, opt Options) *geo.Dataset {
	t.Helper()
	ds, err := Decode(sharedtest.Open(t, rel), rel, opt)
	if err != nil {
		t.Fatalf("Decode(%s): %v", rel, err)
	}
	return ds
}

// TestCounts checks the layers against counts of the raw city objects. The
// expected numbers come from jq 1.6:
//
//	jq '[.CityObjects[]|select(.type=="Building")]|length' FILE
//	jq '[.CityObjects[]|select(.type=="BuildingPart")]|length' FILE
//	jq '.CityObjects|length' FILE
func TestCounts(t *testing.T) {
	tests := []struct {
		name                  string
		file                  string
		crs                   string
		buildings, parts, all int
	}{
		{"delft 2.0", delft, "EPSG:7415", 160, 0, 570},
		{"zurich 1.1", zurich, "EPSG:2056", 49, 161, 210},
		{"3dbag multi-lod", multi, "", 10, 0, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeShared(t, tt.file, Options{})
			if ds.Format != "cityjson" || ds.CRS != tt.crs {
				t.Errorf("Format, CRS = %q, %q; want cityjson, %q", ds.Format, ds.CRS, tt.crs)
			}
			if len(ds.Warnings) != 0 {
				t.Errorf("warnings: %v", ds.Warnings)
			}
			b, p := ds.Count(geo.LayerBuildings), ds.Count(geo.LayerBuildingParts)
			all := b + p + ds.Count(LayerCityObjects)
			if b != tt.buildings || p != tt.parts || all != tt.all {
				t.Errorf("buildings, parts, all = %d, %d, %d; want %d, %d, %d", b, p, all, tt.buildings, tt.parts, tt.all)
			}
			for _, f := range ds.Layers[LayerCityObjects] {
				if typ := f.Properties()["type"]; typ == "Building" || typ == "BuildingPart" {
					t.Errorf("%s of type %v in %s", f.FeatureID(), typ, LayerCityObjects)
				}
			}
		})
	}
}

// find returns the feature with id in layer.
func find(t *testing.T, ds *geo.Dataset, layer, id string) geo.Feature {
	t.Helper()
	for _, f := range ds.Layers[layer] {
		if f.FeatureID() == id {
			return f
		}
	}
	t.Fatalf("%s: no feature %q", layer, id)
	return nil
}

// TestVertexTransform checks the first vertex of a building's first ring
// against the raw integer vertex times scale plus translate, computed by
//
//	jq -c '.transform as $t | .vertices as $v | .CityObjects[ID].geometry[0]
//	  .boundaries[0][0][0][0] as $i | [$i, ($v[$i] as $p |
//	  [range(3)|$p[.]*$t.scale[.]+$t.translate[.]])]' FILE
//
// (boundaries[0][0][0] for the MultiSurface parts of Zürich). Tolerance 1e-6 m.
func TestVertexTransform(t *testing.T) {
	tests := []struct {
		name, file, layer, id string
		want                  geo.Point3
	}{
		// vertex 40
		{"delft", delft, geo.LayerBuildings, "b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f", geo.Point3{85009.815, 447482.668, 6}},
		// vertex 0
		{"zurich", zurich, geo.LayerBuildingParts, "UUID_64efac00-00cd-455d-a8ac-9602bd232330", geo.Point3{2684572.779, 1246324.502, 448.781}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := find(t, decodeShared(t, tt.file, Options{}), tt.layer, tt.id).(*geo.Building)
			got := b.Surfaces[0].Rings[0][0]
			for k := range got {
				if math.Abs(got[k]-tt.want[k]) > 1e-6 {
					t.Fatalf("first vertex = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestExtent compares the bounds of all decoded coordinates (footprints and
// 3D surfaces) with metadata.geographicalExtent (jq -c
// .metadata.geographicalExtent FILE), within one scale unit (0.001 m).
// Footprints alone can be smaller: Zürich's roofs overhang their
// GroundSurface.
func TestExtent(t *testing.T) {
	tests := []struct {
		name, file string
		want       [6]float64
	}{
		{"delft", delft, [6]float64{84616.468, 447422.999, -0.452, 85140.839, 447750.636, 16.846}},
		{"zurich", zurich, [6]float64{2678219.194, 1243078.725, 395.786, 2687404.734, 1253037.77, 620.905}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extent(decodeShared(t, tt.file, Options{}))
			for k := range got {
				if math.Abs(got[k]-tt.want[k]) > 0.001 {
					t.Errorf("extent = %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
}

// extent returns minx, miny, minz, maxx, maxy, maxz over all features.
func extent(ds *geo.Dataset) [6]float64 {
	e := [6]float64{math.Inf(1), math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	add := func(x, y, z float64) {
		e[0], e[1], e[2] = math.Min(e[0], x), math.Min(e[1], y), math.Min(e[2], z)
		e[3], e[4], e[5] = math.Max(e[3], x), math.Max(e[4], y), math.Max(e[5], z)
	}
	for _, fs := range ds.Layers {
		for _, f := range fs {
			bd := f.Geometry().Bound()
			lo, hi := f.ZRange()
			if g, ok := f.(*geo.Generic); ok {
				hi = g.Z + g.Props["height"].(float64)
			}
			add(bd.Min[0], bd.Min[1], lo)
			add(bd.Max[0], bd.Max[1], hi)
			if b, ok := f.(*geo.Building); ok {
				for _, s := range b.Surfaces {
					for _, r := range s.Rings {
						for _, p := range r {
							add(p[0], p[1], p[2])
						}
					}
				}
			}
		}
	}
	return e
}

// TestBuildingHeights checks Ground and Height against the lowest and
// highest z of the vertices of the chosen geometry, from
//
//	jq -c '.transform as $t | .vertices as $v | .CityObjects[ID].geometry[G]
//	  .boundaries | [..|numbers] | map($v[.][2]*$t.scale[2]+$t.translate[2])
//	  | [min, max]' FILE
//
// with G = 0 in Delft (LoD1) and 2 (LoD 2.2) in the 3DBAG file; for the
// Zürich building, over the geometry of each of its children
// (.CityObjects[ID].children). Tolerance 1e-6 m.
func TestBuildingHeights(t *testing.T) {
	tests := []struct {
		name, file, id string
		lod            string
		zmin, zmax     float64
	}{
		{"delft lod1", delft, "b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f", "1", -0.1, 6},
		{"3dbag lod2.2", multi, "6751773", "2.2", 5.254, 13.224},
		// children [501, 515.969] and [512.423, 514.965]
		{"zurich from parts", zurich, "UUID_583c776f-5b0c-4d42-9c37-5b94e0c21a30", "2", 501, 515.969},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := find(t, decodeShared(t, tt.file, Options{}), geo.LayerBuildings, tt.id).(*geo.Building)
			if b.LoD != tt.lod || b.HeightSource != "lod" {
				t.Errorf("LoD, HeightSource = %q, %q; want %q, lod", b.LoD, b.HeightSource, tt.lod)
			}
			if math.Abs(b.Ground-tt.zmin) > 1e-6 || math.Abs(b.Height-(tt.zmax-tt.zmin)) > 1e-6 {
				t.Errorf("Ground, Height = %.6f, %.6f; want %.6f, %.6f", b.Ground, b.Height, tt.zmin, tt.zmax-tt.zmin)
			}
		})
	}
}

// TestFootprintArea checks footprint areas. The Delft LoD1 figure is the sum
// of the shoelace areas of the solid's triangles at its lowest z, by
//
//	jq '.transform as $t | .vertices as $v | .CityObjects[ID].geometry[0]
//	  .boundaries[0] | map(.[0] | map($v[.] | [.[0]*$t.scale[0],
//	  .[1]*$t.scale[1], .[2]])) | (map(map(.[2])|max)|min) as $z |
//	  map(select(map(.[2])|max == $z)) | map(. as $r | [range(length)] |
//	  map($r[.][0]*$r[(.+1)%($r|length)][1] - $r[(.+1)%($r|length)][0]*$r[.][1])
//	  | add / 2 | fabs) | add' cjio-delft.json
//
// which gives 992.9310050000058 m²; tolerance 1e-4 m². The merged outline
// must be a single polygon with its outer ring counter-clockwise.
func TestFootprintArea(t *testing.T) {
	ds := decodeShared(t, delft, Options{})
	b := find(t, ds, geo.LayerBuildings, "b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f").(*geo.Building)
	if got := planar.Area(b.Footprint); math.Abs(got-992.9310050000058) > 1e-4 {
		t.Errorf("area = %.6f m², want 992.931005", got)
	}
	if len(b.Footprint) != 1 || b.Footprint[0][0].Orientation() != orb.CCW {
		t.Errorf("footprint has %d polygons (want 1, outer ring CCW)", len(b.Footprint))
	}
	// Every Delft building is one merged outline.
	for _, f := range ds.Layers[geo.LayerBuildings] {
		if n := len(f.(*geo.Building).Footprint); n != 1 {
			t.Errorf("%s: %d footprint polygons, want 1", f.FeatureID(), n)
		}
	}
}

// TestPreferredLoD checks Options.LoD on the 3DBAG file, whose buildings
// have LoD 1.2, 1.3 and 2.2 (jq '[.CityObjects[].geometry[].lod]|unique').
func TestPreferredLoD(t *testing.T) {
	tests := []struct{ name, opt, want string }{
		{"default highest", "", "2.2"},
		{"1.2", "1.2", "1.2"},
		{"1.3 spelled 1.30", "1.30", "1.3"},
		{"absent falls back to highest", "3", "2.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeShared(t, multi, Options{LoD: tt.opt})
			for _, f := range ds.Layers[geo.LayerBuildings] {
				if b := f.(*geo.Building); b.LoD != tt.want {
					t.Fatalf("%s: LoD %q, want %q", b.ID, b.LoD, tt.want)
				}
			}
		})
	}
}

// TestDeterministic decodes the same file twice: the datasets must be equal
// (no map order or other hidden state leaks into the output).
func TestDeterministic(t *testing.T) {
	for _, file := range []string{delft, zurich} {
		t.Run(file, func(t *testing.T) {
			a, b := decodeShared(t, file, Options{}), decodeShared(t, file, Options{})
			if !reflect.DeepEqual(a, b) {
				t.Fatal("two decodes differ")
			}
		})
	}
}

package api

import (
	"bytes"
	"slices"
	"testing"

	"github.com/gogo/protobuf/proto"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt/vectortile"
	"github.com/paulmach/orb/maptile"

	"twin/geo"
)

// TestTileLayersByZoom checks which layers appear at which zoom and that
// roads are filtered by class at low zooms.
func TestTileLayersByZoom(t *testing.T) {
	snap := sampleWorld(t).Snapshot()
	tests := []struct {
		z      maptile.Zoom
		layers []string
		// classes, when set, are the only road classes allowed.
		classes []string
	}{
		{9, nil, nil},
		{10, []string{"roads"}, []string{"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link"}},
		{12, []string{"roads"}, []string{"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
			"secondary", "secondary_link", "tertiary", "tertiary_link"}},
		{13, []string{"buildings", "roads"}, nil},
		{14, []string{"buildings", "pipes", "roads"}, nil},
		{16, []string{"buildings", "pipe_nodes", "pipes", "road_nodes", "roads"}, nil},
		{22, []string{"buildings", "pipe_nodes", "pipes", "road_nodes", "roads"}, nil},
	}
	for _, tc := range tests {
		tile := maptile.At(museumPos, tc.z)
		if tc.z == 22 {
			tile = maptile.At(orb.Point{7.42545, 43.73061}, tc.z) // on the museum's roof
		}
		t.Run(tileName(tile), func(t *testing.T) {
			layers := decodeTile(t, snap, tile)
			var names []string
			for n := range layers {
				names = append(names, n)
			}
			slices.Sort(names)
			if tc.z == 22 {
				// Only the museum is under a 10-metre tile; other layers may be absent.
				if layers[geo.LayerBuildings] == nil {
					t.Fatalf("layers %v: no building under the museum's roof", names)
				}
				return
			}
			if !slices.Equal(names, tc.layers) {
				t.Fatalf("layers %v, want %v", names, tc.layers)
			}
			if tc.classes == nil || layers[geo.LayerRoads] == nil {
				return
			}
			for _, f := range layers[geo.LayerRoads].Features {
				if c := f.Properties["class"].(string); !slices.Contains(tc.classes, c) {
					t.Errorf("road %v of class %s drawn at z%d", f.Properties["id"], c, tc.z)
				}
			}
		})
	}
}

// TestTileValidity checks tiles at every zoom with data against the MVT 2
// rules the renderer promises: version 2, extent 4096, coordinates within
// the buffer, polygons whose first ring is exterior (orb.CCW in tile
// coordinates) and the rest holes, lines of two points or more, attributes
// of the declared types with an id on every feature, no duplicate values,
// and the same bytes when rendered again in scratch space used before.
func TestTileValidity(t *testing.T) {
	snap := sampleWorld(t).Snapshot()
	fields := map[string]map[string]valueKind{}
	for _, tl := range tileLayers {
		fields[tl.name] = map[string]valueKind{}
		for _, f := range tl.fields {
			fields[tl.name][f.name] = f.kind
		}
	}
	for _, tile := range []maptile.Tile{maptile.At(museumPos, 10), busyZ13, busyZ15, busyZ16, maptile.At(museumPos, 18)} {
		t.Run(tileName(tile), func(t *testing.T) {
			body, counts := renderTile(snap, tile, nil)
			// Scratch space carried over from other tiles changes nothing.
			sc := new(tileScratch)
			renderTile(snap, busyZ15, sc)
			renderTile(snap, maptile.At(museumPos, 18), sc)
			if again, _ := renderTile(snap, tile, sc); !bytes.Equal(body, again) {
				t.Error("a rendering in reused scratch space differs")
			}
			layers := decodeTile(t, snap, tile)
			for _, c := range counts {
				if l := layers[c.layer]; l == nil || len(l.Features) != c.n {
					t.Errorf("layer %s: counted %d features", c.layer, c.n)
				}
			}
			for name, l := range layers {
				if l.Version != 2 || l.Extent != tileExtent {
					t.Errorf("%s: version %d extent %d", name, l.Version, l.Extent)
				}
				for _, f := range l.Features {
					checkTileFeature(t, name, f.Geometry, f.Properties, fields[name])
				}
			}
			checkValueTables(t, body)
		})
	}
}

func checkTileFeature(t *testing.T, layer string, g orb.Geometry, props map[string]any, kinds map[string]valueKind) {
	t.Helper()
	if _, ok := props["id"].(string); !ok {
		t.Errorf("%s: feature without an id: %v", layer, props)
	}
	for k, v := range props {
		kind, ok := kinds[k]
		_, isStr := v.(string)
		_, isNum := v.(float64)
		_, isBool := v.(bool)
		if !ok || kind == kindString && !isStr || kind == kindNumber && !isNum || kind == kindBool && !isBool {
			t.Errorf("%s: attribute %s = %#v not of a declared kind", layer, k, v)
		}
	}
	lim := orb.Bound{Min: orb.Point{-tileBuffer, -tileBuffer}, Max: orb.Point{tileExtent + tileBuffer, tileExtent + tileBuffer}}
	if b := g.Bound(); !lim.Contains(b.Min) || !lim.Contains(b.Max) {
		t.Errorf("%s %v: geometry %v beyond the buffer", layer, props["id"], b)
	}
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	case orb.LineString:
		if len(g) < 2 {
			t.Errorf("%s %v: line of %d points", layer, props["id"], len(g))
		}
	}
	for _, p := range polys {
		for i, r := range p {
			if want := orb.CW; i == 0 && r.Orientation() != orb.CCW || i > 0 && r.Orientation() != want {
				t.Errorf("%s %v: ring %d of %d points has orientation %v", layer, props["id"], i, len(r), r.Orientation())
			}
			if len(r) < 4 {
				t.Errorf("%s %v: ring of %d points", layer, props["id"], len(r))
			}
		}
	}
}

// checkValueTables decodes body with the generated protobuf types and
// checks that no layer's value table holds a value twice.
func checkValueTables(t *testing.T, body []byte) {
	t.Helper()
	var vt vectortile.Tile
	if err := proto.Unmarshal(body, &vt); err != nil {
		t.Fatal(err)
	}
	for _, l := range vt.Layers {
		seen := map[string]bool{}
		for _, v := range l.Values {
			if k := v.String(); seen[k] {
				t.Errorf("%s: value %s twice", l.GetName(), k)
			} else {
				seen[k] = true
			}
		}
	}
}

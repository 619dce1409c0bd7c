package api

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"

	"twin/engine"
	"twin/geo"
	"twin/geo/proj"
)

// Tiles of the sample city used throughout: the busiest tiles at z13, z15
// and z16 (most features, found by rendering every tile over the city) and
// the Oceanographic Museum (OSM way 23715051, lon/lat 7.4250, 43.7307).
var (
	busyZ13   = maptile.New(4264, 2987, 13)
	busyZ15   = maptile.New(17059, 11948, 15)
	busyZ16   = maptile.New(34118, 23897, 16)
	museum    = "w23715051"
	museumPos = orb.Point{7.4250, 43.7307}
)

// decodeTile renders tile t of snap and decodes it with orb's decoder.
func decodeTile(t testing.TB, snap *engine.Snapshot, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	body, _ := renderTile(snap, tile, nil)
	layers, err := mvt.Unmarshal(body)
	if err != nil {
		t.Fatalf("tile %v does not decode: %v", tile, err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range layers {
		out[l.Name] = l
	}
	return out
}

// toTileUnits carries lon/lat to tile t's units through EPSG:3857 as
// twin/geo/proj computes it (pinned to cs2cs in TestTileProjectorExact).
func toTileUnits(t testing.TB, tile maptile.Tile, ll orb.Point) orb.Point {
	t.Helper()
	web, err := proj.EPSG(3857)
	if err != nil {
		t.Fatal(err)
	}
	x, y := web.Forward(ll[0], ll[1])
	return mercatorToTile(tile, x, y)
}

// TestTileBuildingPositions decodes tiles with orb, carries the buildings
// back to lon/lat (ProjectToWGS84) and checks that they lie where the
// engine has them:
//
//   - every vertex of a building drawn whole lies within 1.5 units of a
//     vertex of its footprint (both carried to tile units through
//     EPSG:3857): rounding moves a vertex by up to half a unit on each
//     axis, and orb's decoder places each whole unit at the centre of its
//     cell (+0.5 units on each axis), √2 units at most together, plus the
//     projection grid's 1/16; simplification only removes vertices;
//   - the museum is drawn in the tile holding its centroid and, where it
//     is drawn whole (up to z17; at z18 it is larger than the tile), its
//     centroid lies within one pixel (8 units: a pixel of a tile drawn 512
//     pixels wide) of its footprint's.
func TestTileBuildingPositions(t *testing.T) {
	snap := sampleWorld(t).Snapshot()
	buildings := snap.Layer(geo.LayerBuildings)
	m, _ := buildings.Get(museum)
	museumAt := footprintCentroid(t, snap, m.(*geo.Building))
	for _, z := range []maptile.Zoom{14, 15, 16, 17, 18} {
		tile := maptile.At(museumAt, z)
		t.Run(tileName(tile), func(t *testing.T) {
			l := decodeTile(t, snap, tile)[geo.LayerBuildings]
			if l == nil {
				t.Fatal("no buildings layer")
			}
			l.ProjectToWGS84(tile)
			whole, worst, sawMuseum := 0, 0.0, false
			for _, f := range l.Features {
				id, _ := f.Properties["id"].(string)
				b, ok := buildings.Get(id)
				if !ok {
					t.Fatalf("tile building %q is not in the engine", id)
				}
				if id == museum {
					sawMuseum = true
					museumTile(t, tile, f.Geometry, museumAt)
				}
				if clipped(tile, f.Geometry) {
					continue
				}
				whole++
				worst = math.Max(worst, vertexOffset(t, snap, tile, f.Geometry, b.(*geo.Building)))
			}
			if !sawMuseum {
				t.Errorf("the museum (%s) is not drawn in %v", museum, tile)
			}
			if worst > 1.5 {
				t.Errorf("a tile vertex lies %.2f units from its building's vertices", worst)
			}
			t.Logf("%d buildings drawn whole, vertices within %.2f units of the footprints'", whole, worst)
		})
	}
}

// museumTile checks the museum's tile geometry g (decoded, lon/lat)
// against the centroid of its footprint, want.
func museumTile(t *testing.T, tile maptile.Tile, g orb.Geometry, want orb.Point) {
	t.Helper()
	if !tile.Bound().Contains(want) {
		t.Errorf("museum centroid %v outside its tile %v", want, tile.Bound())
	}
	if clipped(tile, g) {
		if int(tile.Z) < tileMaxZoom {
			t.Errorf("museum clipped at z%d", tile.Z)
		}
		return
	}
	got, _ := planar.CentroidArea(g)
	if d := planar.Distance(toTileUnits(t, tile, got), toTileUnits(t, tile, want)); d > 8 {
		t.Errorf("museum centroid %v is %.2f units from the footprint's %v", got, d, want)
	} else {
		t.Logf("museum centroid %.2f units from the footprint's", d)
	}
}

// vertexOffset returns the largest distance, in tile units, from a vertex
// of g (decoded, lon/lat) to the nearest vertex of b's footprint.
func vertexOffset(t testing.TB, snap *engine.Snapshot, tile maptile.Tile, g orb.Geometry, b *geo.Building) float64 {
	var want []orb.Point
	for _, p := range b.Footprint {
		for _, r := range p {
			for _, q := range r {
				ll, _ := snap.ToLonLat(q)
				want = append(want, toTileUnits(t, tile, ll))
			}
		}
	}
	worst := 0.0
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.Polygon:
			for _, r := range g {
				for _, q := range r {
					u := toTileUnits(t, tile, q)
					best := math.Inf(1)
					for _, w := range want {
						best = math.Min(best, planar.Distance(u, w))
					}
					worst = math.Max(worst, best)
				}
			}
		}
	}
	walk(g)
	return worst
}

// clipped reports whether decoded geometry (lon/lat) reaches outside the
// tile, so that clipping may have moved its centroid.
func clipped(tile maptile.Tile, g orb.Geometry) bool {
	tb := tile.Bound()
	b := g.Bound()
	return !tb.Contains(b.Min) || !tb.Contains(b.Max)
}

// footprintCentroid is the area centroid of b's footprint, in lon/lat.
func footprintCentroid(t testing.TB, snap *engine.Snapshot, b *geo.Building) orb.Point {
	t.Helper()
	c, _ := planar.CentroidArea(b.Footprint)
	ll, err := snap.ToLonLat(c)
	if err != nil {
		t.Fatal(err)
	}
	return ll
}

// TestTileBuildingCounts compares the buildings of z16 tiles with the
// items API's bbox query over the same tile bounds: every building that
// meets the tile is drawn, and every building drawn meets the tile widened
// by the buffer.
func TestTileBuildingCounts(t *testing.T) {
	ts := newTestServer(t, Config{})
	snap := sampleWorld(t).Snapshot()
	forum, _ := snap.Layer(geo.LayerBuildings).Get("w94452775") // the Grimaldi Forum
	forumAt := footprintCentroid(t, snap, forum.(*geo.Building))
	for _, tile := range []maptile.Tile{busyZ16, maptile.At(museumPos, 16), maptile.At(forumAt, 16)} {
		t.Run(tileName(tile), func(t *testing.T) {
			drawn := map[string]bool{}
			if l := decodeTile(t, snap, tile)[geo.LayerBuildings]; l != nil {
				for _, f := range l.Features {
					drawn[f.Properties["id"].(string)] = true
				}
			}
			inTile := bboxIDs(t, ts, geo.LayerBuildings, tile.Bound())
			inBuffer := bboxIDs(t, ts, geo.LayerBuildings, tile.Bound(float64(tileBuffer)/tileExtent))
			if len(inTile) == 0 {
				t.Fatal("no buildings in the tile: pick a busier one")
			}
			for id := range inTile {
				if !drawn[id] {
					t.Errorf("building %s meets the tile but is not drawn", id)
				}
			}
			for id := range drawn {
				if !inBuffer[id] {
					t.Errorf("building %s is drawn but does not meet the buffered tile", id)
				}
			}
			t.Logf("%d buildings meet the tile, %d the buffered tile, %d drawn", len(inTile), len(inBuffer), len(drawn))
		})
	}
}

// bboxIDs returns the IDs that /collections/{layer}/items?bbox= returns for
// b (lon/lat).
func bboxIDs(t testing.TB, ts *httptest.Server, layer string, b orb.Bound) map[string]bool {
	t.Helper()
	path := fmt.Sprintf("/collections/%s/items?limit=10000&bbox=%.10f,%.10f,%.10f,%.10f", layer, b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	code, _, body := get(t, ts, path)
	if code != 200 {
		t.Fatalf("%s: %d %s", path, code, body)
	}
	var fc struct {
		Features []struct {
			ID string `json:"id"`
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range fc.Features {
		ids[f.ID] = true
	}
	return ids
}

// tileName is z/x/y, for subtest names.
func tileName(t maptile.Tile) string { return fmt.Sprintf("%d/%d/%d", t.Z, t.X, t.Y) }

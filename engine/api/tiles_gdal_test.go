package api

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"twin/engine"
	"twin/geo"
	"twin/internal/sharedtest"
)

// TestGDALReadsTiles reads served tiles with GDAL's MVT driver, an
// independent decoder that places a tile from its z/x/y file path and
// clips features to the tile (its CLIP=YES default): `ogr2ogr -f GeoJSON
// -t_srs EPSG:4326 out.json DIR/z/x/y.mvt buildings`. GDAL must see exactly
// the buildings the items API's bbox query returns for the tile, and every
// vertex of a building drawn whole within 0.75 units of its footprint's:
// GDAL reads each whole unit as its exact position, so only the rounding
// (half a unit on each axis) and the projection grid (1/16 unit) remain.
func TestGDALReadsTiles(t *testing.T) {
	ogr2ogr := sharedtest.Tool(t, "ogr2ogr")
	ts := newTestServer(t, Config{})
	snap := sampleWorld(t).Snapshot()
	buildings := snap.Layer(geo.LayerBuildings)
	for _, tile := range []maptile.Tile{busyZ16, maptile.At(museumPos, 17)} {
		t.Run(tileName(tile), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, fmt.Sprint(tile.Z), fmt.Sprint(tile.X), fmt.Sprintf("%d.mvt", tile.Y))
			code, _, body := get(t, ts, "/tiles/"+tileName(tile)+".mvt")
			if code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, body, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "buildings.json")
			runTool(t, ogr2ogr, "-f", "GeoJSON", "-t_srs", "EPSG:4326", out, path, "buildings")
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var fc geojson.FeatureCollection
			if err := json.Unmarshal(data, &fc); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			worst := 0.0
			for _, f := range fc.Features {
				id := f.Properties.MustString("id", "")
				seen[id] = true
				b, ok := buildings.Get(id)
				if !ok {
					t.Fatalf("GDAL reads a building %q the engine does not have", id)
				}
				if footprintInTile(t, snap, tile, b.(*geo.Building)) {
					worst = math.Max(worst, vertexOffset(t, snap, tile, f.Geometry, b.(*geo.Building)))
				}
			}
			want := bboxIDs(t, ts, geo.LayerBuildings, tile.Bound())
			for id := range want {
				if !seen[id] {
					t.Errorf("building %s meets the tile; GDAL does not read it", id)
				}
			}
			for id := range seen {
				if !want[id] {
					t.Errorf("GDAL reads building %s, which does not meet the tile", id)
				}
			}
			if worst > 0.75 {
				t.Errorf("a vertex GDAL reads lies %.2f units from its building's vertices", worst)
			}
			t.Logf("GDAL reads %d buildings (the bbox query %d), vertices within %.2f units", len(seen), len(want), worst)
		})
	}
}

// footprintInTile reports whether every vertex of b's footprint lies in the
// tile, at least a unit from its edges (so that no clipper changes it).
func footprintInTile(t testing.TB, snap *engine.Snapshot, tile maptile.Tile, b *geo.Building) bool {
	for _, p := range b.Footprint {
		for _, r := range p {
			for _, q := range r {
				ll, _ := snap.ToLonLat(q)
				u := toTileUnits(t, tile, ll)
				if u[0] < 1 || u[1] < 1 || u[0] > tileExtent-1 || u[1] > tileExtent-1 {
					return false
				}
			}
		}
	}
	return true
}

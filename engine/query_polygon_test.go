package engine

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/spatial"
)

// star is a 14-point star-shaped (concave) ring of radius 40–160 m around
// x, y, its spikes set by phase.
func star(x, y, phase float64) orb.Polygon {
	var ring orb.Ring
	for i := range 14 {
		a := float64(i)/14*2*math.Pi + phase
		rad := 40 + 120*float64(i%2)
		ring = append(ring, orb.Point{x + rad*math.Cos(a), y + rad*math.Sin(a)})
	}
	return orb.Polygon{append(ring, ring[0])}
}

// TestSearchPolygonShapes checks the shortcuts of SearchPolygon and
// SearchPolygonID (vertex in the inner rectangle, candidates no polygon
// edge comes near, tests against the near edges only) against the exact
// predicate on every feature, for every layer of the random city and for
// polygons of several shapes: a concave one, one with a hole, an unclosed
// ring, one wholly inside a large building, a star, a degenerate one (two
// points), and a rotated square with its inner rectangle.
func TestSearchPolygonShapes(t *testing.T) {
	r := testRand(t)
	w := randomCity(t, r, 1500, 1500)
	_, err := w.Update(func(tx *Tx) error {
		_, err := tx.Put(geo.LayerBuildings, &geo.Building{ID: "huge", Footprint: orb.MultiPolygon{rect(300, 300, 600, 600)}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	for q := 0; q < 100; q++ {
		x, y := r.Float64()*1500, r.Float64()*1500
		cases := []struct {
			name  string
			poly  orb.Polygon
			inner orb.Bound
		}{
			{"concave", orb.Polygon{{{x, y}, {x + 200, y + 20}, {x + 120, y + 90}, {x + 60, y + 40}, {x - 10, y + 150}, {x, y}}}, orb.Bound{}},
			{"hole", append(rect(x, y, 180, 160), orb.Ring{{x + 40, y + 40}, {x + 40, y + 120}, {x + 140, y + 120}, {x + 140, y + 40}, {x + 40, y + 40}}), orb.Bound{}},
			{"unclosed", orb.Polygon{{{x, y}, {x + 150, y + 10}, {x + 140, y + 140}, {x - 5, y + 130}}}, orb.Bound{}},
			{"inside huge", rect(400+x/15, 400+y/15, 20, 20), orb.Bound{}},
			{"star", star(x, y, r.Float64()), orb.Bound{}},
			{"degenerate", orb.Polygon{{{x, y}, {x + 100, y + 50}}}, orb.Bound{}},
			{"rotated", orb.Polygon{{{x, y}, {x + 200, y + 4}, {x + 196, y + 204}, {x - 4, y + 200}, {x, y}}},
				orb.Bound{Min: orb.Point{x + 1, y + 5}, Max: orb.Point{x + 195, y + 199}}},
		}
		for _, c := range cases {
			for _, layer := range []string{geo.LayerBuildings, geo.LayerRoads, geo.LayerPipes, geo.LayerPipeNodes} {
				l := s.Layer(layer)
				got := collect(func(fn func(geo.Feature) bool) { l.SearchPolygon(c.poly, c.inner, fn) })
				var want []geo.Feature
				closed := c.poly.Clone()
				for i, ring := range closed {
					if !ring.Closed() {
						closed[i] = append(ring, ring[0])
					}
				}
				for _, f := range all(l) {
					if spatial.Intersects(f.Geometry(), closed) {
						want = append(want, f)
					}
				}
				var viaID []geo.Feature
				l.SearchPolygonID(c.poly, c.inner, func(id string, f geo.Feature) bool {
					if id != f.FeatureID() {
						t.Fatalf("SearchPolygonID passed %q for feature %q", id, f.FeatureID())
					}
					viaID = append(viaID, f)
					return true
				})
				t.Run(fmt.Sprintf("%d/%s/%s", q, c.name, layer), func(t *testing.T) {
					equalIDs(t, "SearchPolygon", got, want)
					equalIDs(t, "SearchPolygonID", viaID, want)
				})
			}
		}
	}
}

package scene

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

// rect returns a closed counter-clockwise rectangle ring.
func rect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// smallWorld is a hand-made town in UTM 32N near (500000, 5000000): three
// buildings (one with a courtyard), three roads, two sensors and a unit.
func smallWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	const x, y = 500000.0, 5000000.0
	ds := &geo.Dataset{Name: "town", Format: "geojson", CRS: "EPSG:32632"}
	ds.Add(geo.LayerBuildings, &geo.Building{ID: "b1", Footprint: orb.MultiPolygon{{rect(x, y, x+20, y+10)}}, Ground: 10, Height: 12})
	ds.Add(geo.LayerBuildings, &geo.Building{ID: "b2", Footprint: orb.MultiPolygon{{rect(x+40, y, x+70, y+30), rect(x+50, y+10, x+60, y+20)}}, Ground: 10, Height: 20})
	ds.Add(geo.LayerBuildings, &geo.Building{ID: "b3", Footprint: orb.MultiPolygon{{rect(x+300, y+300, x+310, y+310)}}, Ground: 10, Height: 9})
	for i, id := range []string{"w1", "w2", "w3"} {
		yy := y - 20 - 30*float64(i)
		ds.Add(geo.LayerRoads, &geo.Road{ID: id, Line: orb.LineString{{x, yy}, {x + 50, yy}, {x + 100, yy + 5}}, Class: "primary", Lanes: 2, MaxSpeed: 13.9, Drivable: true, Length: 50 + math.Hypot(50, 5)})
	}
	ds.Add(geo.LayerSensors, &geo.Generic{ID: "s1", Geom: orb.Point{x + 10, y + 50}, Z: geo.NaN, Props: map[string]any{"value": 1.0, "threshold": 2.0}})
	ds.Add(geo.LayerSensors, &geo.Generic{ID: "s2", Geom: orb.Point{x + 30, y + 50}, Z: geo.NaN, Props: map[string]any{"value": 3.0, "threshold": 2.0}})
	ds.Add(geo.LayerUnits, &geo.Generic{ID: "u1", Geom: orb.Point{x + 60, y + 60}, Z: geo.NaN, Props: map[string]any{"status": "available"}})
	if _, err := w.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return w
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// apply applies d to w and returns the new snapshot.
func apply(t testing.TB, w *engine.World, d engine.Delta) *engine.Snapshot {
	t.Helper()
	if d.TS.IsZero() {
		d.TS = epoch
	}
	s, err := w.Update(func(tx *engine.Tx) error {
		_, err := tx.Apply(d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

package api

import (
	"math"
	"reflect"
	"testing"

	"twin/geo"
)

func TestRoadMinZoom(t *testing.T) {
	tests := []struct {
		class string
		want  int
	}{
		{"motorway", 10}, {"primary_link", 10}, {"trunk", 10},
		{"secondary", 11}, {"secondary_link", 11},
		{"tertiary", 12},
		{"residential", 13}, {"living_street", 13}, {"unclassified", 13},
		{"service", 14},
		{"footway", 15}, {"steps", 15}, {"path", 15}, {"", 15}, {"service_link", 15},
	}
	for _, tc := range tests {
		t.Run(tc.class, func(t *testing.T) {
			if got := roadMinZoom(tc.class); got != tc.want {
				t.Errorf("roadMinZoom(%q) = %d, want %d", tc.class, got, tc.want)
			}
		})
	}
}

// TestTileAttrs checks each layer's attributes: the declared field each
// key points at, units (km/h from m/s: 50 km/h is 13.8̅ m/s), rounding to
// centimetres, and unknown values (NaN ground, no levels) left out.
func TestTileAttrs(t *testing.T) {
	tests := []struct {
		layer string
		f     geo.Feature
		want  map[string]any
	}{
		{geo.LayerBuildings, &geo.Building{ID: "w1", Height: 12.3456, MinHeight: 3, Ground: 41.004, Levels: 4, Type: "apartments",
			Attrs: geo.Attrs{"name": "Palais Bosio"}},
			map[string]any{"id": "w1", "height": 12.35, "min_height": 3.0, "ground": 41.0, "levels": 4.0, "type": "apartments", "name": "Palais Bosio"}},
		{geo.LayerBuildings, &geo.Building{ID: "w2", Height: 9, Ground: math.NaN()},
			map[string]any{"id": "w2", "height": 9.0, "min_height": 0.0}},
		{geo.LayerRoads, &geo.Road{ID: "w3", Class: "primary", Name: "Boulevard Albert 1er", OneWay: true, MaxSpeed: 50 / 3.6, Lanes: 2},
			map[string]any{"id": "w3", "class": "primary", "name": "Boulevard Albert 1er", "oneway": true, "maxspeed_kmh": 50.0, "lanes": 2.0}},
		{geo.LayerRoads, &geo.RoadLink{ID: "w4.0", Class: "footway", MaxSpeed: 5 / 3.6},
			map[string]any{"id": "w4.0", "class": "footway", "oneway": false, "maxspeed_kmh": 5.0}},
		{geo.LayerRoads, &geo.Generic{ID: "g1"}, map[string]any{"id": "g1"}},
		{geo.LayerPipes, &geo.Pipe{ID: "c1", Network: geo.NetworkSewer, Kind: "conduit", Diameter: 0.6},
			map[string]any{"id": "c1", "network": "sewer", "kind": "conduit", "diameter": 0.6}},
		{geo.LayerPipeNodes, &geo.PipeNode{ID: "j1", Network: geo.NetworkSewer, Kind: "junction", Invert: 38.123, MaxDepth: 2.5, Ground: math.NaN()},
			map[string]any{"id": "j1", "network": "sewer", "kind": "junction", "invert": 38.12, "max_depth": 2.5}},
		{geo.LayerRoadNodes, &geo.RoadNode{ID: "n1", Signal: true, Degree: 3},
			map[string]any{"id": "n1", "signal": true, "degree": 3.0}},
	}
	for _, tc := range tests {
		t.Run(tc.layer+"/"+tc.f.FeatureID(), func(t *testing.T) {
			var tl *tileLayer
			for i := range tileLayers {
				if tileLayers[i].name == tc.layer {
					tl = &tileLayers[i]
				}
			}
			got := map[string]any{}
			for _, a := range tl.attrs(nil, tc.f) {
				got[tl.fields[a.key].name] = orbValueOf(a.v)
				if tl.fields[a.key].kind != a.v.kind {
					t.Errorf("%s: %v is not a %v", tl.fields[a.key].name, a.v, tl.fields[a.key].kind.tileJSONType())
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("attributes %v, want %v", got, tc.want)
			}
		})
	}
}

// orbValueOf is v as orb's decoder returns it: numbers as float64.
func orbValueOf(v tileValue) any {
	switch v.kind {
	case kindString:
		return v.s
	case kindBool:
		return v.x == 1
	}
	return v.x
}

package geojson

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// square is a closed ring around (x, y) with side s.
func square(x, y, s float64) orb.Ring {
	return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
}

// sampleFeatures gives, per layer, features of every geo type with every
// typed field set, so that a lossy field shows up in the round trip.
func sampleFeatures() map[string][]geo.Feature {
	nan := math.NaN()
	return map[string][]geo.Feature{
		geo.LayerBuildings: {
			&geo.Building{ID: "b1", Footprint: orb.MultiPolygon{{square(2600000, 1200000, 10.25)}},
				Ground: 410.5, MinHeight: 3, Height: 21.5, HeightSource: "lod", Levels: 6, Type: "apartments",
				Parent: "b0", LoD: "2.2", Attrs: geo.Attrs{"roof:shape": "flat", "year": 1962.0}},
			&geo.Building{ID: "b2", Footprint: orb.MultiPolygon{{square(0, 0, 5)}, {square(10, 10, 5), square(11, 11, 1)}},
				Ground: nan, Height: 6, HeightSource: "default", Type: "house"},
		},
		geo.LayerRoads: {
			&geo.Road{ID: "w7", WayID: 7, Line: orb.LineString{{7.42, 43.73}, {7.4215, 43.7312}, {7.423, 43.732}},
				Lanes: 3, OneWay: true, MaxSpeed: 50 / 3.6, SpeedSource: "tag", Length: 312.5, Class: "primary",
				Name: "Boulevard Albert 1er", Drivable: true, Attrs: geo.Attrs{"surface": "asphalt"}},
			&geo.Road{ID: "w8", WayID: 8, Line: orb.LineString{{1, 2}, {3, 4}}, Lanes: 1, SpeedSource: "default",
				Length: 2.8, Class: "footway"},
		},
		geo.LayerLinks: {
			&geo.RoadLink{ID: "w7.0", WayID: 7, From: "n1", To: "n2", Line: orb.LineString{{7.42, 43.73}, {7.4215, 43.7312}},
				Lanes: 2, OneWay: true, MaxSpeed: 50 / 3.6, SpeedSource: "tag", Length: 153.25, Class: "primary",
				Name: "Boulevard Albert 1er", Attrs: geo.Attrs{"surface": "asphalt"}},
			&geo.RoadLink{ID: "w7.0r", WayID: 9007199254740991, From: "n2", To: "n1", Line: orb.LineString{{1, 2}, {3, 4}, {5, 7}},
				Lanes: 1, MaxSpeed: 0, SpeedSource: "default", Length: 12, Class: "service"},
		},
		geo.LayerRoadNodes: {
			&geo.RoadNode{ID: "n1", Point: orb.Point{7.42, 43.73}, Signal: true, Degree: 4, Attrs: geo.Attrs{"crossing": "marked"}},
			&geo.RoadNode{ID: "n2", Point: orb.Point{-0.5, 0.25}},
		},
		geo.LayerRestrictions: {
			&geo.TurnRestriction{ID: "r5", Kind: "no_left_turn", FromWay: 7, ViaNode: "n2", ToWay: 8, Point: orb.Point{1, 2}},
		},
		geo.LayerPipes: {
			&geo.Pipe{ID: "C1", From: "J1", To: "J2", Line: orb.LineString{{583378.37, 6133007.5}, {583400, 6133020}},
				Network: geo.NetworkSewer, Kind: "conduit", Length: 25.5, Shape: "RECT_CLOSED", Diameter: 1.2, Width: 0.8,
				Roughness: 0.013, InvertFrom: 12.3, InvertTo: 12.1, GroundFrom: 15, GroundTo: 15.2, Attrs: geo.Attrs{"Barrels": 1.0}},
			&geo.Pipe{ID: "P9", From: "A", To: "B", Line: orb.LineString{{0, 0}, {100, 0}}, Network: geo.NetworkWater,
				Kind: "pipe", Length: 100, Diameter: 0.3, Roughness: 100, InvertFrom: nan, InvertTo: nan, GroundFrom: nan, GroundTo: nan},
		},
		geo.LayerPipeNodes: {
			&geo.PipeNode{ID: "J1", Point: orb.Point{583378.37, 6133007.5}, Network: geo.NetworkSewer, Kind: "junction",
				Invert: 12.3, MaxDepth: 2.7, Ground: 15, Attrs: geo.Attrs{"tag": nil}},
			&geo.PipeNode{ID: "R1", Point: orb.Point{5, 5}, Network: geo.NetworkWater, Kind: "reservoir", Invert: nan, Ground: nan},
		},
		geo.LayerSubcatchments: {
			&geo.Subcatchment{ID: "S1", Polygon: orb.Polygon{square(100, 100, 50)}, RainGauge: "RG1", Outlet: "J1",
				Area: 2500, Imperv: 25, Width: 50, Slope: 0.5, Attrs: geo.Attrs{"CurbLength": 0.0}},
		},
		geo.LayerRainGauges: {
			&geo.RainGauge{ID: "RG1", Point: orb.Point{90, 90}, Located: true, Format: "INTENSITY", Interval: 3600, Series: "TS1"},
			&geo.RainGauge{ID: "RG2", Point: orb.Point{0, 0}, Located: true, Format: "VOLUME", Interval: 300, File: "rain.dat"},
		},
		geo.LayerSensors: {
			&geo.Generic{ID: "s1", Geom: orb.Point{7.4, 43.7}, Z: 12.5, Props: map[string]any{
				"kind": "water_level", "value": 0.42, "ok": true, "tags": []any{"a", 1.0}, "meta": map[string]any{"vendor": "x"}}},
			&geo.Generic{ID: "s2", Geom: orb.LineString{{0, 0}, {1, 1}}, Z: nan},
		},
		geo.LayerUnits: {
			&geo.Generic{ID: "u1", Geom: orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 0}}}, Z: nan,
				Props: map[string]any{"callsign": "E1", "layer": "units"}},
			&geo.Generic{ID: "u2", Geom: orb.MultiPoint{{1, 2}, {3, 4}}, Z: nan, Props: map[string]any{"id": "u2"}},
			&geo.Generic{ID: "u3", Geom: orb.MultiLineString{{{0, 0}, {1, 0}}, {{2, 2}, {3, 3}}}, Z: nan},
		},
	}
}

// TestRoundTripTyped checks that Decode(Encode(features)) rebuilds equal
// features for every geo type, with the layer carried by the collection's
// "name" member and, separately, by Options.Layer on NDJSON.
func TestRoundTripTyped(t *testing.T) {
	for layer, fs := range sampleFeatures() {
		t.Run(layer, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, fs, EncodeOptions{Precision: -1, Name: layer}); err != nil {
				t.Fatal(err)
			}
			checkSame(t, fs, decodeString(t, buf.String(), Options{}).Layers[layer], buf.String())

			buf.Reset()
			if err := EncodeNDJSON(&buf, fs, EncodeOptions{Precision: -1}); err != nil {
				t.Fatal(err)
			}
			checkSame(t, fs, decodeString(t, buf.String(), Options{Layer: layer}).Layers[layer], buf.String())
		})
	}
}

func checkSame(t *testing.T, want, got []geo.Feature, text string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("decoded %d features, want %d\n%s", len(got), len(want), text)
	}
	for i := range want {
		if !deepEqual(got[i], want[i]) {
			t.Errorf("feature %d:\n got %#v\nwant %#v\nfrom %s", i, got[i], want[i], text)
		}
	}
}

// TestRoundTripGeneric checks Encode(Decode(x)) for a file of untyped
// features: the same ids (numbers come back as strings), the same geometry
// and the same properties, compared as parsed JSON.
func TestRoundTripGeneric(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":42,"geometry":{"type":"Point","coordinates":[7.4246,43.7384,12]},"properties":{"name":"Casino","n":3,"ok":false,"nested":{"a":[1,"x",null]}}},
{"type":"Feature","id":"b","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]},"properties":{"unicode":"Zürich \u00e9\t\"q\""}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":{"id":"c","v":null}},
{"type":"Feature","id":"d","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]},"properties":null}
]}`
	ds := decodeString(t, in, Options{})
	var buf bytes.Buffer
	if err := Encode(&buf, ds.Layers[defaultLayer], EncodeOptions{Precision: -1}); err != nil {
		t.Fatal(err)
	}
	var a, b struct {
		Features []struct {
			ID         any            `json:"id"`
			Geometry   any            `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	wantIDs := []string{"42", "b", "c", "d"}
	if len(b.Features) != len(a.Features) {
		t.Fatalf("wrote %d features, want %d", len(b.Features), len(a.Features))
	}
	for i := range a.Features {
		if b.Features[i].ID != wantIDs[i] {
			t.Errorf("feature %d: id %v, want %q", i, b.Features[i].ID, wantIDs[i])
		}
		if !deepEqual(a.Features[i].Geometry, b.Features[i].Geometry) {
			t.Errorf("feature %d: geometry %v, want %v", i, b.Features[i].Geometry, a.Features[i].Geometry)
		}
		if !deepEqual(a.Features[i].Properties, b.Features[i].Properties) {
			t.Errorf("feature %d: properties %v, want %v", i, b.Features[i].Properties, a.Features[i].Properties)
		}
	}
	if strings.Contains(buf.String(), "NaN") {
		t.Errorf("output holds NaN:\n%s", buf.String())
	}
}

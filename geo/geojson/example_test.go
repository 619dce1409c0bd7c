package geojson_test

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/geojson"
)

// Decode a collection into the buildings layer: the file's "name" member
// picks the layer, and a building without a height gets one from its levels.
func ExampleDecode() {
	in := `{"type":"FeatureCollection","name":"buildings",
	"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2056"}},
	"features":[
	  {"type":"Feature","id":"b1","geometry":{"type":"Polygon","coordinates":[[[2600000,1200000],[2600010,1200000],[2600010,1200010],[2600000,1200000]]]},
	   "properties":{"levels":4,"name":"Stadthaus"}},
	  {"type":"Feature","id":"b2","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}
	]}`
	ds, err := geojson.Decode(strings.NewReader(in), "city.geojson", geojson.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := ds.Layers[geo.LayerBuildings][0].(*geo.Building)
	fmt.Println(ds.CRS, b.ID, b.Height, b.HeightSource, b.Attrs["name"])
	for _, w := range ds.Warnings {
		fmt.Println(w)
	}
	// Output:
	// EPSG:2056 b1 12 levels Stadthaus
	// city.geojson: offset 343: feature 1: ring 0: ring is not closed; skipped
}

// Encode features for an OGC API response: projected on the way out,
// rounded to 7 decimals, with a foreign member.
func ExampleEncode() {
	fs := []geo.Feature{
		&geo.Generic{ID: "s1", Geom: orb.Point{1000, 2000}, Z: math.NaN(), Props: map[string]any{"level": 0.42}},
	}
	toLonLat := func(p orb.Point) orb.Point { return orb.Point{7.4 + p[0]/1e5, 43.7 + p[1]/1e5} } // a stand-in projection
	err := geojson.Encode(os.Stdout, fs, geojson.EncodeOptions{
		Project: toLonLat,
		Foreign: map[string]any{"numberMatched": 1},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","numberMatched":1,"features":[
	// {"type":"Feature","id":"s1","geometry":{"type":"Point","coordinates":[7.41,43.72]},"properties":{"level":0.42}}
	// ]}
}

package cityjson_test

import (
	"fmt"
	"strings"

	"twin/geo"
	"twin/geo/cityjson"
)

// A LoD1 block of 10 m × 8 m from z = 2 m to 14 m, vertices in mm.
const block = `{"type":"CityJSON","version":"2.0",
 "transform":{"scale":[0.001,0.001,0.001],"translate":[85000,447000,0]},
 "metadata":{"referenceSystem":"https://www.opengis.net/def/crs/EPSG/0/7415"},
 "CityObjects":{"block":{"type":"Building","attributes":{"storeysAboveGround":4},
  "geometry":[{"type":"Solid","lod":"1","boundaries":[[[[0,3,2,1]],[[4,5,6,7]],
   [[0,1,5,4]],[[1,2,6,5]],[[2,3,7,6]],[[3,0,4,7]]]]}]}},
 "vertices":[[0,0,2000],[10000,0,2000],[10000,8000,2000],[0,8000,2000],
  [0,0,14000],[10000,0,14000],[10000,8000,14000],[0,8000,14000]]}`

func ExampleDecode() {
	ds, err := cityjson.Decode(strings.NewReader(block), "block.city.json", cityjson.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := ds.Layers[geo.LayerBuildings][0].(*geo.Building)
	fmt.Println(ds.CRS, b.ID, "LoD", b.LoD)
	fmt.Printf("ground %.1f m, height %.1f m, %d storeys\n", b.Ground, b.Height, b.Levels)
	fmt.Printf("footprint %v, floor area %.0f m²\n", b.Footprint[0][0], b.FloorArea())
	// Output:
	// EPSG:7415 block LoD 1
	// ground 2.0 m, height 12.0 m, 4 storeys
	// footprint [[85000 447000] [85010 447000] [85010 447008] [85000 447008] [85000 447000]], floor area 320 m²
}

package osm_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"twin/geo"
	"twin/geo/osm"
)

func ExampleDecode() {
	f, err := os.Open("testdata/fixture.osm")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	ds, err := osm.Decode(context.Background(), f, "fixture.osm", osm.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, layer := range []string{geo.LayerRoads, geo.LayerLinks, geo.LayerRoadNodes,
		geo.LayerRestrictions, geo.LayerBuildings, geo.LayerBuildingParts} {
		fmt.Printf("%s: %d\n", layer, ds.Count(layer))
	}
	l := ds.Layers[geo.LayerLinks][0].(*geo.RoadLink)
	fmt.Printf("%s %s→%s: %.2f m, %d lanes, %.0f km/h (%s)\n", l.ID, l.From, l.To, l.Length, l.Lanes, l.MaxSpeed*3.6, l.SpeedSource)
	b := ds.Layers[geo.LayerBuildings][0].(*geo.Building)
	fmt.Printf("%s: %g m to %g m (%s)\n", b.ID, b.MinHeight, b.Height, b.HeightSource)
	fmt.Println(ds.Warnings[0])
	// Output:
	// roads: 4
	// links: 8
	// road_nodes: 8
	// restrictions: 2
	// buildings: 5
	// building_parts: 1
	// w10.0 n1→n2: 80.57 m, 3 lanes, 48 km/h (tag)
	// w30: 3 m to 12 m (levels)
	// fixture.osm:12: node n7: location (7.4215, NaN) missing or out of range; node skipped
}

func ExampleParseMaxSpeed() {
	for _, s := range []string{"50", "30 mph", "FR:urban", "none", "signals"} {
		v, ok := osm.ParseMaxSpeed(s)
		fmt.Printf("%-8s %6.2f m/s %v\n", s, v, ok)
	}
	// Output:
	// 50        13.89 m/s true
	// 30 mph    13.41 m/s true
	// FR:urban  13.89 m/s true
	// none      36.11 m/s true
	// signals    0.00 m/s false
}

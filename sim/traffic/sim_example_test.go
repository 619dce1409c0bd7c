package traffic_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/traffic"
)

// A one-kilometre road with a signal half way: generated demand of 600
// vehicles per hour for ten minutes, simulated for fifteen.
func ExampleNew() {
	nodes := []*geo.RoadNode{{ID: "a", Point: orb.Point{0, 0}}, {ID: "b", Point: orb.Point{500, 0}, Signal: true}, {ID: "c", Point: orb.Point{1000, 0}}}
	links := []*geo.RoadLink{
		{ID: "ab", From: "a", To: "b", Line: orb.LineString{{0, 0}, {500, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500},
		{ID: "bc", From: "b", To: "c", Line: orb.LineString{{500, 0}, {1000, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500},
	}
	net, err := traffic.FromOSM(links, nodes, traffic.OSMOptions{})
	if err != nil {
		panic(err)
	}
	demand, err := traffic.RandomDemand(net, traffic.RandomOptions{Rate: 600, End: 600, MinLength: 900}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		panic(err)
	}
	sim, err := traffic.New(net, demand, traffic.Options{End: 900, Seed: 1})
	if err != nil {
		panic(err)
	}
	sim.Run(nil)
	s := sim.Summary()
	fmt.Printf("%d trips, %d arrived, %d running\n", len(demand.Trips), s.Arrived, s.Running)
	fmt.Printf("mean travel time between 72 s (free flow) and 150 s: %v\n", s.MeanTravelTime > 72 && s.MeanTravelTime < 150)
	// Output:
	// 100 trips, 100 arrived, 0 running
	// mean travel time between 72 s (free flow) and 150 s: true
}

package traffic_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/traffic"
)

// A signal on a one-kilometre road is retimed while the simulation runs:
// the new program, offset 20 s, takes over at the start of the running
// program's next cycle (the default 60 s plan from offset 0), and the road
// after the signal is then flooded to 30 % of its speed limit.
func ExampleSim_SetProgram() {
	nodes := []*geo.RoadNode{{ID: "a", Point: orb.Point{0, 0}}, {ID: "b", Point: orb.Point{500, 0}, Signal: true}, {ID: "c", Point: orb.Point{1000, 0}}}
	links := []*geo.RoadLink{
		{ID: "ab", From: "a", To: "b", Line: orb.LineString{{0, 0}, {500, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500},
		{ID: "bc", From: "b", To: "c", Line: orb.LineString{{500, 0}, {1000, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500},
	}
	net, err := traffic.FromOSM(links, nodes, traffic.OSMOptions{})
	if err != nil {
		panic(err)
	}
	sim, err := traffic.New(net, &traffic.Demand{}, traffic.Options{End: 300})
	if err != nil {
		panic(err)
	}
	for sim.Time() < 75 {
		sim.Step()
	}
	b, _ := net.Node("b")
	sig := net.Nodes[b].Signal
	p := sim.Program(sig)
	p.ID, p.Offset = "retimed", 20
	at, err := sim.SetProgram(sig, p)
	if err != nil {
		panic(err)
	}
	fmt.Printf("swap at %.0f s\n", at)
	for sim.Time() <= at {
		sim.Step()
	}
	fmt.Println("running:", sim.Program(sig).ID)
	bc, _ := net.Edge("bc")
	if err := sim.SetSpeedFactor(bc, 0.3); err != nil {
		panic(err)
	}
	fmt.Printf("bc limit %.3f m/s (network: %.2f m/s)\n", sim.EdgeSpeed(bc), net.Edges[bc].Speed)
	// Output:
	// swap at 120 s
	// running: retimed
	// bc limit 4.167 m/s (network: 13.89 m/s)
}

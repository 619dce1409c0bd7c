package greenwave_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/traffic/greenwave"
)

// Four signals 560 m apart, travelled at 12.5 m/s (44.8 s) both ways with
// equal flows, each with a 42 s green for the corridor in a 90 s cycle:
// the alternate system (offsets 0, C/2, 0, C/2) is nearly ideal. By hand:
// the first and last signals are 3·44.8 = 134.4 s apart, 0.6 s off an odd
// multiple of C/2, so each band loses 0.6 s of the 42 s green.
func ExampleSolve() {
	program := []greenwave.Phase{
		{Duration: 42, Out: true, In: true},
		{Duration: 3, Fixed: true},
		{Duration: 42},
		{Duration: 3, Fixed: true},
	}
	c := &greenwave.Corridor{FlowOut: 600, FlowIn: 600}
	for i := 0; i < 4; i++ {
		c.Signals = append(c.Signals, greenwave.Signal{ID: fmt.Sprint("J", i+1), Phases: program})
		if i > 0 {
			leg := greenwave.Leg{Length: 560, Speed: 12.5}
			c.Links = append(c.Links, greenwave.Link{Out: leg, In: leg})
		}
	}
	p, err := greenwave.Solve(c, greenwave.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("cycle %.0f s, bands %.1f s out, %.1f s in\n", p.Cycle, p.Out.Width, p.In.Width)
	for _, s := range p.Signals {
		fmt.Printf("%s offset %.1f s\n", s.ID, s.Offset)
	}
	// Output:
	// cycle 90 s, bands 41.4 s out, 41.4 s in
	// J1 offset 0.0 s
	// J2 offset 45.0 s
	// J3 offset 0.0 s
	// J4 offset 45.0 s
}

// A street of three signals 400 m and 250 m apart (OSM-style road links,
// both directions, 50 km/h) with the default 90 s programs: the arterial
// is found from the geometry alone and coordinated both ways. By hand, at
// 0.95 × 13.89 m/s the legs take 30.31 s and 18.95 s; with offsets 0, 45,
// 45 and 42 s greens a vehicle leaving s0 at t ∈ [0, 42) meets green at s1
// for t ∈ [14.69, 56.69) and at s2 for t ∈ [−4.26, 37.74): a band of
// 37.74 − 14.69 = 23.05 s.
func ExampleCorridorFromRoads() {
	xs := []float64{0, 400, 650}
	var links []*geo.RoadLink
	var nodes []*geo.RoadNode
	for i, x := range xs {
		nodes = append(nodes, &geo.RoadNode{ID: fmt.Sprint("s", i), Point: orb.Point{x, 0}, Signal: true})
		if i == 0 {
			continue
		}
		a, b := orb.Point{xs[i-1], 0}, orb.Point{x, 0}
		from, to := fmt.Sprint("s", i-1), fmt.Sprint("s", i)
		links = append(links,
			&geo.RoadLink{ID: fmt.Sprint("e", i), WayID: 1, From: from, To: to, Line: orb.LineString{a, b}, Length: x - xs[i-1], MaxSpeed: 13.89},
			&geo.RoadLink{ID: fmt.Sprint("w", i), WayID: 1, From: to, To: from, Line: orb.LineString{b, a}, Length: x - xs[i-1], MaxSpeed: 13.89})
	}
	c, err := greenwave.CorridorFromRoads(links, nodes, greenwave.RoadOptions{})
	if err != nil {
		panic(err)
	}
	p, err := greenwave.Solve(c, greenwave.Options{WholeSeconds: true})
	if err != nil {
		panic(err)
	}
	fmt.Printf("cycle %.0f s, bands %.1f s out, %.1f s in\n", p.Cycle, p.Out.Width, p.In.Width)
	for _, s := range p.Signals {
		fmt.Printf("%s at %.0f m: offset %.0f s\n", s.ID, s.Position, s.Offset)
	}
	// Output:
	// cycle 90 s, bands 23.1 s out, 23.1 s in
	// s0 at 0 m: offset 0 s
	// s1 at 400 m: offset 45 s
	// s2 at 650 m: offset 45 s
}

package dispatch_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/dispatch"
)

// street builds a straight two-way street of n 100 m blocks along the x
// axis (metres), 10 m/s: 10 s a block.
func street(n int) *dispatch.Graph {
	var links []*geo.RoadLink
	for i := range n {
		a, b := orb.Point{float64(i) * 100, 0}, orb.Point{float64(i+1) * 100, 0}
		na, nb := fmt.Sprintf("n%d", i), fmt.Sprintf("n%d", i+1)
		for _, l := range []*geo.RoadLink{
			{ID: fmt.Sprintf("w%d.0", i+1), From: na, To: nb, Line: orb.LineString{a, b}},
			{ID: fmt.Sprintf("w%d.0r", i+1), From: nb, To: na, Line: orb.LineString{b, a}},
		} {
			l.WayID, l.Lanes, l.MaxSpeed, l.SpeedSource, l.Class, l.Length = int64(i+1), 1, 10, "tag", "residential", 100
			links = append(links, l)
		}
	}
	g, err := dispatch.NewGraph(links, nil, dispatch.GraphOptions{Profile: dispatch.CarProfile()})
	if err != nil {
		panic(err)
	}
	return g
}

// A two-station town on one street: calls are answered by the nearest
// free ambulance; the summary gives the response-time figures.
func ExampleSim() {
	g := street(20)
	// Two buildings as demand, weighted by floor area (m²).
	var snaps []dispatch.Snap
	for _, x := range []float64{300, 1700} {
		s, _ := g.Snap(orb.Point{x, 0}, 10)
		snaps = append(snaps, s)
	}
	d, _ := dispatch.NewDemandPoints(g, []string{"west", "east"}, snaps, []float64{800, 1200})
	stations := []dispatch.Station{
		{ID: "west", Type: dispatch.UnitAmbulance, Point: orb.Point{0, 0}},
		{ID: "east", Type: dispatch.UnitAmbulance, Point: orb.Point{2000, 0}},
	}
	s, err := dispatch.NewSim(g, dispatch.NewCoverage(g, d), stations, dispatch.FleetAtStations(stations, 1),
		dispatch.SimOptions{DurationS: 3600, TurnoutS: 60})
	if err != nil {
		panic(err)
	}
	r, err := s.Run([]dispatch.Incident{
		{ID: "c1", Type: dispatch.Medical, TimeS: 0, Point: orb.Point{300, 0}},
		{ID: "c2", Type: dispatch.Medical, TimeS: 30, Point: orb.Point{1200, 0}},
	})
	if err != nil {
		panic(err)
	}
	for _, in := range r.Incidents {
		fmt.Printf("%s: %s in %.0f s\n", in.ID, in.Units[0], *in.ResponseS)
	}
	sum := dispatch.Summarize(r)
	fmt.Printf("p50 %.0f s, p90 %.0f s, within 8 min %.0f %%\n", sum.P50S, sum.P90S, 100*sum.WithinTarget)
	fmt.Printf("ambulance coverage within 8 min at the start: %.2f\n", sum.Coverage[dispatch.UnitAmbulance].Min8)
	// Output:
	// c1: west/ambulance-1 in 90 s
	// c2: east/ambulance-1 in 140 s
	// p50 90 s, p90 140 s, within 8 min 100 %
	// ambulance coverage within 8 min at the start: 1.00
}

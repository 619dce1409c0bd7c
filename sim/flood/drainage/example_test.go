package drainage_test

import (
	"fmt"
	"strings"

	"twin/geo/swmm"
	"twin/sim/flood/drainage"
	"twin/sim/flood/rain"
)

// A manhole fed by 30 minutes of 50 mm/h rain on a 1 ha car park drains
// through a 300 mm pipe to a free outfall. Rain is 50 mm/h × 0.5 h × 1 ha
// = 250 m³; at most 250 − 15 m³ (1.5 mm of depression storage) can run
// off, and after an hour the reservoir's recession still holds a little.
func ExampleSim() {
	const inp = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
ROUTING_STEP 0:00:05
[RAINGAGES]
RG INTENSITY 0:05 1 TIMESERIES none
[SUBCATCHMENTS]
S1 RG J1 1 100 100 1 0
[SUBAREAS]
S1 0.015 0.1 1.5 5 0 OUTLET
[INFILTRATION]
S1 76 13 4 7 0
[JUNCTIONS]
J1 10 2 0 0 0
[OUTFALLS]
O1 9 FREE NO
[CONDUITS]
C1 J1 O1 100 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.3 0 0 0 1
`
	m, err := swmm.Decode(strings.NewReader(inp), "carpark.inp", swmm.Options{})
	if err != nil {
		panic(err)
	}
	storm := rain.Uniform{MMh: 50, Start: 0, End: 1800}
	s, err := drainage.New(m, drainage.Rainfall{All: storm}, drainage.Options{})
	if err != nil {
		panic(err)
	}
	if err := s.Advance(3600); err != nil {
		panic(err)
	}
	b := s.MassBalance()
	fmt.Printf("rain %.0f m³, runoff %.0f m³, at the outfall %.0f m³\n", b.Rainfall, b.SurfaceRunoff, b.Outflow)
	fmt.Printf("continuity within 1 %%: routing %v, runoff %v\n", b.RoutingError < 1 && b.RoutingError > -1, b.RunoffError < 1 && b.RunoffError > -1)
	// Output:
	// rain 250 m³, runoff 226 m³, at the outfall 225 m³
	// continuity within 1 %: routing true, runoff true
}

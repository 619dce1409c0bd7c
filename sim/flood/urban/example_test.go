package urban_test

import (
	"context"
	"fmt"
	"math"
	"strings"

	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/rain"
	"twin/sim/flood/urban"
)

// A 100 m × 50 m street of 5 m cells drains to one manhole at its lowest
// point, (82.5, 22.5), whose 300 mm pipe runs to a free outfall. Ten
// minutes of 50 mm/h rain (41.7 m³) fall on it; after half an hour most
// of it has gone through the inlet and out of the outfall.
func ExampleModel() {
	dem := &geo.Grid{Cols: 20, Rows: 10, X0: 0, Y0: 50, DX: 5, DY: 5, Data: make([]float32, 200)}
	for r := range dem.Rows {
		for c := range dem.Cols {
			p := dem.Center(c, r)
			dem.Data[r*dem.Cols+c] = float32(0.01*math.Abs(p[0]-82.5) + 0.005*math.Abs(p[1]-22.5))
		}
	}
	const inp = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
ROUTING_STEP 0:00:05
[JUNCTIONS]
J1 -2 2 0 0 0
[OUTFALLS]
O1 -2.4 FREE NO
[CONDUITS]
C1 J1 O1 40 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.3 0 0 0 1
[COORDINATES]
J1 82.5 22.5
O1 122.5 22.5
`
	sewer, err := swmm.Decode(strings.NewReader(inp), "street.inp", swmm.Options{})
	if err != nil {
		panic(err)
	}
	m, err := urban.New(urban.Inputs{DEM: dem, Sewer: sewer, Rain: rain.Uniform{MMh: 50, End: 600}},
		urban.Options{CellSize: 5, ClosedEdges: true})
	if err != nil {
		panic(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 1800, nil); err != nil {
		panic(err)
	}
	b := m.MassBalance()
	fmt.Printf("rain %.1f m³, into the inlet %.0f m³, out of the outfall %.0f m³\n", b.Rain, b.Captured, b.Outfalls)
	fmt.Printf("balance closes within 0.1 %%: %v\n", math.Abs(b.ErrorPercent) < 0.1)
	// Output:
	// rain 41.7 m³, into the inlet 37 m³, out of the outfall 36 m³
	// balance closes within 0.1 %: true
}

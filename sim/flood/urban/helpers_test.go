package urban

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/rain"
	"twin/sim/flood/surface"
)

// street is the synthetic case of the coupled tests: a 100 m × 50 m
// street of 5 m cells falling 1 % along x and 0.5 % along y towards one
// manhole J1 at the centre of cell (16, 5), (82.5, 22.5), the lowest point
// (z = 0.01·|x − 82.5| + 0.005·|y − 22.5| m), 2 m deep with its rim at the
// bed, and a
// 300 mm pipe of 40 m to an outfall 0.4 m below J1's invert.
type street struct {
	dem    *geo.Grid
	j1     [2]float64 // J1's map point
	rim    float64
	outfal string // outfall spec: "FREE" or "FIXED <stage>"
}

func newStreet() *street {
	g := &geo.Grid{Cols: 20, Rows: 10, X0: 0, Y0: 50, DX: 5, DY: 5, Data: make([]float32, 200)}
	for r := range g.Rows {
		for c := range g.Cols {
			p := g.Center(c, r)
			g.Data[r*g.Cols+c] = float32(0.01*math.Abs(p[0]-82.5) + 0.005*math.Abs(p[1]-22.5))
		}
	}
	s := &street{dem: g, outfal: "FREE"}
	p := g.Center(16, 5)
	s.j1 = [2]float64{p[0], p[1]}
	s.rim = g.At(16, 5)
	return s
}

// inp returns the SWMM model text of the street's sewer.
func (s *street) inp() string {
	inv := s.rim - 2
	return fmt.Sprintf(`[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
ROUTING_STEP 0:00:05
[JUNCTIONS]
J1 %.6f 2 0 0 0
[OUTFALLS]
O1 %.6f %s NO
[CONDUITS]
C1 J1 O1 40 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.3 0 0 0 1
[COORDINATES]
J1 %.3f %.3f
O1 %.3f %.3f
`, inv, inv-0.4, s.outfal, s.j1[0], s.j1[1], s.j1[0]+40, s.j1[1])
}

func (s *street) sewer(t testing.TB) *swmm.Model {
	m, err := swmm.Decode(strings.NewReader(s.inp()), "street.inp", swmm.Options{})
	if err != nil {
		panic(err) // the text above is valid
	}
	return m
}

// constRain is rain of mmh mm/h from time 0 on.
func constRain(mmh float64) rain.Uniform { return rain.Uniform{MMh: mmh, End: 1e12} }

// closeRel reports whether got is within rel of want (relative to
// max(|want|, floor)).
func closeRel(got, want, rel, floor float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), floor)
}

func surfaceCFL(v float64) surface.Options { return surface.Options{CFL: v} }

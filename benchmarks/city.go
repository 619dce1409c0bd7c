package benchmarks

import (
	"fmt"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"twin/geo"
)

// SyntheticBuildings returns n seeded rectangular-ish building footprints
// (5–40 m, 5–9 vertices) scattered with clustered density over a square city
// of the given side in metres, as a metric-CRS dataset would hold them.
func SyntheticBuildings(n int, side float64, seed uint64) []geo.Feature {
	r := rand.New(rand.NewPCG(seed, 0x7717))
	out := make([]geo.Feature, n)
	centres := make([]orb.Point, 64)
	for i := range centres {
		centres[i] = orb.Point{r.Float64() * side, r.Float64() * side}
	}
	for i := range out {
		// Half the buildings cluster around district centres, half spread out.
		var x, y float64
		if i%2 == 0 {
			c := centres[r.IntN(len(centres))]
			x, y = c[0]+r.NormFloat64()*side/20, c[1]+r.NormFloat64()*side/20
		} else {
			x, y = r.Float64()*side, r.Float64()*side
		}
		w, h := 5+r.Float64()*35, 5+r.Float64()*35
		ring := orb.Ring{{x, y}, {x + w, y}, {x + w, y + h*0.6}, {x + w*0.7, y + h}, {x, y + h}, {x, y}}
		out[i] = &geo.Building{
			ID:        fmt.Sprintf("b%07d", i),
			Footprint: orb.MultiPolygon{{ring}},
			Ground:    geo.NaN,
			Height:    3 + float64(r.IntN(30)),
			Type:      "yes",
		}
	}
	return out
}

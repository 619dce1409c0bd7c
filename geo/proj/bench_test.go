package proj

import (
	"math/rand/v2"
	"testing"
)

// benchPoints returns n seeded random lon/lat points in c's area of use and
// their projected coordinates.
func benchPoints(c *CRS, n int) (ll, xy [][2]float64) {
	rng := rand.New(rand.NewPCG(42, 42))
	b := c.AreaOfUse()
	for range n {
		lon := b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0])
		lat := b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])
		x, y := c.Forward(lon, lat)
		ll = append(ll, [2]float64{lon, lat})
		xy = append(xy, [2]float64{x, y})
	}
	return ll, xy
}

// sink keeps the compiler from discarding benchmark results.
var sink float64

func benchForward(b *testing.B, code int) {
	c, _ := EPSG(code)
	ll, _ := benchPoints(c, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := ll[i&1023]
		x, y := c.Forward(p[0], p[1])
		sink += x + y
	}
}

func benchInverse(b *testing.B, code int) {
	c, _ := EPSG(code)
	_, xy := benchPoints(c, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := xy[i&1023]
		x, y := c.Inverse(p[0], p[1])
		sink += x + y
	}
}

func BenchmarkForwardUTM(b *testing.B)  { benchForward(b, 32632) }
func BenchmarkInverseUTM(b *testing.B)  { benchInverse(b, 32632) }
func BenchmarkForwardGK(b *testing.B)   { benchForward(b, 4527) }
func BenchmarkInverseGK(b *testing.B)   { benchInverse(b, 4527) }
func BenchmarkForwardRD(b *testing.B)   { benchForward(b, 28992) }
func BenchmarkInverseRD(b *testing.B)   { benchInverse(b, 28992) }
func BenchmarkForwardLV95(b *testing.B) { benchForward(b, 2056) }
func BenchmarkInverseLV95(b *testing.B) { benchInverse(b, 2056) }
func BenchmarkForwardWeb(b *testing.B)  { benchForward(b, 3857) }
func BenchmarkInverseWeb(b *testing.B)  { benchInverse(b, 3857) }

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("urn:ogc:def:crs:EPSG::32632"); err != nil {
			b.Fatal(err)
		}
	}
}

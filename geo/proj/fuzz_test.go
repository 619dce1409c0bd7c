package proj

import (
	"math"
	"testing"
)

// FuzzForwardInverse drives every supported CRS with arbitrary coordinates:
// Forward and Inverse must never panic, and inside the area of use they must
// round-trip within 1 µm and give finite numbers.
func FuzzForwardInverse(f *testing.F) {
	f.Add(uint16(0), 7.42, 43.73, 372751.0, 4843098.0)
	f.Add(uint16(150), 116.4, 39.9, 39448688.0, 4418598.0)
	f.Add(uint16(201), 4.36, 52.01, 84477.0, 447346.0)
	f.Add(uint16(1), 8.54, 47.37, 2683186.0, 1247156.0)
	f.Add(uint16(3), 180.0, 90.0, math.Inf(1), math.NaN())
	codes := Supported()
	f.Fuzz(func(t *testing.T, i uint16, lon, lat, x, y float64) {
		c, _ := EPSG(codes[int(i)%len(codes)])
		c.Inverse(x, y)
		fx, fy := c.Forward(lon, lat)
		if !c.AreaOfUse().Contains([2]float64{lon, lat}) {
			return
		}
		if math.IsNaN(fx) || math.IsInf(fx, 0) || math.IsNaN(fy) || math.IsInf(fy, 0) {
			t.Fatalf("%s.Forward(%v, %v) = (%v, %v) inside the area of use", c, lon, lat, fx, fy)
		}
		lon2, lat2 := c.Inverse(fx, fy)
		if d := groundDistance(lon, lat, lon2, lat2); !(d < 1e-6) {
			t.Fatalf("%s: (%v, %v) → (%v, %v) → (%v, %v): off by %g m", c, lon, lat, fx, fy, lon2, lat2, d)
		}
	})
}

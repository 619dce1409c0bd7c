package proj

import (
	"math"
	"testing"
)

// TestProjectionsAnalytic checks each projection against values fixed by its
// definition or published worked examples. Tolerances of 1e-8 m are a few
// ulps of the false origin.
func TestProjectionsAnalytic(t *testing.T) {
	utm32, _ := EPSG(32632)
	utm33s, _ := EPSG(32733)
	gk39, _ := EPSG(4527)
	web, _ := EPSG(3857)
	tests := []struct {
		name     string
		fwd      func(lon, lat float64) (float64, float64)
		lon, lat float64
		x, y     float64
		tol      float64 // metres
	}{
		// The central meridian at the equator is the false origin.
		{"UTM 32N origin", utm32.Forward, 9, 0, 500000, 0, 1e-9},
		{"UTM 33S origin", utm33s.Forward, 15, 0, 500000, 10000000, 1e-9},
		{"GK zone 39 origin", gk39.Forward, 117, 0, 39500000, 0, 1e-8},
		// With k0 = 1 and no false northing the pole maps to the WGS84
		// quarter meridian, 10 001 965.729 3127 m: `echo 0 90 | cs2cs -f %.7f
		// +proj=longlat +datum=WGS84 +to +proj=tmerc +lon_0=0 +k=1 +datum=WGS84`.
		{"TM pole is the quarter meridian", pure(newTMerc(wgs84, 0, 0, 1, 0, 0)), 0, 90, 0, 10001965.7293127, 1e-6},
		// Web Mercator: x = a·λ, so 180° gives π·6378137 m, and the clamp
		// latitude 85.0511…° gives the same y (a square world).
		{"Web Mercator antimeridian", web.Forward, 180, 0, math.Pi * 6378137, 0, 1e-6},
		{"Web Mercator top", web.Forward, 0, maxWebMercatorLat, 0, math.Pi * 6378137, 1e-6},
		{"Web Mercator clamps beyond", web.Forward, 0, 89.9, 0, math.Pi * 6378137, 1e-6},
		// IOGP Guidance Note 7-2 (EPSG), §3.2.2.1 worked example for method
		// 9809, Amersfoort / RD New: 53°N 6°E → E 196105.283 m, N 557057.739 m.
		{"RD New GN 7-2 example", pure(newSterea(bessel, rdLon0, rdLat0, 0.9999079, 155000, 463000)),
			6, 53, 196105.283, 557057.739, 1e-3},
		// Origins map to the false origins.
		{"RD New origin", pure(newSterea(bessel, rdLon0, rdLat0, 0.9999079, 155000, 463000)),
			rdLon0, rdLat0, 155000, 463000, 1e-8},
		{"LV95 origin", pure(newSomerc(bessel, lv95Lon0, lv95Lat0, 1, 2600000, 1200000)),
			lv95Lon0, lv95Lat0, 2600000, 1200000, 1e-8},
		{"LOCAL origin", mustParse(t, "LOCAL:7.42,43.73").Forward, 7.42, 43.73, 0, 0, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tt.fwd(tt.lon, tt.lat)
			if d := math.Hypot(x-tt.x, y-tt.y); !(d <= tt.tol) {
				t.Errorf("(%v, %v) → (%.6f, %.6f), want (%.6f, %.6f) ± %g m", tt.lon, tt.lat, x, y, tt.x, tt.y, tt.tol)
			}
		})
	}
}

// TestLocalScale checks that the LOCAL plane is true to scale near its
// origin: 1 km east along the parallel is 1 km (TM scale 1 + x²/2R² ≈
// 1 + 1.2e-8 at 1 km, analytic), and north along the meridian the distance
// equals the meridian arc ρ(φm)·Δφ, exact to O(Δφ²) ≈ 1e-10 relative with ρ
// at the mid latitude φm.
func TestLocalScale(t *testing.T) {
	c := mustParse(t, "LOCAL:116.4,39.9")
	// 0.01° of latitude north of 39.9°N: ρ = a(1−e²)/(1−e² sin²φm)^1.5.
	s := math.Sin(39.905 * deg)
	rho := wgs84.a * (1 - wgs84.es) / math.Pow(1-wgs84.es*s*s, 1.5)
	_, y := c.Forward(116.4, 39.91)
	if want := rho * 0.01 * deg; math.Abs(y-want)/want > 1e-8 {
		t.Errorf("north 0.01°: y = %.4f m, want %.4f m", y, want)
	}
	nu := wgs84.primeVertical(39.9 * deg)
	x, _ := c.Forward(116.41, 39.9)
	if want := nu * math.Cos(39.9*deg) * 0.01 * deg; math.Abs(x-want)/want > 1e-6 {
		t.Errorf("east 0.01°: x = %.4f m, want %.4f m", x, want)
	}
}

// TestInverseAtPoles checks the poles and the antimeridian do not produce NaN.
func TestInverseAtPoles(t *testing.T) {
	for _, id := range []string{"EPSG:32632", "EPSG:3857", "EPSG:4527", "LOCAL:0,89"} {
		c := mustParse(t, id)
		for _, p := range [][2]float64{{0, 90}, {0, -90}, {180, 0}, {-180, 45}} {
			x, y := c.Forward(p[0], p[1])
			lon, lat := c.Inverse(x, y)
			if math.IsNaN(x) || math.IsNaN(y) || math.IsNaN(lon) || math.IsNaN(lat) {
				t.Errorf("%s: %v → (%v, %v) → (%v, %v)", id, p, x, y, lon, lat)
			}
		}
	}
}

// pure wraps a bare projection as a lon/lat-degrees function.
func pure(p projection) func(lon, lat float64) (float64, float64) {
	return pureProjection{p}.Forward
}

func mustParse(t testing.TB, s string) *CRS {
	t.Helper()
	c, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

package proj

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGeocentric checks geodetic → ECEF against the worked example of IOGP
// Guidance Note 7-2 (EPSG), §4.1.1.1 (method 9602), confirmed with
// `echo 2.12955 53.80939444444 73 | cs2cs -f %.4f +proj=longlat
// +datum=WGS84 +to +proj=geocent +datum=WGS84` → 3771793.9676 140253.3419
// 5124304.3494, and that fromECEF inverts it.
func TestGeocentric(t *testing.T) {
	lam := (2 + 7.0/60 + 46.38/3600) * deg
	phi := (53 + 48.0/60 + 33.82/3600) * deg
	v := wgs84.toECEF(lam, phi, 73)
	want := vec3{3771793.968, 140253.342, 5124304.349}
	for i := range v {
		if math.Abs(v[i]-want[i]) > 1e-3 {
			t.Errorf("ECEF[%d] = %.4f, want %.3f ± 1 mm", i, v[i], want[i])
		}
	}
	l2, p2, h2 := wgs84.fromECEF(v)
	if math.Abs(l2-lam) > 1e-14 || math.Abs(p2-phi) > 1e-14 || math.Abs(h2-73) > 1e-8 {
		t.Errorf("fromECEF = %v %v %v, want %v %v 73", l2, p2, h2, lam, phi)
	}
}

// TestGeocentricRoundTrip draws seeded random points from 11 km below to
// 100 km above the ellipsoid, poles included, on both ellipsoids.
func TestGeocentricRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	for _, el := range []ellipsoid{wgs84, bessel} {
		for i := range 2000 {
			lam := (rng.Float64()*2 - 1) * math.Pi
			phi := (rng.Float64()*2 - 1) * math.Pi / 2
			if i < 2 {
				phi = math.Copysign(math.Pi/2, float64(i)-0.5)
			}
			h := -11000 + rng.Float64()*111000
			l2, p2, h2 := el.fromECEF(el.toECEF(lam, phi, h))
			dl := math.Remainder(l2-lam, 2*math.Pi) * math.Cos(phi)
			if math.Abs(p2-phi)*el.a > 1e-8 || math.Abs(dl)*el.a > 1e-8 || math.Abs(h2-h) > 1e-8 {
				t.Fatalf("%s: (%v, %v, %v) → (%v, %v, %v)", el.name, lam, phi, h, l2, p2, h2)
			}
		}
	}
}

// TestHelmert checks the position-vector convention on the input of the
// worked example of IOGP Guidance Note 7-2 (EPSG), §4.3.1.1 (method 9606,
// WGS 72 → WGS 84: tZ = +4.5 m, rZ = +0.554″, s = +0.219 ppm), with the
// result from PROJ: `echo 3657660.66 255768.55 5201382.11 0 | cct -d 4
// +proj=helmert +z=4.5 +rz=0.554 +s=0.219 +convention=position_vector` →
// 3657660.7741 255778.4300 5201387.7491. The coordinate-frame form with the
// rotation negated must agree, and inverse must undo forward exactly.
func TestHelmert(t *testing.T) {
	in := vec3{3657660.66, 255768.55, 5201382.11}
	want := vec3{3657660.7741, 255778.4300, 5201387.7491}
	for _, tt := range []struct {
		name string
		h    helmert
	}{
		{"position vector", newHelmertPV(0, 0, 4.5, 0, 0, 0.554, 0.219)},
		{"coordinate frame", newHelmertCF(0, 0, 4.5, 0, 0, -0.554, 0.219)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.h.forward(in)
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-4 {
					t.Errorf("forward[%d] = %.5f, want %.4f ± 0.1 mm", i, got[i], want[i])
				}
			}
			back := tt.h.inverse(got)
			for i := range back {
				if math.Abs(back[i]-in[i]) > 1e-8 {
					t.Errorf("inverse[%d] = %.10f, want %.10f", i, back[i], in[i])
				}
			}
		})
	}
}

// TestDatumRoundTrip checks that the 2D datum shift and its iterative
// inverse agree to far under a millimetre in the datums' areas, and that the
// shift has the right order of magnitude: the Amersfoort and CH1903+ points
// with the same lon/lat lie tens to a couple of hundred metres from the WGS84
// point (a sanity bound, 20–300 m, that catches a missing or doubled shift).
func TestDatumRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	for _, tt := range []struct {
		name         string
		d            *datum
		area         [4]float64 // lon0, lat0, lon1, lat1
		minSh, maxSh float64    // metres
	}{
		{"Amersfoort", amersfoort, [4]float64{3.2, 50.75, 7.22, 53.7}, 20, 300},
		{"CH1903+", ch1903plus, [4]float64{5.96, 45.82, 10.49, 47.81}, 20, 300},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for range 1000 {
				lon := tt.area[0] + rng.Float64()*(tt.area[2]-tt.area[0])
				lat := tt.area[1] + rng.Float64()*(tt.area[3]-tt.area[1])
				l, p := tt.d.fromWGS84(lon*deg, lat*deg)
				if sh := groundDistance(lon, lat, l/deg, p/deg); sh < tt.minSh || sh > tt.maxSh {
					t.Fatalf("(%v, %v): shift %.1f m outside %v…%v", lon, lat, sh, tt.minSh, tt.maxSh)
				}
				l2, p2 := tt.d.toWGS84Geo(l, p)
				if d := groundDistance(lon, lat, l2/deg, p2/deg); d > 1e-8 {
					t.Fatalf("(%v, %v): round trip off by %.3g m", lon, lat, d)
				}
			}
		})
	}
}

// TestInvert3 checks the adjugate inverse on a general matrix.
func TestInvert3(t *testing.T) {
	m := [3][3]float64{{2, -1, 0.5}, {0.3, 1.5, -2}, {1, 0.25, 3}}
	inv := invert3(m)
	for i := range 3 {
		for j := range 3 {
			s := 0.0
			for k := range 3 {
				s += m[i][k] * inv[k][j]
			}
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(s-want) > 1e-14 {
				t.Errorf("(m·m⁻¹)[%d][%d] = %v, want %v", i, j, s, want)
			}
		}
	}
}

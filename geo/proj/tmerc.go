package proj

import (
	"math"
	"math/cmplx"
)

// tmerc is the ellipsoidal Transverse Mercator projection (EPSG method 9807,
// PROJ tmerc/utm) by Krüger's series in the third flattening n, carried to
// order n⁶ as in Karney (2011), "Transverse Mercator with an accuracy of a
// few nanometres", J. Geodesy 85:475–485, eqs. (7)–(11) and (35)–(36). Within
// 4000 km of the central meridian its error is a few nanometres, and forward
// and inverse agree to the same level.
type tmerc struct {
	el          ellipsoid
	lam0        float64    // central meridian, radians
	fe, fn      float64    // false easting and northing, metres
	ka          float64    // k0·A, the scaled rectifying radius, metres
	alpha, beta [6]float64 // Krüger coefficients α₁…α₆ (forward), β₁…β₆ (inverse)
	y0          float64    // k0·A·ξ at the latitude of origin, metres
}

// newTMerc returns a Transverse Mercator on el with central meridian lon0 and
// latitude of origin lat0 (degrees), scale k0 on the central meridian and
// false easting/northing fe, fn (metres).
func newTMerc(el ellipsoid, lon0, lat0, k0, fe, fn float64) *tmerc {
	n := el.n
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	t := &tmerc{
		el:   el,
		lam0: lon0 * math.Pi / 180,
		fe:   fe,
		fn:   fn,
		// Karney (2011) eq. (14): A = a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256).
		ka: k0 * el.a / (1 + n) * (1 + n2/4 + n4/64 + n6/256),
		// Karney (2011) eq. (35).
		alpha: [6]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
			13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
			61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
			49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
			34729*n5/80640 - 3418889*n6/1995840,
			212378941 * n6 / 319334400,
		},
		// Karney (2011) eq. (36).
		beta: [6]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
			n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
			17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
			4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
			4583*n5/161280 - 108847*n6/3991680,
			20648693 * n6 / 638668800,
		},
	}
	if lat0 != 0 {
		_, y := t.project(t.lam0, lat0*math.Pi/180)
		t.y0 = y - fn
	}
	return t
}

// project maps geodetic longitude lam and latitude phi (radians, on t.el) to
// easting and northing in metres. O(1), no allocation.
func (t *tmerc) project(lam, phi float64) (x, y float64) {
	lam = math.Remainder(lam-t.lam0, 2*math.Pi)
	taup := tauPrime(math.Tan(phi), t.el.e)
	sl, cl := math.Sincos(lam)
	if math.Abs(phi) == math.Pi/2 {
		taup, cl = math.Copysign(math.Inf(1), phi), 1
	}
	// Karney (2011) eq. (10): Gauss–Schreiber (spherical TM) coordinates.
	zeta := complex(math.Atan2(taup, cl), math.Asinh(sl/math.Hypot(taup, cl)))
	// eq. (11): ξ + iη = ζ' + Σ αⱼ sin(2jζ').
	z := zeta + clenshawSin(&t.alpha, zeta)
	return t.fe + t.ka*imag(z), t.fn + t.ka*real(z) - t.y0
}

// unproject maps easting and northing (metres) back to geodetic longitude and
// latitude in radians on t.el. O(1), no allocation.
func (t *tmerc) unproject(x, y float64) (lam, phi float64) {
	zeta := complex((y-t.fn+t.y0)/t.ka, (x-t.fe)/t.ka)
	// Karney (2011) eq. (11) inverted with the β series: ζ' = ζ − Σ βⱼ sin(2jζ).
	zp := zeta - clenshawSin(&t.beta, zeta)
	s, c := math.Sincos(real(zp))
	sh := math.Sinh(imag(zp))
	r := math.Hypot(sh, c)
	lam = math.Atan2(sh, c)
	if r == 0 {
		return t.lam0 + lam, math.Copysign(math.Pi/2, s)
	}
	phi = math.Atan(tauFromPrime(s/r, t.el.e))
	return t.lam0 + lam, phi
}

// clenshawSin returns Σⱼ c[j−1]·sin(2jz), j = 1…6, for complex z by
// Clenshaw's recurrence; with z = ξ + iη the real part is Σ cⱼ sin 2jξ cosh
// 2jη and the imaginary part Σ cⱼ cos 2jξ sinh 2jη, as Krüger's series need.
func clenshawSin(c *[6]float64, z complex128) complex128 {
	s, k := cmplx.Sin(2*z), 2*cmplx.Cos(2*z)
	var b1, b2 complex128
	for j := len(c) - 1; j >= 0; j-- {
		b1, b2 = complex(c[j], 0)+k*b1-b2, b1
	}
	return b1 * s
}

// tauPrime returns tan χ, the tangent of the conformal latitude, for
// tau = tan φ on an ellipsoid of eccentricity e (Karney 2011, eqs. 7–9).
func tauPrime(tau, e float64) float64 {
	h := math.Hypot(1, tau)
	sig := math.Sinh(e * math.Atanh(e*tau/h))
	return math.Hypot(1, sig)*tau - sig*h
}

// tauFromPrime inverts tauPrime by Newton's method (Karney 2011, eqs. 19–21),
// which converges to full precision in two or three steps.
func tauFromPrime(taup, e float64) float64 {
	if math.IsInf(taup, 0) || math.IsNaN(taup) {
		return taup
	}
	e2m := 1 - e*e
	tau := taup / e2m
	for range 8 {
		tp := tauPrime(tau, e)
		d := (taup - tp) * (1 + e2m*tau*tau) / (e2m * math.Hypot(1, tau) * math.Hypot(1, tp))
		tau += d
		if math.Abs(d) <= 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

package proj

import "math"

// vec3 is an Earth-centred, Earth-fixed (ECEF) Cartesian position in metres.
type vec3 [3]float64

// toECEF converts geodetic longitude lam and latitude phi (radians) and
// ellipsoidal height h (metres) on el to ECEF coordinates (EPSG Guidance
// Note 7-2, §4.1.1, method 9602). O(1).
func (el ellipsoid) toECEF(lam, phi, h float64) vec3 {
	sphi, cphi := math.Sincos(phi)
	slam, clam := math.Sincos(lam)
	nu := el.a / math.Sqrt(1-el.es*sphi*sphi)
	return vec3{
		(nu + h) * cphi * clam,
		(nu + h) * cphi * slam,
		((1-el.es)*nu + h) * sphi,
	}
}

// fromECEF converts ECEF coordinates p (metres) to geodetic longitude and
// latitude (radians) and ellipsoidal height (metres) on el.
//
// It iterates Bowring's formula on the parametric latitude; for points within
// a few hundred kilometres of the surface it reaches full double precision in
// two or three passes. The pole (p = 0) is handled exactly. O(1).
func (el ellipsoid) fromECEF(v vec3) (lam, phi, h float64) {
	x, y, z := v[0], v[1], v[2]
	p := math.Hypot(x, y)
	lam = math.Atan2(y, x)
	if p == 0 {
		phi = math.Copysign(math.Pi/2, z)
		return lam, phi, math.Abs(z) - el.b
	}
	eps := el.es / (1 - el.es) // second eccentricity squared e'²
	beta := math.Atan2(z*el.a, p*el.b)
	for range 5 {
		sb, cb := math.Sincos(beta)
		phi = math.Atan2(z+eps*el.b*sb*sb*sb, p-el.es*el.a*cb*cb*cb)
		next := math.Atan2((1-el.f)*math.Sin(phi), math.Cos(phi))
		if math.Abs(next-beta) < 1e-15 {
			break
		}
		beta = next
	}
	sphi, cphi := math.Sincos(phi)
	h = p*cphi + z*sphi - el.a*math.Sqrt(1-el.es*sphi*sphi)
	return lam, phi, h
}

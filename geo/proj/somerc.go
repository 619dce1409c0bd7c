package proj

import "math"

// somerc is the Swiss oblique cylindrical projection (EPSG method 9815
// "Hotine Oblique Mercator (variant B)" with a 90° azimuth, PROJ somerc) by
// swisstopo's rigorous formulas: a conformal double projection through a
// Gauss sphere, rotated to a pseudo-equator through the origin, then a
// Mercator projection of that sphere. Source: swisstopo, "Formulas and
// constants for the calculation of the Swiss conformal cylindrical projection
// and for the transformation between coordinate systems" (2016), §3.
type somerc struct {
	el       ellipsoid
	lam0     float64 // longitude of origin, radians
	alpha    float64 // Gauss sphere exponent α
	b0       float64 // latitude of the origin on the sphere, radians
	sb0, cb0 float64 // sin b0, cos b0
	k        float64 // integration constant K
	r        float64 // sphere radius times k0, metres
	fe, fn   float64 // false easting and northing, metres
}

// newSomerc returns the projection on el with origin (lon0, lat0) in
// degrees, scale k0 and false easting/northing in metres.
func newSomerc(el ellipsoid, lon0, lat0, k0, fe, fn float64) *somerc {
	phi0 := lat0 * math.Pi / 180
	s0, c0 := math.Sincos(phi0)
	es, e := el.es, el.e
	alpha := math.Sqrt(1 + es/(1-es)*c0*c0*c0*c0)
	b0 := math.Asin(s0 / alpha)
	k := math.Log(math.Tan(math.Pi/4+b0/2)) -
		alpha*math.Log(math.Tan(math.Pi/4+phi0/2)) +
		alpha*e/2*math.Log((1+e*s0)/(1-e*s0))
	p := &somerc{
		el: el, lam0: lon0 * math.Pi / 180, alpha: alpha, b0: b0, k: k,
		r:  k0 * el.a * math.Sqrt(1-es) / (1 - es*s0*s0),
		fe: fe, fn: fn,
	}
	p.sb0, p.cb0 = math.Sincos(b0)
	return p
}

// project maps lam, phi (radians on p.el) to easting and northing in metres.
// O(1).
func (p *somerc) project(lam, phi float64) (x, y float64) {
	e := p.el.e
	sphi := math.Sin(phi)
	// Ellipsoid → Gauss sphere.
	s := p.alpha*math.Log(math.Tan(math.Pi/4+phi/2)) -
		p.alpha*e/2*math.Log((1+e*sphi)/(1-e*sphi)) + p.k
	b := 2 * (math.Atan(math.Exp(s)) - math.Pi/4)
	l := p.alpha * math.Remainder(lam-p.lam0, 2*math.Pi)
	// Equatorial → pseudo-equatorial system.
	sb, cb := math.Sincos(b)
	sl, cl := math.Sincos(l)
	lBar := math.Atan2(sl*cb, p.sb0*sb+p.cb0*cb*cl)
	sbBar := p.cb0*sb - p.sb0*cb*cl
	// Sphere → plane (Mercator on the pseudo-equator).
	return p.fe + p.r*lBar, p.fn + p.r/2*math.Log((1+sbBar)/(1-sbBar))
}

// unproject maps easting and northing (metres) back to lam, phi in radians;
// the latitude comes from a fixed-point iteration on the isometric latitude
// that converges to 1e-14 rad in a few steps. O(1).
func (p *somerc) unproject(x, y float64) (lam, phi float64) {
	lBar := (x - p.fe) / p.r
	bBar := 2 * (math.Atan(math.Exp((y-p.fn)/p.r)) - math.Pi/4)
	// Pseudo-equatorial → equatorial system.
	sbb, cbb := math.Sincos(bBar)
	slb, clb := math.Sincos(lBar)
	b := math.Asin(math.Max(-1, math.Min(1, p.cb0*sbb+p.sb0*cbb*clb)))
	l := math.Atan2(slb*cbb, p.cb0*cbb*clb-p.sb0*sbb)
	lam = p.lam0 + l/p.alpha
	// Sphere → ellipsoid.
	e := p.el.e
	iso := (math.Log(math.Tan(math.Pi/4+b/2)) - p.k) / p.alpha
	phi = b
	for range 20 {
		s := e * math.Sin(phi)
		next := 2*math.Atan(math.Exp(iso+e/2*math.Log((1+s)/(1-s)))) - math.Pi/2
		if math.Abs(next-phi) < latTol || math.IsNaN(next) {
			phi = next
			break
		}
		phi = next
	}
	return lam, phi
}

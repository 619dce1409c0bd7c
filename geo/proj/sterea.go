package proj

import "math"

// sterea is the Oblique Stereographic projection (EPSG method 9809, PROJ
// sterea) used by Amersfoort / RD New: the ellipsoid is mapped conformally
// onto a Gauss sphere, which is then projected stereographically from the
// antipode of the origin. Formulas from IOGP Guidance Note 7-2 (EPSG), §3.2.2
// "Oblique and Equatorial Stereographic".
type sterea struct {
	el     ellipsoid
	lam0   float64 // longitude of origin Λ0 = λ0, radians
	n, c   float64 // Gauss sphere exponent and constant
	chi0   float64 // conformal latitude of the origin, radians
	sChi0  float64 // sin χ0
	cChi0  float64 // cos χ0
	r2k    float64 // 2·R·k0, metres
	fe, fn float64 // false easting and northing, metres
	g, h   float64 // inverse constants, metres
}

// latTol is the convergence tolerance of the iterative inverse latitude
// computations, in radians (about 6e-8 m on the ground).
const latTol = 1e-14

// newSterea returns an oblique stereographic projection on el with origin
// (lon0, lat0) in degrees, scale k0 at the origin and false easting and
// northing in metres.
func newSterea(el ellipsoid, lon0, lat0, k0, fe, fn float64) *sterea {
	phi0 := lat0 * math.Pi / 180
	s0, c0 := math.Sincos(phi0)
	es, e := el.es, el.e
	w := 1 - es*s0*s0
	rho0 := el.a * (1 - es) / math.Pow(w, 1.5)
	nu0 := el.a / math.Sqrt(w)
	r := math.Sqrt(rho0 * nu0)
	n := math.Sqrt(1 + es*c0*c0*c0*c0/(1-es))
	s1 := (1 + s0) / (1 - s0)
	s2 := (1 - e*s0) / (1 + e*s0)
	w1 := math.Pow(s1*math.Pow(s2, e), n)
	sinChi := (w1 - 1) / (w1 + 1)
	c := (n + s0) * (1 - sinChi) / ((n - s0) * (1 + sinChi))
	w2 := c * w1
	chi0 := math.Asin((w2 - 1) / (w2 + 1))
	p := &sterea{
		el: el, lam0: lon0 * math.Pi / 180, n: n, c: c, chi0: chi0,
		r2k: 2 * r * k0, fe: fe, fn: fn,
	}
	p.sChi0, p.cChi0 = math.Sincos(chi0)
	p.g = p.r2k * math.Tan(math.Pi/4-chi0/2)
	p.h = 2*p.r2k*math.Tan(chi0) + p.g
	return p
}

// project maps lam, phi (radians on p.el) to easting and northing in metres.
// O(1).
func (p *sterea) project(lam, phi float64) (x, y float64) {
	dl := p.n * math.Remainder(lam-p.lam0, 2*math.Pi) // Λ − Λ0
	sphi := math.Sin(phi)
	e := p.el.e
	sa := (1 + sphi) / (1 - sphi)
	sb := (1 - e*sphi) / (1 + e*sphi)
	w := p.c * math.Pow(sa*math.Pow(sb, e), p.n)
	sChi := (w - 1) / (w + 1)
	if math.IsInf(w, 1) {
		sChi = 1
	}
	cChi := math.Sqrt(math.Max(0, 1-sChi*sChi))
	sdl, cdl := math.Sincos(dl)
	b := 1 + sChi*p.sChi0 + cChi*p.cChi0*cdl
	x = p.fe + p.r2k*cChi*sdl/b
	y = p.fn + p.r2k*(sChi*p.cChi0-cChi*p.sChi0*cdl)/b
	return x, y
}

// unproject maps easting and northing (metres) back to lam, phi in radians.
// The latitude is recovered from the isometric latitude by the fixed-point
// iteration of GN 7-2, which converges to 1e-14 rad in a few steps. O(1).
func (p *sterea) unproject(x, y float64) (lam, phi float64) {
	de, dn := x-p.fe, y-p.fn
	i := math.Atan2(de, p.h+dn)
	j := math.Atan2(de, p.g-dn) - i
	chi := p.chi0 + 2*math.Atan((dn-de*math.Tan(j/2))/p.r2k)
	dl := j + 2*i // Λ − Λ0
	lam = p.lam0 + dl/p.n
	sChi := math.Sin(chi)
	psi := 0.5 * math.Log((1+sChi)/(p.c*(1-sChi))) / p.n
	phi = 2*math.Atan(math.Exp(psi)) - math.Pi/2
	e := p.el.e
	for range 20 {
		s := math.Sin(phi)
		psiI := math.Log(math.Tan(phi/2+math.Pi/4) * math.Pow((1-e*s)/(1+e*s), e/2))
		next := phi - (psiI-psi)*math.Cos(phi)*(1-p.el.es*s*s)/(1-p.el.es)
		if math.Abs(next-phi) < latTol || math.IsNaN(next) {
			phi = next
			break
		}
		phi = next
	}
	return lam, phi
}

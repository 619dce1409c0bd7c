package surface

import "math"

// Exact solutions used by the tests. Each cites where its formula comes
// from; none was written by this project's solver authors.

// ritter returns the depth of Ritter's (1892) dam break over a dry,
// flat, frictionless bed at x and t > 0: still water hl for x ≤ x0 − t√(g·hl),
// the rarefaction h = 4/(9g)·(√(g·hl) − (x−x0)/(2t))² up to the front
// x0 + 2t√(g·hl), dry beyond. Delestre et al. (2013), SWASHES §4.1.1,
// "Dam break on a dry domain without friction".
func ritter(x, x0, hl, g, t float64) float64 {
	c := math.Sqrt(g * hl)
	switch {
	case x <= x0-c*t:
		return hl
	case x <= x0+2*c*t:
		s := c - (x-x0)/(2*t)
		return 4 / (9 * g) * s * s
	}
	return 0
}

// stokerCm solves SWASHES eq. (4.4) for the celerity cm of the middle
// state of Stoker's (1957) wet dam break,
// −8·g·hr·cm²·(g·hl − cm²)² + (cm² − g·hr)²·(cm² + g·hr) = 0,
// by bisection on (√(g·hr), √(g·hl)).
func stokerCm(hl, hr, g float64) float64 {
	f := func(cm float64) float64 {
		c2 := cm * cm
		return -8*g*hr*c2*(g*hl-c2)*(g*hl-c2) + (c2-g*hr)*(c2-g*hr)*(c2+g*hr)
	}
	lo, hi := math.Sqrt(g*hr), math.Sqrt(g*hl)
	flo := f(lo)
	for range 200 {
		mid := (lo + hi) / 2
		if fm := f(mid); (fm > 0) == (flo > 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// stoker returns the depth of Stoker's dam break over a wet, flat,
// frictionless bed (Delestre et al. 2013, SWASHES §4.1.1, "Dam break on a
// wet domain without friction"): hl left of x_A = x0 − t√(g·hl), the
// rarefaction 4/(9g)·(√(g·hl) − (x−x0)/(2t))² to x_B = x0 + t(2√(g·hl) − 3cm),
// the middle state cm²/g to the shock x_C = x0 + t·2cm²(√(g·hl) − cm)/(cm² − g·hr),
// hr beyond.
func stoker(x, x0, hl, hr, g, t, cm float64) float64 {
	c := math.Sqrt(g * hl)
	xa := x0 - c*t
	xb := x0 + t*(2*c-3*cm)
	xc := x0 + t*2*cm*cm*(c-cm)/(cm*cm-g*hr)
	switch {
	case x <= xa:
		return hl
	case x <= xb:
		s := c - (x-x0)/(2*t)
		return 4 / (9 * g) * s * s
	case x <= xc:
		return cm * cm / g
	}
	return hr
}

// hunter returns the depth of the flood front over a horizontal plane at
// constant velocity u with Manning's n (Hunter et al. 2005, eq. 9; used as
// test 1 by Bates et al. 2010 and de Almeida et al. 2012):
// h(x, t) = [7/3·(C − n²u²(x − u·t))]^{3/7}, C = 0, zero ahead of the front
// x = u·t.
func hunter(x, t, u, n float64) float64 {
	v := 7.0 / 3 * (-n * n * u * u * (x - u*t))
	if v <= 0 {
		return 0
	}
	return math.Pow(v, 3.0/7)
}

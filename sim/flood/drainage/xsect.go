package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// shape kinds of cross-sections the solver knows.
const (
	shapeCircular = iota
	shapeRectClosed
	shapeRectOpen
	shapeTrapezoidal
	shapeTriangular
)

// tabN is the number of depth intervals of a cross-section's lookup table
// for the inverse functions (normal and critical depth).
const tabN = 200

// xsect is the geometry of one barrel of a link's cross-section, SI.
// Forward functions (area, width, hydraulic radius) are exact formulas;
// inverse ones use a table of tabN+1 depths refined by interpolation.
type xsect struct {
	kind  int
	yFull float64 // full depth, m
	wMax  float64 // maximum top width, m
	aFull float64 // full area, m²
	rFull float64 // hydraulic radius when full, m
	open  bool    // open channel (no crown)
	// bottom width and left/right side slopes (run/rise), trapezoid/triangle
	bottom, zl, zr float64
	// section factor S = A·R^(2/3) table and its maximum, and the
	// critical-flow function C = A·√(g·A/W) table, at y = k·yFull/tabN.
	s, c, a    []float64
	sMax, ySMx float64
	// exact area, hydraulic radius and width of circular sections at the
	// table depths, interpolated linearly in place of trigonometry
	ta, tr, tw []float64
}

// newXsect builds the geometry of a SWMM cross-section (SI Geom values).
// Unsupported shapes return an error wrapping ErrUnsupported.
func newXsect(x swmm.XSection) (*xsect, error) {
	g := x.Geom
	xs := &xsect{yFull: g[0]}
	switch x.Shape {
	case "CIRCULAR", "FORCE_MAIN":
		xs.kind, xs.wMax = shapeCircular, g[0]
	case "RECT_CLOSED":
		xs.kind, xs.wMax, xs.bottom = shapeRectClosed, g[1], g[1]
	case "RECT_OPEN":
		xs.kind, xs.wMax, xs.bottom, xs.open = shapeRectOpen, g[1], g[1], true
	case "TRAPEZOIDAL":
		xs.kind, xs.bottom, xs.zl, xs.zr, xs.open = shapeTrapezoidal, g[1], g[2], g[3], true
		xs.wMax = g[1] + (g[2]+g[3])*g[0]
	case "TRIANGULAR":
		// Geom2 is the top width; side slopes from it
		xs.kind, xs.open = shapeTriangular, true
		xs.zl, xs.zr = g[1]/2/g[0], g[1]/2/g[0]
		xs.wMax = g[1]
	default:
		return nil, fmt.Errorf("%w: cross-section shape %s of link %q", ErrUnsupported, x.Shape, x.Link)
	}
	if !(xs.yFull > 0) || !(xs.wMax > 0) || math.IsInf(xs.wMax, 0) {
		return nil, fmt.Errorf("%w: cross-section of link %q: depth %g m, width %g m", ErrInvalid, x.Link, xs.yFull, xs.wMax)
	}
	xs.aFull = xs.areaRaw(xs.yFull)
	xs.rFull = xs.aFull / xs.perimeter(xs.yFull)
	if xs.kind == shapeCircular {
		xs.ta, xs.tr, xs.tw = make([]float64, tabN+1), make([]float64, tabN+1), make([]float64, tabN+1)
		for k := 0; k <= tabN; k++ {
			y := xs.yFull * float64(k) / tabN
			xs.ta[k] = xs.areaRaw(y)
			if k > 0 {
				xs.tr[k] = xs.ta[k] / xs.perimeter(y)
			}
			xs.tw[k] = 2 * math.Sqrt(math.Max(0, y*(xs.yFull-y)))
		}
	}
	xs.buildTables()
	return xs, nil
}

// area returns the flow area at depth y (m), m²; above full depth it is
// the full area (closed) or extends with the top width (open).
func (x *xsect) area(y float64) float64 {
	if y <= 0 {
		return 0
	}
	if y >= x.yFull {
		if x.open {
			return x.aFull + (y-x.yFull)*x.wMax
		}
		return x.aFull
	}
	if x.ta != nil {
		return x.lerp(x.ta, y)
	}
	return x.areaRaw(y)
}

// lerp interpolates a table of tabN+1 values at uniform depths in
// [0, yFull] at depth 0 <= y < yFull.
func (x *xsect) lerp(t []float64, y float64) float64 {
	u := y / x.yFull * tabN
	k := int(u)
	if k >= tabN {
		return t[tabN]
	}
	f := u - float64(k)
	return t[k] + f*(t[k+1]-t[k])
}

func (x *xsect) areaRaw(y float64) float64 {
	switch x.kind {
	case shapeCircular:
		th := circAngle(y, x.yFull)
		return x.yFull * x.yFull / 8 * (th - math.Sin(th))
	case shapeRectClosed, shapeRectOpen:
		return x.bottom * y
	default:
		return y * (x.bottom + (x.zl+x.zr)*y/2)
	}
}

// circAngle is the central angle of the wetted arc at depth y in a circle
// of diameter d, rad.
func circAngle(y, d float64) float64 {
	return 2 * math.Acos(math.Max(-1, math.Min(1, 1-2*y/d)))
}

// perimeter returns the wetted perimeter at depth y <= yFull, m.
func (x *xsect) perimeter(y float64) float64 {
	switch x.kind {
	case shapeCircular:
		return x.yFull * circAngle(y, x.yFull) / 2
	case shapeRectClosed:
		if y >= x.yFull {
			return 2 * (x.bottom + x.yFull) // top closes
		}
		return x.bottom + 2*y
	case shapeRectOpen:
		return x.bottom + 2*y
	default:
		return x.bottom + y*(math.Sqrt(1+x.zl*x.zl)+math.Sqrt(1+x.zr*x.zr))
	}
}

// hydRad returns the hydraulic radius at depth y, m (rFull at or above
// full depth of a closed section).
func (x *xsect) hydRad(y float64) float64 {
	if y <= 0 {
		return 0
	}
	if y >= x.yFull && !x.open {
		return x.rFull
	}
	if y >= x.yFull {
		return x.area(y) / (x.perimeter(x.yFull) + 2*(y-x.yFull))
	}
	if x.tr != nil {
		return x.lerp(x.tr, y)
	}
	return x.areaRaw(y) / x.perimeter(y)
}

// width returns the top width at depth y, m; for closed sections it is
// held at its value at 0.96·yFull above that depth (SWMM's crown cutoff),
// so that the surface area a full pipe gives its nodes does not vanish.
func (x *xsect) width(y float64) float64 {
	if y <= 0 {
		y = 0
	}
	if !x.open && y > crownCutoff*x.yFull {
		y = crownCutoff * x.yFull
	}
	if y >= x.yFull {
		return x.wMax
	}
	switch x.kind {
	case shapeCircular:
		if x.tw != nil {
			return x.lerp(x.tw, y)
		}
		return 2 * math.Sqrt(math.Max(0, y*(x.yFull-y)))
	case shapeRectClosed, shapeRectOpen:
		return x.bottom
	default:
		return x.bottom + (x.zl+x.zr)*y
	}
}

// crownCutoff is the relative depth above which a closed section's top
// width is frozen (SWMM 5's CrownCutoff).
const crownCutoff = 0.96

func (x *xsect) buildTables() {
	x.s = make([]float64, tabN+1)
	x.c = make([]float64, tabN+1)
	x.a = make([]float64, tabN+1)
	for k := 0; k <= tabN; k++ {
		y := x.yFull * float64(k) / tabN
		a := x.area(y)
		x.a[k] = a
		r := x.hydRad(y)
		x.s[k] = a * math.Pow(r, 2.0/3)
		if s := x.s[k]; s > x.sMax {
			x.sMax, x.ySMx = s, y
		}
		w := x.width(y)
		if k == tabN && !x.open {
			w = x.width(x.yFull * crownCutoff)
		}
		if w > 0 {
			x.c[k] = a * math.Sqrt(gravity*a/w)
		}
	}
}

// invert finds y in [0, yMax] with f(y) = v for a table f increasing up to
// index kMax, by bisection over the table and linear interpolation.
func (x *xsect) invert(tab []float64, v float64, kMax int) float64 {
	if v <= 0 {
		return 0
	}
	if v >= tab[kMax] {
		return x.yFull * float64(kMax) / tabN
	}
	lo, hi := 0, kMax
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if tab[m] < v {
			lo = m
		} else {
			hi = m
		}
	}
	f := (v - tab[lo]) / (tab[hi] - tab[lo])
	return x.yFull * (float64(lo) + f) / tabN
}

// normalDepth returns the depth at which the section factor equals
// s = Q·n/√S0 (m^(8/3)), capped at the depth of the maximum section factor.
func (x *xsect) normalDepth(s float64) float64 {
	return x.invert(x.s, s, int(math.Round(x.ySMx/x.yFull*tabN)))
}

// criticalDepth returns the depth at which A·√(g·A/W) equals q (m³/s per
// barrel), capped at full depth.
func (x *xsect) criticalDepth(q float64) float64 {
	return x.invert(x.c, q, tabN)
}

package proj

import "math"

// ellipsoid is a reference ellipsoid of revolution. The derived quantities
// are filled in by newEllipsoid; the zero value is not usable.
type ellipsoid struct {
	name string
	a    float64 // semi-major axis, metres
	f    float64 // flattening
	b    float64 // semi-minor axis, metres
	es   float64 // first eccentricity squared e²
	e    float64 // first eccentricity
	n    float64 // third flattening (a−b)/(a+b)
}

// newEllipsoid derives an ellipsoid from its semi-major axis a (metres) and
// inverse flattening invF.
func newEllipsoid(name string, a, invF float64) ellipsoid {
	f := 1 / invF
	es := f * (2 - f)
	return ellipsoid{
		name: name,
		a:    a,
		f:    f,
		b:    a * (1 - f),
		es:   es,
		e:    math.Sqrt(es),
		n:    f / (2 - f),
	}
}

// The ellipsoids of the supported datums, with the defining constants from
// the EPSG dataset (EPSG:7030, 7019, 1024, 7004).
var (
	wgs84    = newEllipsoid("WGS 84", 6378137, 298.257223563)
	grs80    = newEllipsoid("GRS 1980", 6378137, 298.257222101)
	cgcs2000 = newEllipsoid("CGCS2000", 6378137, 298.257222101)
	bessel   = newEllipsoid("Bessel 1841", 6377397.155, 299.1528128)
)

// primeVertical returns the radius of curvature in the prime vertical ν at
// latitude phi (radians), in metres.
func (el ellipsoid) primeVertical(phi float64) float64 {
	s := math.Sin(phi)
	return el.a / math.Sqrt(1-el.es*s*s)
}

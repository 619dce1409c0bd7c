package proj

import "math"

// datum is a geodetic datum other than WGS84: its ellipsoid and the Helmert
// transformation that takes its ECEF frame to WGS84's. Datums equal to WGS84
// (ETRS89, CGCS2000) are represented by a nil *datum.
type datum struct {
	name    string
	el      ellipsoid
	toWGS84 helmert
}

// The datums with a shift, and the EPSG transformations their parameters
// come from.
var (
	// amersfoort: EPSG:4833 "Amersfoort to WGS 84 (4)", the operation PROJ
	// 9.1 picks first for EPSG:28992 → EPSG:4326 when the RDNAPTRANS grid is
	// absent (`projinfo -s EPSG:28992 -t EPSG:4326`). EPSG lists it in the
	// coordinate-frame convention; as a PROJ +towgs84 (position vector) it
	// reads +towgs84=565.4171,50.3319,465.5524,-0.398957388243134,
	// 0.343987817378283,-1.87740163998045,4.0725. Accuracy 1 m (EPSG); the
	// rigorous RDNAPTRANS™ correction grid is not applied.
	amersfoort = &datum{
		name: "Amersfoort",
		el:   bessel,
		toWGS84: newHelmertCF(565.4171, 50.3319, 465.5524,
			0.398957388243134, -0.343987817378283, 1.87740163998045, 4.0725),
	}
	// ch1903plus: EPSG:1676 "CH1903+ to WGS 84 (1)", translations only, as
	// PROJ's +towgs84=674.374,15.056,405.346 for EPSG:2056. Accuracy 1 m.
	ch1903plus = &datum{
		name:    "CH1903+",
		el:      bessel,
		toWGS84: newHelmertPV(674.374, 15.056, 405.346, 0, 0, 0, 0),
	}
)

// fromWGS84 maps a WGS84 point (radians) on the ellipsoid (height 0) to the
// datum's geodetic longitude and latitude (radians), dropping the height it
// gains there.
func (d *datum) fromWGS84(lam, phi float64) (float64, float64) {
	v := d.toWGS84.inverse(wgs84.toECEF(lam, phi, 0))
	l, p, _ := d.el.fromECEF(v)
	return l, p
}

// toWGS84Geo maps the datum's geodetic longitude and latitude (radians) to
// WGS84. It is the exact inverse of fromWGS84: it finds the height on the
// local ellipsoid at which the point lands on the WGS84 ellipsoid (height 0),
// so that fromWGS84(toWGS84Geo(λ, φ)) == (λ, φ) to rounding error. Each
// pass shrinks the height residual by the transformation's scale change
// (4 ppm for Amersfoort, none for CH1903+) plus the square of the angle
// between the two ellipsoid normals (1e-10); three passes suffice.
//
// PROJ's cs2cs instead puts 2D input at height 0 on whichever ellipsoid it
// starts from (and inverts the rotation by the transpose), so its two
// directions are not exact inverses of each other; the tens of metres of
// height lost on the way tilt the result by up to about 1.3 mm, which is the
// largest difference the cs2cs tests see for RD New and LV95.
func (d *datum) toWGS84Geo(lam, phi float64) (float64, float64) {
	h := 0.0
	var l, p float64
	for range 4 {
		var hw float64
		l, p, hw = wgs84.fromECEF(d.toWGS84.forward(d.el.toECEF(lam, phi, h)))
		if math.Abs(hw) < 1e-9 || math.IsNaN(hw) {
			break
		}
		h -= hw
	}
	return l, p
}

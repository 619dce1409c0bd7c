package proj

import "math"

// arcsec is one second of arc in radians.
const arcsec = math.Pi / (180 * 3600)

// helmert is a 7-parameter similarity transformation between two ECEF
// frames, X' = T + (1+s)·R·X, stored in the position-vector convention
// (EPSG method 9606, PROJ +towgs84 and +proj=helmert's default) with the
// small-angle rotation matrix EPSG defines for that method:
//
//	R = [  1  −rz   ry ]
//	    [  rz   1  −rx ]
//	    [ −ry  rx    1 ]
//
// The coordinate-frame convention (EPSG method 9607) is the same with the
// rotation signs flipped; newHelmertCF converts. R is not exactly
// orthogonal, so the inverse is not the same transformation with negated
// parameters (nor the transpose, which PROJ uses): inverse applies the exact
// inverse matrix, so forward and inverse round-trip to rounding error.
type helmert struct {
	t   vec3          // translation, metres
	m   [3][3]float64 // (1+s)·R
	inv [3][3]float64 // m⁻¹
}

// newHelmertPV builds a position-vector Helmert transformation from
// translations in metres, rotations in arc-seconds and scale in ppm.
func newHelmertPV(tx, ty, tz, rxSec, rySec, rzSec, ppm float64) helmert {
	rx, ry, rz := rxSec*arcsec, rySec*arcsec, rzSec*arcsec
	k := 1 + ppm*1e-6
	m := [3][3]float64{
		{k, -k * rz, k * ry},
		{k * rz, k, -k * rx},
		{-k * ry, k * rx, k},
	}
	return helmert{t: vec3{tx, ty, tz}, m: m, inv: invert3(m)}
}

// newHelmertCF builds a Helmert transformation given in the coordinate-frame
// convention (EPSG method 9607), as the EPSG dataset lists most European
// transformations; units as newHelmertPV.
func newHelmertCF(tx, ty, tz, rxSec, rySec, rzSec, ppm float64) helmert {
	return newHelmertPV(tx, ty, tz, -rxSec, -rySec, -rzSec, ppm)
}

// forward maps v from the source frame to the target frame.
func (h helmert) forward(v vec3) vec3 {
	return mulAdd(h.m, v, h.t)
}

// inverse maps v from the target frame back to the source frame; it is the
// exact inverse of forward.
func (h helmert) inverse(v vec3) vec3 {
	d := vec3{v[0] - h.t[0], v[1] - h.t[1], v[2] - h.t[2]}
	return mulAdd(h.inv, d, vec3{})
}

// mulAdd returns m·v + t.
func mulAdd(m [3][3]float64, v, t vec3) vec3 {
	var r vec3
	for i := range 3 {
		r[i] = m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2] + t[i]
	}
	return r
}

// invert3 returns the inverse of the 3×3 matrix m by its adjugate. The
// matrices here are within 1e-5 of the identity, so it is well conditioned.
func invert3(m [3][3]float64) [3][3]float64 {
	c00 := m[1][1]*m[2][2] - m[1][2]*m[2][1]
	c01 := m[1][2]*m[2][0] - m[1][0]*m[2][2]
	c02 := m[1][0]*m[2][1] - m[1][1]*m[2][0]
	det := m[0][0]*c00 + m[0][1]*c01 + m[0][2]*c02
	return [3][3]float64{
		{c00 / det, (m[0][2]*m[2][1] - m[0][1]*m[2][2]) / det, (m[0][1]*m[1][2] - m[0][2]*m[1][1]) / det},
		{c01 / det, (m[0][0]*m[2][2] - m[0][2]*m[2][0]) / det, (m[0][2]*m[1][0] - m[0][0]*m[1][2]) / det},
		{c02 / det, (m[0][1]*m[2][0] - m[0][0]*m[2][1]) / det, (m[0][0]*m[1][1] - m[0][1]*m[1][0]) / det},
	}
}

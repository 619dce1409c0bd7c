package urban

import "math"

// Gravity is the acceleration due to gravity of the linking equations,
// m/s² (the surface solver's default).
const Gravity = 9.81

// Capture returns the discharge (m³/s, ≥ 0) that enters a node through
// the inlet from street water h metres deep, for a node head (m) and rim
// elevation (m), with the linking equations of Chen et al. (2007) and
// Leandro & Martins (2016):
//
//	head ≤ rim:          Q = min(Cw·P·h·√(2g·h), Co·A·√(2g·h))
//	rim < head < rim+h:  Q = Co·A·√(2g·(rim + h − head))
//	head ≥ rim+h:        Q = 0
//
// P = π·D and A = π·D²/4 for the inlet's diameter D. With the head below
// the rim, shallow water spills over the inlet's edge (weir) and deep
// water is throttled by the opening (orifice); the smaller of the two
// applies, switching at h = Co·A/(Cw·P). Zero fields take the defaults
// (DefaultInletDiameter, DefaultWeirCoeff, DefaultOrificeCoeff). The
// result does not limit the flow to the water present; the Model does.
// O(1).
func (in Inlet) Capture(h, head, rim float64) float64 {
	if !(h > 0) {
		return 0
	}
	d, cw, co := in.Diameter, in.Weir, in.Orifice
	if d == 0 {
		d = DefaultInletDiameter
	}
	if cw == 0 {
		cw = DefaultWeirCoeff
	}
	if co == 0 {
		co = DefaultOrificeCoeff
	}
	p, a := math.Pi*d, math.Pi*d*d/4
	if head <= rim {
		weir := cw * p * h * math.Sqrt(2*Gravity*h)
		return math.Min(weir, co*a*math.Sqrt(2*Gravity*h))
	}
	dh := rim + h - head
	if dh <= 0 {
		return 0
	}
	return co * a * math.Sqrt(2*Gravity*dh)
}

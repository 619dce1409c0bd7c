package epanet

import (
	"fmt"
	"strings"

	"twin/geo/internal/inp"
)

// Conversion constants to SI. Sources: NIST SP 811 (2008) Appendix B for
// the foot, the US gallon (231 in³), the imperial gallon (4.54609 L) and
// the horsepower (550 ft·lbf/s); NIST Handbook 44 Appendix C for the acre
// (43,560 ft²); EPANET 2.2 (src/types.h) for its pressure convention.
const (
	// FootM is metres per international foot (exact).
	FootM = 0.3048
	// InchM is metres per inch (exact).
	InchM = 0.0254
	// USGallonM3 is cubic metres per US gallon (exact).
	USGallonM3 = 3.785411784e-3
	// ImpGallonM3 is cubic metres per imperial gallon (exact).
	ImpGallonM3 = 4.54609e-3
	// AcreFootM3 is cubic metres per acre-foot: 43,560 ft² × 1 ft (exact).
	AcreFootM3 = 43560 * FootM * FootM * FootM
	// HorsepowerW is watts per mechanical horsepower (550 ft·lbf/s;
	// NIST SP 811: 7.456999 E+02 W).
	HorsepowerW = 745.69987158227022
	// PSIPerFoot is EPANET's psi per foot of water head (PSIperFT = 0.4333
	// in EPANET 2.2 src/types.h); EPANET divides it further by the
	// SPECIFIC GRAVITY option, and so does Decode.
	PSIPerFoot = 0.4333
	// DayS is seconds per day.
	DayS = 86400.0
)

// flowM3s gives m³/s per unit of each EPANET UNITS value (EPANET 2.2 user
// manual, table 3.1; CMS is EPANET 2.3's).
var flowM3s = map[string]float64{
	"CFS":  FootM * FootM * FootM,
	"GPM":  USGallonM3 / 60,
	"MGD":  1e6 * USGallonM3 / DayS,
	"IMGD": 1e6 * ImpGallonM3 / DayS,
	"AFD":  AcreFootM3 / DayS,
	"LPS":  1e-3,
	"LPM":  1e-3 / 60,
	"MLD":  1e3 / DayS,
	"CMH":  1.0 / 3600,
	"CMD":  1 / DayS,
	"CMS":  1,
}

// units turns a file's units into the Model's SI units. EPANET's unit
// system follows UNITS: CFS, GPM, MGD, IMGD and AFD mean US customary
// (elevations, heads, lengths and tank diameters in ft, pipe diameters in
// in, pressures in psi, volumes in ft³, power in hp, Darcy-Weisbach
// roughness in millifeet); the others mean SI (m, mm, m of head, m³, kW, mm).
type units struct {
	us       bool
	length   float64 // ft or m → m
	diameter float64 // in or mm → m (pipes and valves)
	volume   float64 // ft³ or m³ → m³
	flow     float64 // UNITS → m³/s
	pressure float64 // psi or m → m of head (US: ft/PSIPerFoot/SG)
	power    float64 // hp or kW → W
	roughDW  float64 // millifeet or mm → mm
}

func newUnits(flowUnits string, specificGravity float64) (units, bool) {
	q, ok := flowM3s[flowUnits]
	if !ok {
		return units{}, false
	}
	if specificGravity <= 0 {
		specificGravity = 1
	}
	if inp.OneOf(flowUnits, "CFS", "GPM", "MGD", "IMGD", "AFD") {
		return units{us: true, length: FootM, diameter: InchM, volume: FootM * FootM * FootM, flow: q,
			pressure: FootM / (PSIPerFoot * specificGravity), power: HorsepowerW, roughDW: FootM}, true
	}
	return units{length: 1, diameter: 1e-3, volume: 1, flow: q, pressure: 1, power: 1000, roughDW: 1}, true
}

// FlowFactor returns m³/s per unit of the UNITS value fu (case
// insensitive), or an error wrapping ErrUnits.
func FlowFactor(fu string) (float64, error) {
	q, ok := flowM3s[strings.ToUpper(fu)]
	if !ok {
		return 0, fmt.Errorf("%w %q", ErrUnits, fu)
	}
	return q, nil
}

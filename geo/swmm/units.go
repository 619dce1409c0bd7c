package swmm

import (
	"fmt"
	"math"
	"strings"

	"twin/geo"
)

// Conversion constants from SWMM's US customary input units to SI. Sources:
// NIST SP 811 (2008) Appendix B and NIST Handbook 44 (2023) Appendix C.
const (
	// FootM is metres per international foot (exact, 1959 agreement; NIST SP 811 B.8).
	FootM = 0.3048
	// InchMM is millimetres per inch (exact, NIST SP 811 B.8).
	InchMM = 25.4
	// AcreM2 is square metres per (international) acre of 43,560 ft²:
	// 43,560 × 0.3048² (exact; NIST HB 44 App. C). SWMM's acre is the
	// international one (43,560 ft², SWMM 5 user manual, units table).
	AcreM2 = 4046.8564224
	// HectareM2 is square metres per hectare (exact, SI brochure table 8).
	HectareM2 = 10000.0
	// GallonM3 is cubic metres per US liquid gallon of 231 in³
	// (3.785411784 L exact; NIST SP 811 B.8).
	GallonM3 = 3.785411784e-3
	// DayS is seconds per day.
	DayS = 86400.0
	// HourS is seconds per hour.
	HourS = 3600.0
)

// flowM3s gives m³/s per unit of each SWMM FLOW_UNITS value.
var flowM3s = map[string]float64{
	"CFS": FootM * FootM * FootM, // ft³/s = 0.028316846592 m³/s
	"GPM": GallonM3 / 60,         // US gal/min
	"MGD": 1e6 * GallonM3 / DayS, // million US gal/day
	"CMS": 1,                     // m³/s
	"LPS": 1e-3,                  // L/s
	"MLD": 1e6 * 1e-3 / DayS,     // million L/day
}

// units holds the factors that turn one file's input units into the SI
// units of Model. SWMM picks its whole unit system from FLOW_UNITS: CFS,
// GPM and MGD mean US customary for every other quantity, CMS, LPS and MLD
// mean SI (SWMM 5 user manual, "Units of measurement").
type units struct {
	us bool
	// length: ft or m → m (elevations, depths, lengths, offsets, geometry).
	length float64
	// area: ft² or m² → m² (storage and ponded areas).
	area float64
	// volume: ft³ or m³ → m³.
	volume float64
	// landArea: acres or hectares → m² (subcatchment area).
	landArea float64
	// rain: in or mm → mm (rain depths) and in/h or mm/h → mm/h (intensities,
	// infiltration and seepage rates).
	rain float64
	// small: in or mm → m (depression storage, suction head, max infiltration).
	small float64
	// flow: FLOW_UNITS → m³/s.
	flow float64
	// weir: weir discharge coefficient for Q = C·L·h^1.5 (and h^2.5 for
	// V-notch and end contractions): C_SI = C_US · ft³/ft^2.5 = C_US·√0.3048.
	// SWMM uses the rounded 0.552 for the same change (roadway weir code).
	weir float64
	// roughDW: force-main Darcy-Weisbach roughness, ft or mm → m.
	roughDW float64
}

// newUnits returns the factors for a FLOW_UNITS value (upper case).
func newUnits(flowUnits string) (units, bool) {
	q, ok := flowM3s[flowUnits]
	if !ok {
		return units{}, false
	}
	if flowUnits == "CFS" || flowUnits == "GPM" || flowUnits == "MGD" {
		return units{us: true, length: FootM, area: FootM * FootM, volume: FootM * FootM * FootM,
			landArea: AcreM2, rain: InchMM, small: InchMM / 1000, flow: q,
			weir: math.Sqrt(FootM), roughDW: FootM}, true
	}
	return units{length: 1, area: 1, volume: 1, landArea: HectareM2, rain: 1,
		small: 1e-3, flow: q, weir: 1, roughDW: 1e-3}, true
}

// unitsFor is newUnits with a positioned error wrapping geo.ErrUnsupported.
func unitsFor(file string, line int, flowUnits string) (units, error) {
	u, ok := newUnits(strings.ToUpper(flowUnits))
	if !ok {
		return units{}, geo.LineError(file, line, geo.ErrUnsupported, "%w %q (want CFS, GPM, MGD, CMS, LPS or MLD)", ErrFlowUnits, flowUnits)
	}
	return u, nil
}

// FlowFactor returns m³/s per unit of the FLOW_UNITS value fu (case
// insensitive), or an error wrapping ErrFlowUnits for an unknown value.
func FlowFactor(fu string) (float64, error) {
	q, ok := flowM3s[strings.ToUpper(fu)]
	if !ok {
		return 0, fmt.Errorf("%w %q", ErrFlowUnits, fu)
	}
	return q, nil
}

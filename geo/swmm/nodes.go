package swmm

import (
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Junction is a [JUNCTIONS] entry: a manhole or pipe junction.
type Junction struct {
	Name string
	// Elevation is the invert elevation, m.
	Elevation float64
	// MaxDepth is the depth from invert to rim, m (0: SWMM uses the depth of
	// the highest connecting link).
	MaxDepth float64
	// InitDepth is the initial water depth, m.
	InitDepth float64
	// SurchargeDepth is the depth above the rim allowed before flooding, m.
	SurchargeDepth float64
	// PondedArea is the area flooded water ponds over, m².
	PondedArea float64
}

// Outfall types.
const (
	OutfallFree       = "FREE"
	OutfallNormal     = "NORMAL"
	OutfallFixed      = "FIXED"
	OutfallTidal      = "TIDAL"
	OutfallTimeseries = "TIMESERIES"
)

// Outfall is an [OUTFALLS] entry.
type Outfall struct {
	Name string
	// Elevation is the invert elevation, m.
	Elevation float64
	// Type is one of the Outfall… constants.
	Type string
	// Stage is the fixed water surface elevation for FIXED outfalls, m.
	Stage float64
	// Curve names the tidal curve (TIDAL); Series the stage time series
	// (TIMESERIES).
	Curve, Series string
	// Gated says whether a flap gate prevents backflow.
	Gated bool
	// RouteTo names a subcatchment receiving the outfall's flow, or "".
	RouteTo string
}

// Divider is a [DIVIDERS] entry: a node that splits flow onto Link.
type Divider struct {
	Name      string
	Elevation float64 // invert, m
	// Link is the link receiving the diverted flow.
	Link string
	// Type is OVERFLOW, CUTOFF, TABULAR or WEIR.
	Type string
	// CutoffFlow is the flow above which diversion starts (CUTOFF, WEIR), m³/s.
	CutoffFlow float64
	// Curve names the diversion curve (TABULAR).
	Curve string
	// WeirHeight (m) and WeirCoef (SI weir coefficient) describe a WEIR divider.
	WeirHeight, WeirCoef float64
	// MaxDepth, InitDepth, SurchargeDepth (m) and PondedArea (m²) are as
	// for Junction.
	MaxDepth, InitDepth, SurchargeDepth, PondedArea float64
}

// Storage is a [STORAGE] entry. Its surface area A (m²) at depth d (m) is
// given by Curve (TABULAR), by A = Coeff·d^Exponent + Constant
// (FUNCTIONAL), or by the SWMM 5.2 shapes CYLINDRICAL, CONICAL, PARABOLOID
// and PYRAMIDAL with dimensions L, W and Z.
type Storage struct {
	Name      string
	Elevation float64 // invert, m
	MaxDepth  float64 // m
	InitDepth float64 // m
	// Shape is TABULAR, FUNCTIONAL, CYLINDRICAL, CONICAL, PARABOLOID or PYRAMIDAL.
	Shape string
	Curve string
	// Coeff, Exponent and Constant define FUNCTIONAL storage in SI: the
	// file's coefficient a (ft² or m² per length^b) is converted with
	// a·ft^(2−b), its constant with ft².
	Coeff, Exponent, Constant float64
	// L and W are the shapes' major and minor dimensions, m; Z is the side
	// slope (run/rise) for CONICAL and PYRAMIDAL, and the height in m for
	// PARABOLOID.
	L, W, Z float64
	// SurchargeDepth is the depth above MaxDepth before flooding, m. (SWMM
	// 5.1 read this column as a ponded area.)
	SurchargeDepth float64
	// EvapFactor is the fraction of potential evaporation realised.
	EvapFactor float64
	// HasSeepage says whether Green-Ampt seepage parameters were given:
	// Suction (m), Ksat (mm/h) and IMD (fraction).
	HasSeepage         bool
	Suction, Ksat, IMD float64
}

func (d *decoder) junction(l *inp.Line) {
	if !d.Need(l, 2, "junction") {
		return
	}
	j := Junction{Name: l.Fields[0]}
	j.Elevation = d.Num(l, 1, "invert elevation", d.u.length)
	j.MaxDepth = d.NumOr(l, 2, "max. depth", d.u.length)
	j.InitDepth = d.NumOr(l, 3, "initial depth", d.u.length)
	j.SurchargeDepth = d.NumOr(l, 4, "surcharge depth", d.u.length)
	j.PondedArea = d.NumOr(l, 5, "ponded area", d.u.area)
	if d.DefineNode(l, "junction") {
		d.m.Junctions = append(d.m.Junctions, j)
	}
}

func (d *decoder) outfall(l *inp.Line) {
	if !d.Need(l, 3, "outfall") {
		return
	}
	o := Outfall{Name: l.Fields[0], Type: strings.ToUpper(l.Fields[2])}
	o.Elevation = d.Num(l, 1, "invert elevation", d.u.length)
	next := 3
	switch o.Type {
	case OutfallFree, OutfallNormal:
	case OutfallFixed:
		o.Stage = d.Num(l, 3, "fixed stage", d.u.length)
		next = 4
	case OutfallTidal, OutfallTimeseries:
		if !d.Need(l, 4, "outfall of type "+o.Type) {
			return
		}
		if o.Type == OutfallTidal {
			o.Curve = l.Fields[3]
		} else {
			o.Series = l.Fields[3]
		}
		next = 4
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: outfall type %q (want FREE, NORMAL, FIXED, TIDAL or TIMESERIES)", ErrKeyword, l.Fields[2])
		return
	}
	o.Gated = d.yesNo(l, next, "flap gate")
	o.RouteTo = inp.Str(l, next+1)
	if d.DefineNode(l, "outfall") {
		d.m.Outfalls = append(d.m.Outfalls, o)
	}
}

func (d *decoder) divider(l *inp.Line) {
	if !d.Need(l, 4, "divider") {
		return
	}
	v := Divider{Name: l.Fields[0], Link: l.Fields[2], Type: strings.ToUpper(l.Fields[3])}
	v.Elevation = d.Num(l, 1, "invert elevation", d.u.length)
	next := 4
	switch v.Type {
	case "OVERFLOW":
	case "CUTOFF":
		v.CutoffFlow = d.Num(l, 4, "cutoff flow", d.u.flow)
		next = 5
	case "TABULAR":
		if d.Need(l, 5, "tabular divider") {
			v.Curve = l.Fields[4]
		}
		next = 5
	case "WEIR":
		v.CutoffFlow = d.Num(l, 4, "min. flow", d.u.flow)
		v.WeirHeight = d.Num(l, 5, "weir height", d.u.length)
		v.WeirCoef = d.Num(l, 6, "weir coefficient", d.u.weir)
		next = 7
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: divider type %q (want OVERFLOW, CUTOFF, TABULAR or WEIR)", ErrKeyword, l.Fields[3])
		return
	}
	v.MaxDepth = d.NumOr(l, next, "max. depth", d.u.length)
	v.InitDepth = d.NumOr(l, next+1, "initial depth", d.u.length)
	v.SurchargeDepth = d.NumOr(l, next+2, "surcharge depth", d.u.length)
	v.PondedArea = d.NumOr(l, next+3, "ponded area", d.u.area)
	if d.DefineNode(l, "divider") {
		d.m.Dividers = append(d.m.Dividers, v)
	}
}

func (d *decoder) storage(l *inp.Line) {
	if !d.Need(l, 6, "storage unit") {
		return
	}
	s := Storage{Name: l.Fields[0], Shape: strings.ToUpper(l.Fields[4])}
	s.Elevation = d.Num(l, 1, "invert elevation", d.u.length)
	s.MaxDepth = d.Num(l, 2, "max. depth", d.u.length)
	s.InitDepth = d.Num(l, 3, "initial depth", d.u.length)
	next := 8
	switch s.Shape {
	case "TABULAR":
		s.Curve = l.Fields[5]
		next = 6
	case "FUNCTIONAL":
		a, b, c := d.Float(l, 5, "area coefficient"), d.FloatOr(l, 6, "area exponent", 0), d.FloatOr(l, 7, "area constant", 0)
		s.Coeff = d.Finite(l.Num, a*math.Pow(d.u.length, 2-b), "area coefficient")
		s.Exponent, s.Constant = b, d.Finite(l.Num, c*d.u.area, "area constant")
	case "CYLINDRICAL", "CONICAL", "PARABOLOID", "PARABOLIC", "PYRAMIDAL":
		s.L = d.Num(l, 5, "storage length", d.u.length)
		s.W = d.NumOr(l, 6, "storage width", d.u.length)
		s.Z = d.FloatOr(l, 7, "storage side slope", 0)
		if s.Shape == "PARABOLOID" || s.Shape == "PARABOLIC" {
			s.Z = d.Finite(l.Num, s.Z*d.u.length, "paraboloid height")
		}
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: storage shape %q", ErrKeyword, l.Fields[4])
		return
	}
	s.SurchargeDepth = d.NumOr(l, next, "surcharge depth", d.u.length)
	s.EvapFactor = d.FloatOr(l, next+1, "evaporation factor", 0)
	if len(l.Fields) > next+2 {
		s.HasSeepage = true
		s.Suction = d.Num(l, next+2, "seepage suction head", d.u.small)
		s.Ksat = d.NumOr(l, next+3, "seepage conductivity", d.u.rain)
		s.IMD = d.FloatOr(l, next+4, "seepage initial deficit", 0)
	}
	if d.DefineNode(l, "storage unit") {
		d.m.Storage = append(d.m.Storage, s)
	}
}

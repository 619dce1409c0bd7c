package swmm

import (
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// RainGage is a [RAINGAGES] entry.
type RainGage struct {
	Name string
	// Format is INTENSITY, VOLUME or CUMULATIVE.
	Format string
	// Interval is the recording interval, s.
	Interval float64
	// SCF is the snow catch factor (dimensionless).
	SCF float64
	// Source is TIMESERIES or FILE.
	Source string
	// Series names the [TIMESERIES] entry for TIMESERIES sources.
	Series string
	// File, Station and FileUnits (IN or MM) describe a FILE source; the
	// file's values are not read, so they keep the units FileUnits names.
	File, Station, FileUnits string
}

// Subcatchment is a [SUBCATCHMENTS] entry.
type Subcatchment struct {
	Name     string
	RainGage string
	// Outlet is the node or subcatchment receiving the runoff.
	Outlet string
	// Area is the plan area, m² (file: acres or hectares).
	Area float64
	// Imperv is the impervious share, percent.
	Imperv float64
	// Width is the characteristic overland-flow width, m.
	Width float64
	// Slope is the average surface slope, percent.
	Slope float64
	// CurbLength is the curb length for pollutant build-up, m.
	CurbLength float64
	// SnowPack names a [SNOWPACKS] entry, or "".
	SnowPack string
}

// Subarea is a [SUBAREAS] entry: the surface parameters of a subcatchment.
type Subarea struct {
	Subcatchment string
	// NImperv and NPerv are Manning's n for overland flow (dimensionless).
	NImperv, NPerv float64
	// SImperv and SPerv are depression storage depths, m (file: in or mm).
	SImperv, SPerv float64
	// PctZero is the impervious share with no depression storage, percent.
	PctZero float64
	// RouteTo is OUTLET, IMPERVIOUS or PERVIOUS.
	RouteTo string
	// PctRouted is the share of runoff routed between sub-areas, percent
	// (default 100).
	PctRouted float64
}

// Infiltration methods ([OPTIONS] INFILTRATION and per-line overrides).
const (
	Horton            = "HORTON"
	ModifiedHorton    = "MODIFIED_HORTON"
	GreenAmpt         = "GREEN_AMPT"
	ModifiedGreenAmpt = "MODIFIED_GREEN_AMPT"
	CurveNumber       = "CURVE_NUMBER"
)

// Infiltration is an [INFILTRATION] entry. Only the fields of Method are set.
type Infiltration struct {
	Subcatchment string
	// Method is one of the infiltration method constants.
	Method string
	// MethodGiven says whether the line named its method (SWMM 5.2 form);
	// otherwise Method is the [OPTIONS] default.
	MethodGiven bool

	// Horton: MaxRate and MinRate are the initial and final infiltration
	// rates, mm/h; Decay is the decay constant, 1/s (file: 1/h); MaxVolume
	// is the maximum infiltration volume, m (0: none).
	MaxRate, MinRate, Decay, MaxVolume float64
	// DryTime is the time for a fully saturated soil to dry, s (file: days;
	// Horton and curve number).
	DryTime float64
	// Green-Ampt: Suction is the soil capillary suction head, m; Ksat the
	// saturated hydraulic conductivity, mm/h (for curve number the unused
	// conductivity column); IMD the initial moisture deficit (fraction).
	Suction, Ksat, IMD float64
	// CurveNumber is the SCS runoff curve number (curve-number method).
	CurveNumber float64
}

func (d *decoder) rainGage(l *inp.Line) {
	if !d.Need(l, 5, "rain gage") {
		return
	}
	g := RainGage{Name: l.Fields[0], Format: strings.ToUpper(l.Fields[1]), Source: strings.ToUpper(l.Fields[4])}
	d.Keyword(l, 1, g.Format, "rain gage format", "INTENSITY", "VOLUME", "CUMULATIVE")
	g.Interval = d.clock(l, 2, "rain gage interval")
	g.SCF = d.Float(l, 3, "snow catch factor")
	switch g.Source {
	case "TIMESERIES":
		if d.Need(l, 6, "rain gage with TIMESERIES source") {
			g.Series = l.Fields[5]
		}
	case "FILE":
		if d.Need(l, 6, "rain gage with FILE source") {
			g.File, g.Station, g.FileUnits = l.Fields[5], inp.Str(l, 6), strings.ToUpper(inp.Str(l, 7))
		}
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: rain gage source %q (want TIMESERIES or FILE)", ErrKeyword, l.Fields[4])
	}
	if d.Define(d.gages, l, "rain gage") {
		d.m.RainGages = append(d.m.RainGages, g)
	}
}

func (d *decoder) subcatchment(l *inp.Line) {
	if !d.Need(l, 7, "subcatchment") {
		return
	}
	s := Subcatchment{Name: l.Fields[0], RainGage: l.Fields[1], Outlet: l.Fields[2]}
	s.Area = d.Num(l, 3, "area", d.u.landArea)
	s.Imperv = d.Float(l, 4, "percent impervious")
	s.Width = d.Num(l, 5, "width", d.u.length)
	s.Slope = d.Float(l, 6, "slope")
	s.CurbLength = d.NumOr(l, 7, "curb length", d.u.length)
	s.SnowPack = inp.Str(l, 8)
	if d.Define(d.subcatch, l, "subcatchment") {
		d.m.Subcatchments = append(d.m.Subcatchments, s)
	}
}

func (d *decoder) subarea(l *inp.Line) {
	if !d.Need(l, 6, "subarea") {
		return
	}
	s := Subarea{Subcatchment: l.Fields[0], RouteTo: "OUTLET", PctRouted: 100}
	s.NImperv = d.Float(l, 1, "N-Imperv")
	s.NPerv = d.Float(l, 2, "N-Perv")
	s.SImperv = d.Num(l, 3, "S-Imperv", d.u.small)
	s.SPerv = d.Num(l, 4, "S-Perv", d.u.small)
	s.PctZero = d.Float(l, 5, "PctZero")
	if len(l.Fields) > 6 {
		s.RouteTo = strings.ToUpper(l.Fields[6])
		d.Keyword(l, 6, s.RouteTo, "subarea routing", "OUTLET", "IMPERVIOUS", "PERVIOUS")
	}
	s.PctRouted = d.FloatOr(l, 7, "PctRouted", 100)
	d.m.Subareas = append(d.m.Subareas, s)
}

var infilMethods = []string{Horton, ModifiedHorton, GreenAmpt, ModifiedGreenAmpt, CurveNumber}

func (d *decoder) infiltration(l *inp.Line) {
	if !d.Need(l, 2, "infiltration") {
		return
	}
	f := Infiltration{Subcatchment: l.Fields[0], Method: d.m.Options.Infiltration}
	nums := l.Fields[1:]
	if last := strings.ToUpper(nums[len(nums)-1]); inp.OneOf(last, infilMethods...) {
		f.Method, f.MethodGiven = last, true
		nums = nums[:len(nums)-1]
	}
	row := &inp.Line{Num: l.Num, Fields: nums}
	switch f.Method {
	case Horton, ModifiedHorton:
		if !d.Need(row, 4, "Horton infiltration") {
			return
		}
		f.MaxRate = d.Num(row, 0, "max. infiltration rate", d.u.rain)
		f.MinRate = d.Num(row, 1, "min. infiltration rate", d.u.rain)
		f.Decay = d.Float(row, 2, "decay constant") / HourS
		f.DryTime = d.Num(row, 3, "drying time", DayS)
		f.MaxVolume = d.NumOr(row, 4, "max. infiltration volume", d.u.small)
	case GreenAmpt, ModifiedGreenAmpt:
		if !d.Need(row, 3, "Green-Ampt infiltration") {
			return
		}
		f.Suction = d.Num(row, 0, "suction head", d.u.small)
		f.Ksat = d.Num(row, 1, "conductivity", d.u.rain)
		f.IMD = d.Float(row, 2, "initial deficit")
	case CurveNumber:
		if !d.Need(row, 3, "curve-number infiltration") {
			return
		}
		f.CurveNumber = d.Float(row, 0, "curve number")
		f.Ksat = d.Num(row, 1, "conductivity", d.u.rain)
		f.DryTime = d.Num(row, 2, "drying time", DayS)
	}
	d.m.Infiltration = append(d.m.Infiltration, f)
}

package swmm

import (
	"fmt"
	"math"
	"time"
)

func (e *encoder) hydrology() {
	m, u := e.m, e.u
	if len(m.RainGages) > 0 {
		e.section("RAINGAGES")
	}
	for _, g := range m.RainGages {
		if g.Source == "FILE" {
			e.row(e.id(g.Name), g.Format, clock(g.Interval), e.n(g.SCF), "FILE", e.quoted(g.File), e.opt(g.Station), e.opt(g.FileUnits))
		} else {
			e.row(e.id(g.Name), g.Format, clock(g.Interval), e.n(g.SCF), "TIMESERIES", e.id(g.Series))
		}
	}
	if len(m.Subcatchments) > 0 {
		e.section("SUBCATCHMENTS")
	}
	for _, s := range m.Subcatchments {
		e.row(e.id(s.Name), e.id(s.RainGage), e.id(s.Outlet), e.f(s.Area, u.landArea), e.n(s.Imperv),
			e.f(s.Width, u.length), e.n(s.Slope), e.f(s.CurbLength, u.length), e.opt(s.SnowPack))
	}
	if len(m.Subareas) > 0 {
		e.section("SUBAREAS")
	}
	for _, s := range m.Subareas {
		if s.RouteTo == "" {
			s.RouteTo = "OUTLET" // SWMM's default
		}
		e.row(e.id(s.Subcatchment), e.n(s.NImperv), e.n(s.NPerv), e.f(s.SImperv, u.small), e.f(s.SPerv, u.small),
			e.n(s.PctZero), e.id(s.RouteTo), e.n(s.PctRouted))
	}
	if len(m.Infiltration) > 0 {
		e.section("INFILTRATION")
	}
	for _, f := range m.Infiltration {
		e.infiltration(f)
	}
}

func (e *encoder) infiltration(f Infiltration) {
	u := e.u
	var cols []string
	switch f.Method {
	case Horton, ModifiedHorton:
		cols = []string{e.f(f.MaxRate, u.rain), e.f(f.MinRate, u.rain), e.f(f.Decay, 1/HourS),
			e.f(f.DryTime, DayS), e.f(f.MaxVolume, u.small)}
	case GreenAmpt, ModifiedGreenAmpt:
		cols = []string{e.f(f.Suction, u.small), e.f(f.Ksat, u.rain), e.n(f.IMD)}
	case CurveNumber:
		cols = []string{e.n(f.CurveNumber), e.f(f.Ksat, u.rain), e.f(f.DryTime, DayS)}
	default:
		e.fail("infiltration method %q of %q", f.Method, f.Subcatchment)
		return
	}
	if f.MethodGiven || f.Method != e.m.Options.Infiltration {
		cols = append(cols, f.Method)
	}
	e.row(append([]string{e.id(f.Subcatchment)}, cols...)...)
}

func (e *encoder) nodes() {
	m, u := e.m, e.u
	if len(m.Junctions) > 0 {
		e.section("JUNCTIONS")
	}
	for _, j := range m.Junctions {
		e.row(e.id(j.Name), e.f(j.Elevation, u.length), e.f(j.MaxDepth, u.length), e.f(j.InitDepth, u.length),
			e.f(j.SurchargeDepth, u.length), e.f(j.PondedArea, u.area))
	}
	if len(m.Outfalls) > 0 {
		e.section("OUTFALLS")
	}
	for _, o := range m.Outfalls {
		if o.Type == "" {
			o.Type = OutfallFree
		}
		cols := []string{e.id(o.Name), e.f(o.Elevation, u.length), o.Type}
		switch o.Type {
		case OutfallFixed:
			cols = append(cols, e.f(o.Stage, u.length))
		case OutfallTidal:
			cols = append(cols, e.id(o.Curve))
		case OutfallTimeseries:
			cols = append(cols, e.id(o.Series))
		}
		e.row(append(cols, yesNo(o.Gated), e.opt(o.RouteTo))...)
	}
	if len(m.Dividers) > 0 {
		e.section("DIVIDERS")
	}
	for _, v := range m.Dividers {
		cols := []string{e.id(v.Name), e.f(v.Elevation, u.length), e.id(v.Link), v.Type}
		switch v.Type {
		case "CUTOFF":
			cols = append(cols, e.f(v.CutoffFlow, u.flow))
		case "TABULAR":
			cols = append(cols, e.id(v.Curve))
		case "WEIR":
			cols = append(cols, e.f(v.CutoffFlow, u.flow), e.f(v.WeirHeight, u.length), e.f(v.WeirCoef, u.weir))
		}
		e.row(append(cols, e.f(v.MaxDepth, u.length), e.f(v.InitDepth, u.length),
			e.f(v.SurchargeDepth, u.length), e.f(v.PondedArea, u.area))...)
	}
	if len(m.Storage) > 0 {
		e.section("STORAGE")
	}
	for _, s := range m.Storage {
		e.storage(s)
	}
}

func (e *encoder) storage(s Storage) {
	u := e.u
	cols := []string{e.id(s.Name), e.f(s.Elevation, u.length), e.f(s.MaxDepth, u.length), e.f(s.InitDepth, u.length), s.Shape}
	switch s.Shape {
	case "TABULAR":
		cols = append(cols, e.id(s.Curve))
	case "FUNCTIONAL":
		cols = append(cols, e.f(s.Coeff, math.Pow(u.length, 2-s.Exponent)), e.n(s.Exponent), e.f(s.Constant, u.area))
	default:
		z := 1.0
		if s.Shape == "PARABOLOID" || s.Shape == "PARABOLIC" {
			z = u.length
		}
		cols = append(cols, e.f(s.L, u.length), e.f(s.W, u.length), e.f(s.Z, z))
	}
	cols = append(cols, e.f(s.SurchargeDepth, u.length), e.n(s.EvapFactor))
	if s.HasSeepage {
		cols = append(cols, e.f(s.Suction, u.small), e.f(s.Ksat, u.rain), e.n(s.IMD))
	}
	e.row(cols...)
}

func (e *encoder) links() {
	m, u := e.m, e.u
	if len(m.Conduits) > 0 {
		e.section("CONDUITS")
	}
	for _, c := range m.Conduits {
		e.row(e.id(c.Name), e.id(c.From), e.id(c.To), e.f(c.Length, u.length), e.n(c.Roughness),
			e.off(c.InOffset), e.off(c.OutOffset), e.f(c.InitFlow, u.flow), e.f(c.MaxFlow, u.flow))
	}
	if len(m.Pumps) > 0 {
		e.section("PUMPS")
	}
	for _, p := range m.Pumps {
		status := "OFF"
		if p.On {
			status = "ON"
		}
		e.row(e.id(p.Name), e.id(p.From), e.id(p.To), e.id(p.Curve), status, e.f(p.Startup, u.length), e.f(p.Shutoff, u.length))
	}
	if len(m.Orifices) > 0 {
		e.section("ORIFICES")
	}
	for _, o := range m.Orifices {
		e.row(e.id(o.Name), e.id(o.From), e.id(o.To), o.Type, e.off(o.Offset), e.n(o.Coef), yesNo(o.Gated), e.f(o.CloseTime, HourS))
	}
	if len(m.Weirs) > 0 {
		e.section("WEIRS")
	}
	for _, w := range m.Weirs {
		e.row(e.id(w.Name), e.id(w.From), e.id(w.To), w.Type, e.off(w.CrestHeight), e.f(w.Coef, u.weir),
			yesNo(w.Gated), e.n(w.EndContractions), e.f(w.EndCoef, u.weir), yesNo(w.Surcharge),
			e.f(w.RoadWidth, u.length), e.opt(w.RoadSurface), e.opt(w.CoefCurve))
	}
	if len(m.Outlets) > 0 {
		e.section("OUTLETS")
	}
	for _, o := range m.Outlets {
		if o.Curve != "" {
			e.row(e.id(o.Name), e.id(o.From), e.id(o.To), e.off(o.Offset), o.Type, e.id(o.Curve), yesNo(o.Gated))
			continue
		}
		c := e.f(o.Coef, u.flow/math.Pow(u.length, o.Exponent))
		e.row(e.id(o.Name), e.id(o.From), e.id(o.To), e.off(o.Offset), o.Type, c, e.n(o.Exponent), yesNo(o.Gated))
	}
}

func (e *encoder) xsections() {
	m := e.m
	if len(m.XSections) > 0 {
		e.section("XSECTIONS")
	}
	for _, x := range m.XSections {
		switch x.Shape {
		case "IRREGULAR", "STREET":
			e.row(e.id(x.Link), x.Shape, e.id(x.Curve))
		case "CUSTOM":
			e.row(e.id(x.Link), x.Shape, e.f(x.Geom[0], e.u.length), e.id(x.Curve), fmt.Sprint(x.Barrels))
		default:
			k := geomFactors(x.Shape, e.u, m.Options.ForceMainEquation)
			e.row(e.id(x.Link), x.Shape, e.f(x.Geom[0], k[0]), e.f(x.Geom[1], k[1]), e.f(x.Geom[2], k[2]),
				e.f(x.Geom[3], k[3]), fmt.Sprint(x.Barrels), fmt.Sprint(x.Culvert))
		}
	}
	if len(m.Losses) > 0 {
		e.section("LOSSES")
	}
	for _, l := range m.Losses {
		e.row(e.id(l.Link), e.n(l.Entry), e.n(l.Exit), e.n(l.Avg), yesNo(l.FlapGate), e.f(l.Seepage, e.u.rain))
	}
}

func (e *encoder) inputs() {
	m := e.m
	if len(m.Inflows) > 0 {
		e.section("INFLOWS")
	}
	for _, in := range m.Inflows {
		k := 1.0
		if in.Constituent == "FLOW" {
			k = e.u.flow
		}
		series := e.opt(in.Series)
		if series == "" {
			series = `""`
		}
		e.row(e.id(in.Node), e.id(in.Constituent), series, in.Type, e.n(in.UnitFactor), e.n(in.ScaleFactor),
			e.f(in.Baseline, k), e.opt(in.Pattern))
	}
	if len(m.DWF) > 0 {
		e.section("DWF")
	}
	for _, w := range m.DWF {
		k := 1.0
		if w.Constituent == "FLOW" {
			k = e.u.flow
		}
		cols := []string{e.id(w.Node), e.id(w.Constituent), e.f(w.Baseline, k)}
		for _, p := range w.Patterns {
			cols = append(cols, e.opt(p))
		}
		e.row(cols...)
	}
}

func (e *encoder) curvesAndSeries() {
	m := e.m
	if len(m.Curves) > 0 {
		e.section("CURVES")
	}
	for _, c := range m.Curves {
		kx, ky := curveFactors(c.Type, e.u)
		if len(c.X) != len(c.Y) {
			e.fail("curve %q has %d x and %d y values", c.Name, len(c.X), len(c.Y))
			return
		}
		for i := range c.X {
			if i == 0 {
				e.row(e.id(c.Name), c.Type, e.f(c.X[i], kx), e.f(c.Y[i], ky))
			} else {
				e.row(e.id(c.Name), e.f(c.X[i], kx), e.f(c.Y[i], ky))
			}
		}
		if len(c.X) == 0 {
			e.row(e.id(c.Name), c.Type)
		}
	}
	if len(m.TimeSeries) > 0 {
		e.section("TIMESERIES")
	}
	for _, ts := range m.TimeSeries {
		e.series(ts)
	}
	if len(m.Patterns) > 0 {
		e.section("PATTERNS")
	}
	for _, p := range m.Patterns {
		for i := 0; i == 0 || i < len(p.Factors); i += 6 {
			cols := []string{e.id(p.Name)}
			if i == 0 {
				cols = append(cols, p.Type)
			}
			for _, v := range p.Factors[i:min(i+6, len(p.Factors))] {
				cols = append(cols, e.n(v))
			}
			e.row(cols...)
		}
	}
}

func (e *encoder) series(ts TimeSeries) {
	if ts.File != "" {
		e.row(e.id(ts.Name), "FILE", e.quoted(ts.File))
		return
	}
	k := 1.0
	switch ts.Unit {
	case "mm/h", "mm":
		k = e.u.rain
	case "m":
		k = e.u.length
	case "m3/s":
		k = e.u.flow
	}
	if len(ts.Times) != len(ts.Values) {
		e.fail("time series %q has %d times and %d values", ts.Name, len(ts.Times), len(ts.Values))
		return
	}
	for i, t := range ts.Times {
		if !ts.Dated {
			e.row(e.id(ts.Name), clock(t), e.f(ts.Values[i], k))
			continue
		}
		abs := float64(ts.Epoch.Unix()) + t
		day := math.Floor(abs / DayS)
		d := time.Unix(int64(day*DayS), 0).UTC()
		e.row(e.id(ts.Name), date(d), clock(abs-day*DayS), e.f(ts.Values[i], k))
	}
}

func (e *encoder) raw() {
	for _, s := range e.m.Raw {
		e.section(s.Name)
		if e.m.Options.IsUS() {
			fmt.Fprintf(e.w, ";; kept verbatim from a %s (US customary) source\n", e.m.Options.FlowUnits)
		}
		for _, l := range s.Lines {
			fmt.Fprintln(e.w, l)
		}
	}
}

func (e *encoder) mapData() {
	m := e.m
	if m.Map.HasDimensions || m.Map.Units != "" {
		e.section("MAP")
		if d := m.Map.Dimensions; m.Map.HasDimensions {
			e.row("DIMENSIONS", e.n(d[0]), e.n(d[1]), e.n(d[2]), e.n(d[3]))
		}
		if m.Map.Units != "" {
			e.row("UNITS", m.Map.Units)
		}
	}
	e.points("COORDINATES", m.Coordinates)
	e.paths("VERTICES", m.Vertices)
	e.paths("POLYGONS", m.Polygons)
	e.points("SYMBOLS", m.Symbols)
	if len(m.Tags) > 0 {
		e.section("TAGS")
	}
	for _, t := range m.Tags {
		e.row(e.id(t.Kind), e.id(t.Name), e.id(t.Tag))
	}
}

func (e *encoder) points(name string, pts []Point) {
	if len(pts) > 0 {
		e.section(name)
	}
	for _, p := range pts {
		e.row(e.id(p.Name), e.n(p.Pt[0]), e.n(p.Pt[1]))
	}
}

func (e *encoder) paths(name string, paths []Path) {
	if len(paths) > 0 {
		e.section(name)
	}
	for _, p := range paths {
		for _, pt := range p.Points {
			e.row(e.id(p.Name), e.n(pt[0]), e.n(pt[1]))
		}
	}
}

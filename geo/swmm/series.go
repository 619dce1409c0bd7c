package swmm

import (
	"strings"
	"time"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Inflow is an [INFLOWS] entry: an external inflow at a node.
type Inflow struct {
	Node string
	// Constituent is FLOW or a pollutant name.
	Constituent string
	// Series names the time series ("" for a constant baseline only).
	Series string
	// Type is FLOW, CONCEN or MASS.
	Type string
	// UnitFactor (SWMM's Mfactor) converts mass-inflow units; ScaleFactor
	// multiplies the series values.
	UnitFactor, ScaleFactor float64
	// Baseline is a constant added to the series: m³/s for FLOW, the
	// pollutant's units otherwise.
	Baseline float64
	// Pattern names a pattern scaling Baseline, or "".
	Pattern string
}

// DWF is a [DWF] entry: a dry-weather inflow at a node.
type DWF struct {
	Node        string
	Constituent string
	// Baseline is the average value: m³/s for FLOW.
	Baseline float64
	// Patterns are up to four time patterns (monthly, daily, hourly,
	// weekend), "" for none; trailing empty ones are left out.
	Patterns []string
}

// Curve is a [CURVES] entry. X and Y are converted to SI by Type:
// STORAGE (depth m, area m²), SHAPE (ratios), DIVERSION (m³/s, m³/s), TIDAL
// (s, stage m), PUMP1 (volume m³, m³/s), PUMP2..PUMP5 (depth or head m,
// m³/s), RATING (head m, m³/s), CONTROL (as given), WEIR (head m, SI weir
// coefficient).
type Curve struct {
	Name string
	// Type is the upper-case curve type keyword.
	Type string
	X, Y []float64
}

// curveTypes lists SWMM 5.2's curve types.
var curveTypes = []string{"STORAGE", "SHAPE", "DIVERSION", "TIDAL", "PUMP1", "PUMP2",
	"PUMP3", "PUMP4", "PUMP5", "RATING", "CONTROL", "WEIR"}

// curveFactors returns the factors for X and Y of a curve of type t.
func curveFactors(t string, u units) (kx, ky float64) {
	switch t {
	case "STORAGE":
		return u.length, u.area
	case "DIVERSION":
		return u.flow, u.flow
	case "TIDAL":
		return HourS, u.length
	case "PUMP1":
		return u.volume, u.flow
	case "PUMP2", "PUMP3", "PUMP4", "PUMP5", "RATING":
		return u.length, u.flow
	case "WEIR":
		return u.length, u.weir
	}
	return 1, 1
}

// TimeSeries is a [TIMESERIES] entry.
type TimeSeries struct {
	Name string
	// File is set, instead of Times and Values, for a series read from a file.
	File string
	// Times are seconds from the simulation start, or from Epoch when Dated.
	Times  []float64
	Values []float64
	// Dated says whether the file gave calendar dates; Epoch is then the
	// midnight (UTC wall-clock) of the first date.
	Dated bool
	Epoch time.Time
	// Unit is the unit of Values after conversion by use: "mm/h" (rain
	// intensity), "mm" (rain volume), "m" (outfall stage), "m3/s" (flow
	// inflow), or "" when the series' use is unknown, not a physical unit
	// that converts, or ambiguous: the values are then as in the file.
	Unit string
}

// Pattern is a [PATTERNS] entry: time-pattern multipliers.
type Pattern struct {
	Name string
	// Type is MONTHLY, DAILY, HOURLY or WEEKEND.
	Type    string
	Factors []float64
}

func (d *decoder) inflow(l *inp.Line) {
	if !d.Need(l, 3, "inflow") {
		return
	}
	in := Inflow{Node: l.Fields[0], Constituent: l.Fields[1], Series: l.Fields[2], UnitFactor: 1, ScaleFactor: 1}
	flow := strings.EqualFold(in.Constituent, "FLOW")
	in.Type = "CONCEN"
	if flow {
		in.Constituent, in.Type = "FLOW", "FLOW"
	}
	if t := strings.ToUpper(inp.Str(l, 3)); t != "" {
		in.Type = t
		d.Keyword(l, 3, t, "inflow type", "FLOW", "CONCEN", "MASS")
	}
	in.UnitFactor = d.FloatOr(l, 4, "units factor", 1)
	in.ScaleFactor = d.FloatOr(l, 5, "scale factor", 1)
	k := 1.0
	if flow {
		k = d.u.flow
	}
	in.Baseline = d.NumOr(l, 6, "baseline", k)
	in.Pattern = inp.Str(l, 7)
	d.m.Inflows = append(d.m.Inflows, in)
}

func (d *decoder) dwf(l *inp.Line) {
	if !d.Need(l, 3, "dry-weather flow") {
		return
	}
	w := DWF{Node: l.Fields[0], Constituent: l.Fields[1]}
	k := 1.0
	if strings.EqualFold(w.Constituent, "FLOW") {
		w.Constituent, k = "FLOW", d.u.flow
	}
	w.Baseline = d.Num(l, 2, "baseline", k)
	pats := l.Fields[min(len(l.Fields), 3):min(len(l.Fields), 7)]
	for len(pats) > 0 && pats[len(pats)-1] == "" {
		pats = pats[:len(pats)-1]
	}
	if len(pats) > 0 {
		w.Patterns = append([]string(nil), pats...)
	}
	d.m.DWF = append(d.m.DWF, w)
}

func (d *decoder) curve(l *inp.Line) {
	if !d.Need(l, 2, "curve") {
		return
	}
	i, added := inp.Entry(d.curveIdx, &d.m.Curves, l.Fields[0], Curve{Name: l.Fields[0]})
	if added {
		d.curveLine = append(d.curveLine, l.Num)
	}
	c := &d.m.Curves[i]
	vals := l.Fields[1:]
	if _, err := inp.ParseFloat(vals[0]); err != nil {
		t := strings.ToUpper(vals[0])
		if !inp.OneOf(t, curveTypes...) {
			d.Failf(l.Num, geo.ErrSyntax, "%w: curve type %q", ErrKeyword, vals[0])
			return
		}
		if c.Type != "" && c.Type != t {
			d.Failf(l.Num, geo.ErrInvalid, "curve %q changes type from %s to %s", c.Name, c.Type, t)
			return
		}
		c.Type, vals = t, vals[1:]
	}
	if c.Type == "" {
		d.Failf(l.Num, geo.ErrSyntax, "curve %q has no type on its first line", c.Name)
		return
	}
	if len(vals)%2 != 0 {
		d.Failf(l.Num, geo.ErrSyntax, "curve %q: %d values do not make x-y pairs", c.Name, len(vals))
		return
	}
	row := &inp.Line{Num: l.Num, Fields: vals}
	for j := 0; j < len(vals); j += 2 {
		c.X = append(c.X, d.Float(row, j, "curve x"))
		c.Y = append(c.Y, d.Float(row, j+1, "curve y"))
	}
}

func (d *decoder) pattern(l *inp.Line) {
	if !d.Need(l, 2, "pattern") {
		return
	}
	i, _ := inp.Entry(d.patternIdx, &d.m.Patterns, l.Fields[0], Pattern{Name: l.Fields[0]})
	p := &d.m.Patterns[i]
	vals := l.Fields[1:]
	if t := strings.ToUpper(vals[0]); inp.OneOf(t, "MONTHLY", "DAILY", "HOURLY", "WEEKEND") {
		if p.Type != "" {
			d.Failf(l.Num, geo.ErrInvalid, "pattern %q gives its type twice", p.Name)
			return
		}
		p.Type, vals = t, vals[1:]
	}
	if p.Type == "" {
		d.Failf(l.Num, geo.ErrSyntax, "%w: pattern %q has no type (MONTHLY, DAILY, HOURLY or WEEKEND)", ErrKeyword, p.Name)
		return
	}
	row := &inp.Line{Num: l.Num, Fields: vals}
	for j := range vals {
		p.Factors = append(p.Factors, d.Float(row, j, "pattern factor"))
	}
}

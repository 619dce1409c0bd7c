package epanet

import (
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Demand is a [DEMANDS] entry: one demand category of a junction.
type Demand struct {
	Junction string
	// Demand is the base demand, m³/s.
	Demand float64
	// Pattern names the demand pattern, or "".
	Pattern string
	// Category is the category name EPANET keeps in the line's comment.
	Category string
}

// Status is a [STATUS] entry: a link's initial status or setting, as
// written (OPEN, CLOSED, ACTIVE, or a number in the file's units).
type Status struct {
	Link  string
	Value string
}

// Emitter is an [EMITTERS] entry: a pressure-dependent outflow
// Q = Coef·p^EmitterExponent with Q in m³/s and p in m of head.
type Emitter struct {
	Junction string
	Coef     float64
}

// Quality is a [QUALITY] entry: a node's initial water quality, in the
// QUALITY option's unit (no conversion).
type Quality struct {
	Node  string
	Value float64
}

// Source is a [SOURCES] entry: a water-quality source.
type Source struct {
	Node string
	// Type is CONCEN, MASS, FLOWPACED or SETPOINT.
	Type     string
	Strength float64
	Pattern  string
}

// Mixing is a [MIXING] entry: a tank's mixing model.
type Mixing struct {
	Tank string
	// Model is MIXED, 2COMP, FIFO or LIFO.
	Model string
	// Fraction is the mixing zone's volume fraction (2COMP), else 0.
	Fraction float64
}

// Pattern is a [PATTERNS] entry: demand or head multipliers, one per
// pattern time step.
type Pattern struct {
	Name    string
	Factors []float64
}

// Curve is a [CURVES] entry. X and Y are converted to SI by the use the
// model makes of the curve: pump head (flow m³/s, head m), pump efficiency
// (flow m³/s, percent), tank volume (level m, volume m³) or GPV head loss
// (flow m³/s, loss m). Unit says which; it is "" when the curve is unused,
// has conflicting uses or a use with no unit change, and then X and Y are
// as in the file.
type Curve struct {
	Name string
	// Type is the type EPANET's editor notes in a comment above the first
	// point ("PUMP", "EFFICIENCY", "VOLUME", "HEADLOSS"), or "".
	Type string
	X, Y []float64
	// Unit names the converted use: "head", "efficiency", "volume",
	// "headloss" or "".
	Unit string
}

func (d *decoder) demand(l *inp.Line) {
	if !d.Need(l, 2, "demand") {
		return
	}
	x := Demand{Junction: l.Fields[0], Pattern: inp.Str(l, 2), Category: l.Comment}
	x.Demand = d.Num(l, 1, "demand", d.u.flow)
	d.m.Demands = append(d.m.Demands, x)
}

func (d *decoder) status(l *inp.Line) {
	if d.Need(l, 2, "status") {
		d.m.Status = append(d.m.Status, Status{Link: l.Fields[0], Value: l.Fields[1]})
	}
}

func (d *decoder) emitter(l *inp.Line) {
	if !d.Need(l, 2, "emitter") {
		return
	}
	// Q = C·p^γ: C_SI = C · (m³/s per flow unit) / (m per pressure unit)^γ.
	k := d.u.flow / math.Pow(d.u.pressure, d.m.Options.EmitterExponent)
	d.m.Emitters = append(d.m.Emitters, Emitter{Junction: l.Fields[0], Coef: d.Num(l, 1, "emitter coefficient", k)})
}

func (d *decoder) quality(l *inp.Line) {
	if d.Need(l, 2, "initial quality") {
		d.m.Quality = append(d.m.Quality, Quality{Node: l.Fields[0], Value: d.Float(l, 1, "initial quality")})
	}
}

func (d *decoder) source(l *inp.Line) {
	if !d.Need(l, 3, "source") {
		return
	}
	s := Source{Node: l.Fields[0], Type: strings.ToUpper(l.Fields[1]), Pattern: inp.Str(l, 3)}
	d.Keyword(l, 1, s.Type, "source type", "CONCEN", "MASS", "FLOWPACED", "SETPOINT")
	s.Strength = d.Float(l, 2, "source strength")
	d.m.Sources = append(d.m.Sources, s)
}

func (d *decoder) mixing(l *inp.Line) {
	if !d.Need(l, 2, "mixing") {
		return
	}
	x := Mixing{Tank: l.Fields[0], Model: strings.ToUpper(l.Fields[1])}
	d.Keyword(l, 1, x.Model, "mixing model", "MIXED", "2COMP", "FIFO", "LIFO")
	x.Fraction = d.FloatOr(l, 2, "mixing fraction", 0)
	d.m.Mixing = append(d.m.Mixing, x)
}

func (d *decoder) pattern(l *inp.Line) {
	if !d.Need(l, 2, "pattern") {
		return
	}
	i, _ := inp.Entry(d.patternIdx, &d.m.Patterns, l.Fields[0], Pattern{Name: l.Fields[0]})
	p := &d.m.Patterns[i]
	for j := 1; j < len(l.Fields); j++ {
		p.Factors = append(p.Factors, d.Float(l, j, "pattern factor"))
	}
}

func (d *decoder) curve(l *inp.Line) {
	if !d.Need(l, 3, "curve point") {
		return
	}
	if (len(l.Fields)-1)%2 != 0 {
		d.Failf(l.Num, geo.ErrSyntax, "curve %q: %d values do not make x-y pairs", l.Fields[0], len(l.Fields)-1)
		return
	}
	i, added := inp.Entry(d.curveIdx, &d.m.Curves, l.Fields[0], Curve{Name: l.Fields[0]})
	if added {
		d.m.Curves[i].Type = curveTypeNote(l.Notes)
		d.curveLine = append(d.curveLine, l.Num)
	}
	c := &d.m.Curves[i]
	for j := 1; j < len(l.Fields); j += 2 {
		c.X = append(c.X, d.Float(l, j, "curve x"))
		c.Y = append(c.Y, d.Float(l, j+1, "curve y"))
	}
}

// curveTypeNote reads EPANET's ";PUMP: …" style type note.
func curveTypeNote(notes []string) string {
	for _, n := range notes {
		head, _, ok := strings.Cut(n, ":")
		if t := strings.ToUpper(strings.TrimSpace(head)); ok && inp.OneOf(t, "PUMP", "EFFICIENCY", "VOLUME", "HEADLOSS") {
			return t
		}
	}
	return ""
}

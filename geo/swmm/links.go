package swmm

import (
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Link offsets (InOffset, OutOffset, Offset, CrestHeight) follow
// ModelOptions.LinkOffsets: heights above the node invert (DEPTH) or
// absolute elevations (ELEVATION), in m. NaN stands for SWMM's "*": the
// link end sits at the node invert. See Model.LinkInvert.

// Conduit is a [CONDUITS] entry.
type Conduit struct {
	Name     string
	From, To string
	// Length in m.
	Length float64
	// Roughness is Manning's n (the same number in US and SI files).
	Roughness float64
	// InOffset and OutOffset place the conduit's ends, m (see above).
	InOffset, OutOffset float64
	// InitFlow is the initial flow, m³/s; MaxFlow the flow limit, m³/s (0: none).
	InitFlow, MaxFlow float64
}

// Pump is a [PUMPS] entry.
type Pump struct {
	Name     string
	From, To string
	// Curve names the pump curve; "*" is SWMM's ideal pump.
	Curve string
	// On is the initial status (ON unless the file says OFF).
	On bool
	// Startup and Shutoff are the inlet-node depths that switch the pump
	// on and off, m.
	Startup, Shutoff float64
}

// Orifice is an [ORIFICES] entry.
type Orifice struct {
	Name     string
	From, To string
	// Type is SIDE or BOTTOM.
	Type string
	// Offset places the orifice bottom, m (see above).
	Offset float64
	// Coef is the discharge coefficient (dimensionless).
	Coef float64
	// Gated says whether a flap gate prevents backflow.
	Gated bool
	// CloseTime is the time to open or close, s (file: hours).
	CloseTime float64
}

// Weir is a [WEIRS] entry.
type Weir struct {
	Name     string
	From, To string
	// Type is TRANSVERSE, SIDEFLOW, V-NOTCH, TRAPEZOIDAL or ROADWAY.
	Type string
	// CrestHeight places the crest, m (see above).
	CrestHeight float64
	// Coef is the discharge coefficient in SI form (Q in m³/s from lengths
	// in m); US coefficients are multiplied by √0.3048.
	Coef  float64
	Gated bool
	// EndContractions is the number of end contractions.
	EndContractions float64
	// EndCoef is the end (side-slope) discharge coefficient of trapezoidal
	// weirs, SI form.
	EndCoef float64
	// Surcharge says whether the weir may surcharge (default true).
	Surcharge bool
	// RoadWidth (m) and RoadSurface (PAVED or GRAVEL) describe ROADWAY weirs.
	RoadWidth   float64
	RoadSurface string
	// CoefCurve names a curve of discharge coefficient against head, or "".
	CoefCurve string
}

// Outlet is an [OUTLETS] entry: flow as a function of head or depth.
type Outlet struct {
	Name     string
	From, To string
	// Offset places the outlet, m (see above).
	Offset float64
	// Type is FUNCTIONAL/DEPTH, FUNCTIONAL/HEAD, TABULAR/DEPTH or TABULAR/HEAD.
	Type string
	// Coef and Exponent define Q = Coef·h^Exponent in SI (Q in m³/s, h in
	// m) for FUNCTIONAL outlets.
	Coef, Exponent float64
	// Curve names the rating curve for TABULAR outlets.
	Curve string
	Gated bool
}

// XSection is an [XSECTIONS] entry: the cross-section of a link.
type XSection struct {
	Link string
	// Shape is the SWMM shape keyword (CIRCULAR, RECT_CLOSED, TRAPEZOIDAL,
	// CUSTOM, IRREGULAR, STREET, …).
	Shape string
	// Geom holds Geom1..Geom4. Geom1 (the full height) is in m, and so are
	// Geom2 (width) for most shapes and Geom3 for RECT_TRIANGULAR,
	// RECT_ROUND and MODBASKETHANDLE; side slopes, exponents and size codes
	// are kept as given. For FORCE_MAIN, Geom2 is the Hazen-Williams C or
	// the Darcy-Weisbach roughness in m, as FORCE_MAIN_EQUATION says.
	Geom [4]float64
	// Barrels is the number of identical parallel barrels (default 1).
	Barrels int
	// Culvert is the FHWA culvert inlet code, 0 for none.
	Culvert int
	// Curve names the shape curve (CUSTOM), the transect (IRREGULAR) or the
	// street section (STREET).
	Curve string
}

// Loss is a [LOSSES] entry: minor losses and seepage of a conduit.
type Loss struct {
	Link string
	// Entry, Exit and Avg are minor-loss coefficients (dimensionless).
	Entry, Exit, Avg float64
	// FlapGate says whether a flap gate prevents backflow.
	FlapGate bool
	// Seepage is the seepage rate, mm/h.
	Seepage float64
}

func (d *decoder) conduit(l *inp.Line) {
	if !d.Need(l, 7, "conduit") {
		return
	}
	c := Conduit{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2]}
	c.Length = d.Num(l, 3, "length", d.u.length)
	c.Roughness = d.Float(l, 4, "roughness")
	c.InOffset = d.offset(l, 5, "inlet offset")
	c.OutOffset = d.offset(l, 6, "outlet offset")
	c.InitFlow = d.NumOr(l, 7, "initial flow", d.u.flow)
	c.MaxFlow = d.NumOr(l, 8, "max. flow", d.u.flow)
	if d.DefineLink(l, "conduit") {
		d.m.Conduits = append(d.m.Conduits, c)
	}
}

func (d *decoder) pump(l *inp.Line) {
	if !d.Need(l, 4, "pump") {
		return
	}
	p := Pump{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Curve: l.Fields[3], On: true}
	if len(l.Fields) > 4 {
		st := strings.ToUpper(l.Fields[4])
		d.Keyword(l, 4, st, "pump status", "ON", "OFF")
		p.On = st == "ON"
	}
	p.Startup = d.NumOr(l, 5, "startup depth", d.u.length)
	p.Shutoff = d.NumOr(l, 6, "shutoff depth", d.u.length)
	if d.DefineLink(l, "pump") {
		d.m.Pumps = append(d.m.Pumps, p)
	}
}

func (d *decoder) orifice(l *inp.Line) {
	if !d.Need(l, 6, "orifice") {
		return
	}
	o := Orifice{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Type: strings.ToUpper(l.Fields[3])}
	d.Keyword(l, 3, o.Type, "orifice type", "SIDE", "BOTTOM")
	o.Offset = d.offset(l, 4, "orifice offset")
	o.Coef = d.Float(l, 5, "discharge coefficient")
	o.Gated = d.yesNo(l, 6, "flap gate")
	o.CloseTime = d.NumOr(l, 7, "close time", HourS)
	if d.DefineLink(l, "orifice") {
		d.m.Orifices = append(d.m.Orifices, o)
	}
}

func (d *decoder) weir(l *inp.Line) {
	if !d.Need(l, 6, "weir") {
		return
	}
	w := Weir{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Type: strings.ToUpper(l.Fields[3]), Surcharge: true}
	d.Keyword(l, 3, w.Type, "weir type", "TRANSVERSE", "SIDEFLOW", "V-NOTCH", "TRAPEZOIDAL", "ROADWAY")
	w.CrestHeight = d.offset(l, 4, "crest height")
	w.Coef = d.Num(l, 5, "discharge coefficient", d.u.weir)
	w.Gated = d.yesNo(l, 6, "flap gate")
	w.EndContractions = d.FloatOr(l, 7, "end contractions", 0)
	w.EndCoef = d.NumOr(l, 8, "end coefficient", d.u.weir)
	if len(l.Fields) > 9 {
		w.Surcharge = d.yesNo(l, 9, "surcharge")
	}
	w.RoadWidth = d.NumOr(l, 10, "road width", d.u.length)
	w.RoadSurface = strings.ToUpper(inp.Str(l, 11))
	w.CoefCurve = inp.Str(l, 12)
	if d.DefineLink(l, "weir") {
		d.m.Weirs = append(d.m.Weirs, w)
	}
}

func (d *decoder) outlet(l *inp.Line) {
	if !d.Need(l, 6, "outlet") {
		return
	}
	o := Outlet{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Type: strings.ToUpper(l.Fields[4])}
	o.Offset = d.offset(l, 3, "outlet offset")
	switch o.Type {
	case "FUNCTIONAL", "FUNCTIONAL/DEPTH", "FUNCTIONAL/HEAD":
		if o.Type == "FUNCTIONAL" {
			o.Type = "FUNCTIONAL/DEPTH"
		}
		c, e := d.Float(l, 5, "outlet coefficient"), d.Float(l, 6, "outlet exponent")
		o.Coef, o.Exponent = c*d.u.flow/math.Pow(d.u.length, e), e
		o.Coef = d.Finite(l.Num, o.Coef, "outlet coefficient")
		o.Gated = d.yesNo(l, 7, "flap gate")
	case "TABULAR", "TABULAR/DEPTH", "TABULAR/HEAD":
		if o.Type == "TABULAR" {
			o.Type = "TABULAR/DEPTH"
		}
		o.Curve = l.Fields[5]
		o.Gated = d.yesNo(l, 6, "flap gate")
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: outlet type %q", ErrKeyword, l.Fields[4])
		return
	}
	if d.DefineLink(l, "outlet") {
		d.m.Outlets = append(d.m.Outlets, o)
	}
}

// shapes lists SWMM 5.2's cross-section shapes.
var shapes = []string{"CIRCULAR", "FORCE_MAIN", "FILLED_CIRCULAR", "DUMMY", "RECT_CLOSED",
	"RECT_OPEN", "TRAPEZOIDAL", "TRIANGULAR", "HORIZ_ELLIPSE", "VERT_ELLIPSE", "ARCH",
	"PARABOLIC", "POWER", "RECT_TRIANGULAR", "RECT_ROUND", "MODBASKETHANDLE", "EGG",
	"HORSESHOE", "GOTHIC", "CATENARY", "SEMIELLIPTICAL", "BASKETHANDLE", "SEMICIRCULAR",
	"CUSTOM", "IRREGULAR", "STREET"}

func (d *decoder) xsection(l *inp.Line) {
	if !d.Need(l, 3, "cross-section") {
		return
	}
	x := XSection{Link: l.Fields[0], Shape: strings.ToUpper(l.Fields[1]), Barrels: 1}
	if !inp.OneOf(x.Shape, shapes...) {
		d.Failf(l.Num, geo.ErrSyntax, "%w: cross-section shape %q", ErrKeyword, l.Fields[1])
		return
	}
	switch x.Shape {
	case "IRREGULAR", "STREET":
		x.Curve = l.Fields[2]
	case "CUSTOM":
		if !d.Need(l, 4, "CUSTOM cross-section") {
			return
		}
		x.Geom[0] = d.Num(l, 2, "Geom1", d.u.length)
		x.Curve = l.Fields[3]
		x.Barrels = d.IntOr(l, 4, "barrels", 1)
	default:
		k := d.geomFactors(x.Shape)
		for i := range x.Geom {
			x.Geom[i] = d.NumOr(l, 2+i, "Geom", k[i])
		}
		x.Barrels = d.IntOr(l, 6, "barrels", 1)
		x.Culvert = d.IntOr(l, 7, "culvert code", 0)
	}
	d.m.XSections = append(d.m.XSections, x)
}

// geomFactors returns the factors that turn Geom1..4 of shape into SI.
func (d *decoder) geomFactors(shape string) [4]float64 {
	return geomFactors(shape, d.u, d.m.Options.ForceMainEquation)
}

func geomFactors(shape string, u units, forceMain string) [4]float64 {
	k := [4]float64{u.length, u.length, 1, 1}
	switch shape {
	case "FORCE_MAIN":
		k[1] = 1
		if forceMain == "D-W" {
			k[1] = u.roughDW
		}
	case "RECT_TRIANGULAR", "RECT_ROUND", "MODBASKETHANDLE":
		k[2] = u.length
	}
	return k
}

func (d *decoder) loss(l *inp.Line) {
	if !d.Need(l, 4, "loss") {
		return
	}
	s := Loss{Link: l.Fields[0]}
	s.Entry = d.Float(l, 1, "entry loss")
	s.Exit = d.Float(l, 2, "exit loss")
	s.Avg = d.Float(l, 3, "average loss")
	s.FlapGate = d.yesNo(l, 4, "flap gate")
	s.Seepage = d.NumOr(l, 5, "seepage rate", d.u.rain)
	d.m.Losses = append(d.m.Losses, s)
}

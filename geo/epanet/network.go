package epanet

import (
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Junction is a [JUNCTIONS] entry. Its elevation is the ground level at the
// node (EPANET has no separate ground); Dataset buries pipes below it.
type Junction struct {
	Name string
	// Elevation in m.
	Elevation float64
	// Demand is the base demand, m³/s ([DEMANDS] may list more).
	Demand float64
	// Pattern names the demand pattern, or "".
	Pattern string
}

// Reservoir is a [RESERVOIRS] entry: a fixed-head source.
type Reservoir struct {
	Name string
	// Head is the water surface elevation, m.
	Head float64
	// Pattern names a head pattern, or "".
	Pattern string
}

// Tank is a [TANKS] entry: storage whose level varies.
type Tank struct {
	Name string
	// Elevation is the elevation of the tank bottom, m.
	Elevation float64
	// InitLevel, MinLevel and MaxLevel are water depths above Elevation, m.
	InitLevel, MinLevel, MaxLevel float64
	// Diameter of a cylindrical tank, m.
	Diameter float64
	// MinVolume is the volume at MinLevel, m³.
	MinVolume float64
	// VolumeCurve names a level-volume curve, or "".
	VolumeCurve string
	// Overflow says whether the tank may overflow.
	Overflow bool
}

// Pipe is a [PIPES] entry.
type Pipe struct {
	Name     string
	From, To string
	// Length and Diameter in m (file: ft and in, or m and mm).
	Length, Diameter float64
	// Roughness is in the HEADLOSS formula's unit: Hazen-Williams C or
	// Chezy-Manning n (dimensionless), or Darcy-Weisbach roughness height
	// in mm (file: millifeet or mm).
	Roughness float64
	// MinorLoss is the minor-loss coefficient.
	MinorLoss float64
	// Status is OPEN (default), CLOSED or CV (check valve).
	Status string
}

// Pump is a [PUMPS] entry.
type Pump struct {
	Name     string
	From, To string
	// Power is the constant power of a POWER pump, W (file: hp or kW).
	Power float64
	// HeadCurve names the head-flow curve, or "".
	HeadCurve string
	// Speed is the relative speed setting (default 1).
	Speed float64
	// Pattern names a speed pattern, or "".
	Pattern string
}

// Valve types.
var valveTypes = []string{"PRV", "PSV", "PBV", "FCV", "TCV", "GPV", "PCV"}

// Valve is a [VALVES] entry.
type Valve struct {
	Name     string
	From, To string
	// Diameter in m.
	Diameter float64
	// Type is PRV, PSV, PBV, FCV, TCV, GPV or PCV.
	Type string
	// Setting is a pressure in m of head (PRV, PSV, PBV), a flow in m³/s
	// (FCV), a loss coefficient (TCV) or a percent open (PCV); NaN for GPV.
	Setting float64
	// Curve is the head-loss curve of a GPV or the loss curve of a PCV.
	Curve string
	// MinorLoss is the minor-loss coefficient.
	MinorLoss float64
}

func (d *decoder) junction(l *inp.Line) {
	if !d.Need(l, 2, "junction") {
		return
	}
	j := Junction{Name: l.Fields[0], Pattern: inp.Str(l, 3)}
	j.Elevation = d.Num(l, 1, "elevation", d.u.length)
	j.Demand = d.NumOr(l, 2, "demand", d.u.flow)
	if d.DefineNode(l, "junction") {
		d.m.Junctions = append(d.m.Junctions, j)
	}
}

func (d *decoder) reservoir(l *inp.Line) {
	if !d.Need(l, 2, "reservoir") {
		return
	}
	r := Reservoir{Name: l.Fields[0], Pattern: inp.Str(l, 2)}
	r.Head = d.Num(l, 1, "head", d.u.length)
	if d.DefineNode(l, "reservoir") {
		d.m.Reservoirs = append(d.m.Reservoirs, r)
	}
}

func (d *decoder) tank(l *inp.Line) {
	if len(l.Fields) <= 3 { // EPANET reads "ID Elev [Pattern]" in [TANKS] as a reservoir
		d.reservoir(l)
		return
	}
	if !d.Need(l, 7, "tank") {
		return
	}
	t := Tank{Name: l.Fields[0]}
	t.Elevation = d.Num(l, 1, "elevation", d.u.length)
	t.InitLevel = d.Num(l, 2, "initial level", d.u.length)
	t.MinLevel = d.Num(l, 3, "minimum level", d.u.length)
	t.MaxLevel = d.Num(l, 4, "maximum level", d.u.length)
	t.Diameter = d.Num(l, 5, "diameter", d.u.length)
	t.MinVolume = d.Num(l, 6, "minimum volume", d.u.volume)
	if c := inp.Str(l, 7); c != "*" {
		t.VolumeCurve = c
	}
	if len(l.Fields) > 8 {
		v := strings.ToUpper(l.Fields[8])
		d.Keyword(l, 8, v, "tank overflow", "YES", "NO", "TRUE", "FALSE")
		t.Overflow = v == "YES" || v == "TRUE"
	}
	if d.DefineNode(l, "tank") {
		d.m.Tanks = append(d.m.Tanks, t)
	}
}

func (d *decoder) pipe(l *inp.Line) {
	if !d.Need(l, 6, "pipe") {
		return
	}
	p := Pipe{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Status: "OPEN"}
	p.Length = d.Num(l, 3, "length", d.u.length)
	p.Diameter = d.Num(l, 4, "diameter", d.u.diameter)
	k := 1.0
	if d.m.Options.Headloss == "D-W" {
		k = d.u.roughDW
	}
	p.Roughness = d.Num(l, 5, "roughness", k)
	p.MinorLoss = d.FloatOr(l, 6, "minor loss", 0)
	if len(l.Fields) > 7 {
		p.Status = strings.ToUpper(l.Fields[7])
		d.Keyword(l, 7, p.Status, "pipe status", "OPEN", "CLOSED", "CV")
	}
	if d.DefineLink(l, "pipe") {
		d.m.Pipes = append(d.m.Pipes, p)
	}
}

func (d *decoder) pump(l *inp.Line) {
	if !d.Need(l, 5, "pump") {
		return
	}
	p := Pump{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Speed: 1}
	kv := l.Fields[3:]
	if len(kv)%2 != 0 {
		d.Failf(l.Num, geo.ErrSyntax, "pump %q: parameters must be KEYWORD value pairs", p.Name)
		return
	}
	for i := 0; i < len(kv); i += 2 {
		row := &inp.Line{Num: l.Num, Fields: kv[i+1 : i+2]}
		switch strings.ToUpper(kv[i]) {
		case "POWER":
			p.Power = d.Num(row, 0, "pump power", d.u.power)
		case "HEAD":
			p.HeadCurve = kv[i+1]
		case "SPEED":
			p.Speed = d.Float(row, 0, "pump speed")
		case "PATTERN":
			p.Pattern = kv[i+1]
		default:
			d.Failf(l.Num, geo.ErrSyntax, "%w: pump parameter %q (want POWER, HEAD, SPEED or PATTERN)", ErrKeyword, inp.Clip(kv[i]))
			return
		}
	}
	if d.DefineLink(l, "pump") {
		d.m.Pumps = append(d.m.Pumps, p)
	}
}

func (d *decoder) valve(l *inp.Line) {
	if !d.Need(l, 6, "valve") {
		return
	}
	v := Valve{Name: l.Fields[0], From: l.Fields[1], To: l.Fields[2], Type: strings.ToUpper(l.Fields[4])}
	v.Diameter = d.Num(l, 3, "diameter", d.u.diameter)
	d.Keyword(l, 4, v.Type, "valve type", valveTypes...)
	switch v.Type {
	case "GPV":
		v.Setting, v.Curve = math.NaN(), l.Fields[5]
	case "PRV", "PSV", "PBV":
		v.Setting = d.Num(l, 5, "pressure setting", d.u.pressure)
	case "FCV":
		v.Setting = d.Num(l, 5, "flow setting", d.u.flow)
	default:
		v.Setting = d.Float(l, 5, "valve setting")
	}
	v.MinorLoss = d.FloatOr(l, 6, "minor loss", 0)
	if v.Type == "PCV" {
		v.Curve = inp.Str(l, 7)
	}
	if d.DefineLink(l, "valve") {
		d.m.Valves = append(d.m.Valves, v)
	}
}

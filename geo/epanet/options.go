package epanet

import (
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// optionKey splits an [OPTIONS] line into its key (one or two words,
// upper case) and the remaining value columns.
func optionKey(f []string) (key string, rest []string) {
	first := strings.ToUpper(f[0])
	if len(f) > 1 {
		second := strings.ToUpper(f[1])
		if inp.OneOf(first, "SPECIFIC", "DEMAND", "EMITTER", "MINIMUM", "REQUIRED", "BACKFLOW") ||
			first == "PRESSURE" && second == "EXPONENT" {
			return first + " " + second, f[2:]
		}
	}
	return first, f[1:]
}

// timesKey is optionKey for [TIMES] ("HYDRAULIC TIMESTEP", "START CLOCKTIME").
func timesKey(f []string) (key string, rest []string) {
	first := strings.ToUpper(f[0])
	if len(f) > 1 && inp.OneOf(first, "HYDRAULIC", "QUALITY", "RULE", "PATTERN", "REPORT", "START") {
		return first + " " + strings.ToUpper(f[1]), f[2:]
	}
	return first, f[1:]
}

// readOptions reads [OPTIONS] and [TIMES] before the other sections:
// UNITS, HEADLOSS, SPECIFIC GRAVITY and EMITTER EXPONENT govern how they
// convert.
func (d *decoder) readOptions(f *inp.File) {
	o := &d.m.Options
	o.Values, o.Units, o.Headloss = map[string]string{}, "GPM", "H-W"
	o.DemandMultiplier, o.EmitterExponent, o.SpecificGravity = 1, 0.5, 1
	lines := map[string]*inp.Line{}
	d.m.Times.Values = map[string]string{}
	timeLines := map[string]*inp.Line{}
	for si := range f.Sections {
		s := &f.Sections[si]
		switch s.Name {
		case "OPTIONS":
			collect(s, optionKey, &o.Keys, o.Values, lines)
		case "TIMES":
			collect(s, timesKey, &d.m.Times.Keys, d.m.Times.Values, timeLines)
		}
	}
	if l := lines["UNITS"]; l != nil {
		o.Units = strings.ToUpper(inp.Str(l, 1))
	}
	d.optKeyword(lines["HEADLOSS"], 1, &o.Headloss, "H-W", "D-W", "C-M")
	if l := lines["PATTERN"]; l != nil {
		o.Pattern = inp.Str(l, 1)
	}
	d.optFloat(lines["DEMAND MULTIPLIER"], &o.DemandMultiplier)
	d.optFloat(lines["EMITTER EXPONENT"], &o.EmitterExponent)
	d.optFloat(lines["SPECIFIC GRAVITY"], &o.SpecificGravity)
	if !(o.SpecificGravity > 0) {
		d.Failf(lines["SPECIFIC GRAVITY"].Num, geo.ErrInvalid, "SPECIFIC GRAVITY %v must be positive", o.SpecificGravity)
		return
	}
	u, ok := newUnits(o.Units, o.SpecificGravity)
	if !ok {
		d.Failf(lines["UNITS"].Num, geo.ErrUnsupported, "%w %q (want CFS, GPM, MGD, IMGD, AFD, LPS, LPM, MLD, CMH, CMD or CMS)", ErrUnits, o.Units)
		return
	}
	d.u = u
	if l := lines["MINIMUM PRESSURE"]; l != nil {
		o.MinimumPressure = d.Num(l, 2, "MINIMUM PRESSURE", d.u.pressure)
	}
	if l := lines["REQUIRED PRESSURE"]; l != nil {
		o.RequiredPressure = d.Num(l, 2, "REQUIRED PRESSURE", d.u.pressure)
	}
	d.readTimes(timeLines)
}

// collect adds the key/value lines of s to keys, values and lines.
func collect(s *inp.Section, split func([]string) (string, []string), keys *[]string, values map[string]string, lines map[string]*inp.Line) {
	for li := range s.Lines {
		l := &s.Lines[li]
		key, rest := split(l.Fields)
		if _, dup := values[key]; !dup {
			*keys = append(*keys, key)
		}
		values[key] = strings.Join(rest, " ")
		lines[key] = l
	}
}

func (d *decoder) optKeyword(l *inp.Line, i int, dst *string, allowed ...string) {
	if l == nil {
		return
	}
	v := strings.ToUpper(inp.Str(l, i))
	d.Keyword(l, i, v, strings.ToUpper(l.Fields[0]), allowed...)
	*dst = v
}

// optFloat reads the last column of a two-word option.
func (d *decoder) optFloat(l *inp.Line, dst *float64) {
	if l != nil {
		*dst = d.Float(l, 2, strings.ToUpper(l.Fields[0]+" "+inp.Str(l, 1)))
	}
}

func (d *decoder) readTimes(lines map[string]*inp.Line) {
	t := &d.m.Times
	for key, dst := range map[string]*float64{"DURATION": &t.Duration, "HYDRAULIC TIMESTEP": &t.HydraulicStep,
		"QUALITY TIMESTEP": &t.QualityStep, "RULE TIMESTEP": &t.RuleStep, "PATTERN TIMESTEP": &t.PatternStep,
		"PATTERN START": &t.PatternStart, "REPORT TIMESTEP": &t.ReportStep, "REPORT START": &t.ReportStart,
		"START CLOCKTIME": &t.StartClock} {
		l := lines[key]
		if l == nil || d.Err != nil {
			continue
		}
		words := 2
		if key == "DURATION" {
			words = 1
		}
		s, ok := clockTime(l.Fields[min(words, len(l.Fields)):])
		if !ok {
			d.Failf(l.Num, geo.ErrSyntax, "%s %q: want hours, H:MM[:SS], a number with SEC/MIN/HOURS/DAYS, or a clock time with AM/PM", key, l.Text)
			return
		}
		*dst = s
	}
}

// clockTime reads EPANET's time forms: "1.5", "1:30", "90 MIN", "12 AM",
// "1:30 PM". It returns seconds.
func clockTime(f []string) (float64, bool) {
	if len(f) == 0 || len(f) > 2 {
		return 0, false
	}
	h, ok := inp.Clock(f[0])
	h /= 3600 // hours
	if !ok {
		return 0, false
	}
	if len(f) == 1 {
		return h * 3600, true
	}
	unit := strings.ToUpper(f[1])
	switch {
	case unit == "AM" || unit == "PM":
		if h >= 13 {
			return 0, false
		}
		if h >= 12 {
			h -= 12
		}
		if unit == "PM" {
			h += 12
		}
	case strings.Contains(f[0], ":"):
		return 0, false
	case strings.HasPrefix(unit, "SEC"):
		h /= 3600
	case strings.HasPrefix(unit, "MIN"):
		h /= 60
	case strings.HasPrefix(unit, "HOUR"):
	case strings.HasPrefix(unit, "DAY"):
		h *= 24
	default:
		return 0, false
	}
	return h * 3600, true
}

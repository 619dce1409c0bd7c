package swmm

import (
	"strings"
	"time"

	"twin/geo"
	"twin/geo/internal/inp"
)

// routingAliases maps SWMM 4 routing names (still accepted by SWMM 5) to
// the current ones.
var routingAliases = map[string]string{"NF": "STEADY", "KW": "KINWAVE", "EKW": "XKINWAVE", "DW": "DYNWAVE"}

// readOptions reads every [OPTIONS] section before anything else, because
// FLOW_UNITS fixes the units of all other sections and INFILTRATION the
// meaning of [INFILTRATION]'s columns.
func (d *decoder) readOptions(f *inp.File) {
	o := &d.m.Options
	o.Values = map[string]string{}
	lines := map[string]*inp.Line{}
	for si := range f.Sections {
		s := &f.Sections[si]
		if s.Name != "OPTIONS" {
			continue
		}
		for li := range s.Lines {
			l := &s.Lines[li]
			key := strings.ToUpper(l.Fields[0])
			if _, dup := o.Values[key]; !dup {
				o.Keys = append(o.Keys, key)
			}
			o.Values[key] = strings.Join(l.Fields[1:], " ")
			lines[key] = l
		}
	}
	o.FlowUnits, o.Infiltration, o.FlowRouting = "CFS", Horton, "KINWAVE"
	o.LinkOffsets, o.ForceMainEquation = "DEPTH", "H-W"
	if l := lines["FLOW_UNITS"]; l != nil {
		o.FlowUnits = strings.ToUpper(inp.Str(l, 1))
		u, err := unitsFor(d.File, l.Num, o.FlowUnits)
		if err != nil {
			d.Err = err
			return
		}
		d.u = u
	}
	d.optKeyword(lines["INFILTRATION"], &o.Infiltration, infilMethods...)
	if l := lines["FLOW_ROUTING"]; l != nil {
		v := strings.ToUpper(inp.Str(l, 1))
		if a, ok := routingAliases[v]; ok {
			v = a
		}
		d.Keyword(l, 1, v, "FLOW_ROUTING", "STEADY", "KINWAVE", "XKINWAVE", "DYNWAVE", "NONE")
		o.FlowRouting = v
	}
	d.optKeyword(lines["LINK_OFFSETS"], &o.LinkOffsets, "DEPTH", "ELEVATION")
	d.optKeyword(lines["FORCE_MAIN_EQUATION"], &o.ForceMainEquation, "H-W", "D-W")
	d.optDate(lines, "START_DATE", "START_TIME", &o.Start)
	d.optDate(lines, "END_DATE", "END_TIME", &o.End)
	d.optDate(lines, "REPORT_START_DATE", "REPORT_START_TIME", &o.ReportStart)
	d.optClock(lines["REPORT_STEP"], &o.ReportStep)
	d.optClock(lines["WET_STEP"], &o.WetStep)
	d.optClock(lines["DRY_STEP"], &o.DryStep)
	if l := lines["ROUTING_STEP"]; l != nil && !strings.Contains(inp.Str(l, 1), ":") {
		o.RoutingStep = d.Float(l, 1, "ROUTING_STEP") // plain seconds
	} else {
		d.optClock(l, &o.RoutingStep)
	}
	if l := lines["MIN_SURFAREA"]; l != nil {
		o.MinSurfArea = d.Num(l, 1, "MIN_SURFAREA", d.u.area)
	}
	if l := lines["HEAD_TOLERANCE"]; l != nil {
		o.HeadTolerance = d.Num(l, 1, "HEAD_TOLERANCE", d.u.length)
	}
}

func (d *decoder) optKeyword(l *inp.Line, dst *string, allowed ...string) {
	if l == nil {
		return
	}
	v := strings.ToUpper(inp.Str(l, 1))
	d.Keyword(l, 1, v, strings.ToUpper(l.Fields[0]), allowed...)
	*dst = v
}

func (d *decoder) optClock(l *inp.Line, dst *float64) {
	if l != nil {
		*dst = d.clock(l, 1, strings.ToUpper(l.Fields[0]))
	}
}

func (d *decoder) optDate(lines map[string]*inp.Line, dateKey, timeKey string, dst *time.Time) {
	dl, tl := lines[dateKey], lines[timeKey]
	if dl == nil {
		return
	}
	clock := ""
	if tl != nil {
		clock = inp.Str(tl, 1)
	}
	t, ok := parseDateTime(inp.Str(dl, 1), clock)
	if !ok {
		d.Failf(dl.Num, geo.ErrSyntax, "%s %q %s %q: want M/D/YYYY and H:MM[:SS]", dateKey, inp.Str(dl, 1), timeKey, clock)
		return
	}
	*dst = t
}

package swmm

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Encode writes m as a SWMM 5 input file in SI units: FLOW_UNITS LPS when
// m.Options.FlowUnits is LPS, else CMS. Numbers are written with the
// shortest representation that reads back to the same float64, so
// Decode(Encode(m)) reproduces m up to the rounding of the SI file-unit
// factors (hectares, mm, L/s).
//
// [OPTIONS] are written from Options.Values in key order, except
// FLOW_UNITS, MIN_SURFAREA and HEAD_TOLERANCE, which are written from the
// typed fields in the file's units; typed fields whose key Values lacks
// are written too unless they hold SWMM's default, so a Model built in code
// needs no Values. Raw sections
// and time series of unknown use (Unit "") are written verbatim: they are
// in the units of the model's source, and a comment says so when that was
// US customary.
//
// Errors wrap ErrEncode (a name that is empty or holds white space, ';' or
// '"'; a NaN or infinite number other than a "*" offset) or come from w.
// O(n) in the model size. Encode does not modify m.
func Encode(w io.Writer, m *Model) error {
	fu := "CMS"
	if strings.EqualFold(m.Options.FlowUnits, "LPS") {
		fu = "LPS"
	}
	u, _ := newUnits(fu)
	e := &encoder{w: bufio.NewWriter(w), u: u, fu: fu, m: m}
	e.writeAll()
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

type encoder struct {
	w   *bufio.Writer
	u   units
	fu  string
	m   *Model
	err error
}

func (e *encoder) writeAll() {
	m := e.m
	if len(m.Title) > 0 {
		e.section("TITLE")
		for _, t := range m.Title {
			if strings.ContainsAny(t, ";\r\n") || strings.HasPrefix(t, "[") {
				e.fail("title line %q", t)
			}
			fmt.Fprintln(e.w, t)
		}
	}
	e.options()
	e.hydrology()
	e.nodes()
	e.links()
	e.xsections()
	e.inputs()
	e.curvesAndSeries()
	e.raw()
	e.mapData()
}

func (e *encoder) section(name string) { fmt.Fprintf(e.w, "\n[%s]\n", name) }

// row writes one data line; empty cells become "" so columns stay in place,
// and trailing empty cells are dropped.
func (e *encoder) row(cols ...string) {
	for len(cols) > 0 && cols[len(cols)-1] == "" {
		cols = cols[:len(cols)-1]
	}
	for i, c := range cols {
		if c == "" {
			c = `""`
		}
		if i < len(cols)-1 {
			fmt.Fprintf(e.w, "%-16s ", c)
		} else {
			fmt.Fprint(e.w, c)
		}
	}
	fmt.Fprintln(e.w)
}

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("%w: "+format, append([]any{ErrEncode}, args...)...)
	}
}

// id checks a name that must be present.
func (e *encoder) id(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\r\n\v\f;\"") || s[0] == '[' {
		e.fail("name %q", s)
	}
	return s
}

// quoted quotes a file name, which may hold spaces.
func (e *encoder) quoted(s string) string {
	if s == "" || strings.ContainsAny(s, "\r\n;\"") {
		e.fail("file name %q", s)
	}
	return `"` + s + `"`
}

// opt checks an optional name ("" allowed).
func (e *encoder) opt(s string) string {
	if s == "" {
		return ""
	}
	return e.id(s)
}

// f formats v (SI) in file units: v/k.
func (e *encoder) f(v, k float64) string {
	x := v / k
	if math.IsNaN(x) || math.IsInf(x, 0) {
		e.fail("number %v", v)
		return "0"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// n formats a dimensionless number.
func (e *encoder) n(v float64) string { return e.f(v, 1) }

// off formats an offset: NaN is "*".
func (e *encoder) off(v float64) string {
	if math.IsNaN(v) {
		return "*"
	}
	return e.f(v, e.u.length)
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}

// clock formats seconds as H:MM:SS, or as decimal hours when not whole.
func clock(s float64) string {
	if s != math.Trunc(s) || s < 0 || s > 1e12 {
		return strconv.FormatFloat(s/HourS, 'g', -1, 64)
	}
	n := int64(s)
	return fmt.Sprintf("%d:%02d:%02d", n/3600, n/60%60, n%60)
}

func date(t time.Time) string { return t.Format("01/02/2006") }

func (e *encoder) options() {
	o := &e.m.Options
	typed := []struct{ key, val string }{{"FLOW_UNITS", e.fu},
		{"INFILTRATION", nonDefault(o.Infiltration, Horton)}, {"FLOW_ROUTING", nonDefault(o.FlowRouting, "KINWAVE")},
		{"LINK_OFFSETS", nonDefault(o.LinkOffsets, "DEPTH")},
		{"FORCE_MAIN_EQUATION", nonDefault(o.ForceMainEquation, "H-W")}}
	typed = append(typed, dateOpts("START", o.Start)...)
	typed = append(typed, dateOpts("END", o.End)...)
	typed = append(typed, dateOpts("REPORT_START", o.ReportStart)...)
	for _, s := range []struct {
		key string
		v   float64
	}{{"REPORT_STEP", o.ReportStep}, {"WET_STEP", o.WetStep}, {"DRY_STEP", o.DryStep}, {"ROUTING_STEP", o.RoutingStep}} {
		if s.v > 0 {
			typed = append(typed, struct{ key, val string }{s.key, clock(s.v)})
		}
	}
	always := map[string]string{"FLOW_UNITS": e.fu}
	if _, ok := o.Values["MIN_SURFAREA"]; ok || o.MinSurfArea != 0 {
		always["MIN_SURFAREA"] = e.f(o.MinSurfArea, e.u.area)
	}
	if _, ok := o.Values["HEAD_TOLERANCE"]; ok || o.HeadTolerance != 0 {
		always["HEAD_TOLERANCE"] = e.f(o.HeadTolerance, e.u.length)
	}
	e.section("OPTIONS")
	done := map[string]bool{}
	put := func(k, v string) {
		if strings.ContainsAny(k+v, ";\r\n") {
			e.fail("option %s %q", k, v)
		}
		if !done[k] && v != "" {
			fmt.Fprintf(e.w, "%-20s %s\n", k, v)
			done[k] = true
		}
	}
	put("FLOW_UNITS", e.fu)
	for _, k := range o.Keys {
		if v, ok := always[k]; ok {
			put(k, v)
		} else {
			put(k, o.Values[k])
		}
	}
	for _, t := range typed {
		put(t.key, t.val)
	}
	for _, k := range []string{"MIN_SURFAREA", "HEAD_TOLERANCE"} {
		put(k, always[k])
	}
	rest := make([]string, 0, len(o.Values))
	for k := range o.Values {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		put(k, o.Values[k])
	}
}

// nonDefault returns v, or "" when it is SWMM's default def.
func nonDefault(v, def string) string {
	if v == def {
		return ""
	}
	return v
}

func dateOpts(prefix string, t time.Time) []struct{ key, val string } {
	if t.IsZero() {
		return nil
	}
	sec := float64(t.Hour()*3600 + t.Minute()*60 + t.Second())
	return []struct{ key, val string }{{prefix + "_DATE", date(t)}, {prefix + "_TIME", clock(sec)}}
}

package swmm

import (
	"io"
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Decode reads a SWMM 5 input file. name is used in error messages and
// warnings. Every quantity is converted to SI (see Model); unknown sections
// are kept in Model.Raw with one counted warning.
//
// Errors are *geo.ParseError values with the line: geo.ErrSyntax for a
// malformed number, a missing column or an unknown keyword (with
// ErrKeyword), geo.ErrInvalid for NaN/Inf, duplicate names (ErrDuplicate),
// out-of-order series, and, with opt.Strict, references to missing objects
// (ErrMissingRef); geo.ErrUnsupported for an unknown FLOW_UNITS
// (ErrFlowUnits). Without Strict, a link whose end node is missing is
// dropped, as are rows of per-object sections ([XSECTIONS], [LOSSES],
// [SUBAREAS], [INFILTRATION], [INFLOWS], [DWF], [COORDINATES],
// [VERTICES], [POLYGONS], [SYMBOLS]) naming a missing object, each kind
// with one counted warning; such rows could not be simulated, and SWMM
// itself rejects the file.
//
// Decode reads the whole input into memory; time and memory are O(n).
// It is safe to call concurrently.
func Decode(r io.Reader, name string, opt Options) (*Model, error) {
	f, err := inp.Read(r, name)
	if err != nil {
		return nil, err
	}
	d := newDecoder(name, opt)
	d.readOptions(f)
	for i := range f.Sections {
		if d.Err != nil {
			break
		}
		d.section(&f.Sections[i])
	}
	if d.Err == nil {
		d.resolve()
	}
	if d.Err == nil {
		d.convertByUse()
	}
	if d.Err != nil {
		return nil, d.Err
	}
	d.flushWarnings()
	return d.m, nil
}

// decoder is the state of one Decode call.
type decoder struct {
	inp.Parser
	opt Options
	u   units
	m   *Model

	nodes, links, subcatch, gages                             map[string]int // name → defining line
	curveIdx, seriesIdx, patternIdx                           map[string]int
	vertexIdx, polygonIdx                                     map[string]int
	seriesState                                               []tsState
	coordLine, symbolLine, vertexLine, polygonLine, curveLine []int

	// rowLines holds, per one-row-per-line section, each row's line number.
	rowLines map[string][]int
	dropped  map[string]bool // links dropped for missing nodes
	tally    inp.Tally
}

func newDecoder(name string, opt Options) *decoder {
	u, _ := newUnits("CFS") // SWMM's default FLOW_UNITS
	return &decoder{
		Parser: inp.Parser{File: name}, opt: opt, u: u, m: &Model{Name: name},
		nodes: map[string]int{}, links: map[string]int{}, subcatch: map[string]int{}, gages: map[string]int{},
		curveIdx: map[string]int{}, seriesIdx: map[string]int{}, patternIdx: map[string]int{},
		vertexIdx: map[string]int{}, polygonIdx: map[string]int{},
		rowLines: map[string][]int{}, dropped: map[string]bool{},
	}
}

// lineParsers maps modelled sections to their line readers.
var lineParsers = map[string]func(*decoder, *inp.Line){
	"RAINGAGES": (*decoder).rainGage, "SUBCATCHMENTS": (*decoder).subcatchment,
	"SUBAREAS": (*decoder).subarea, "INFILTRATION": (*decoder).infiltration,
	"JUNCTIONS": (*decoder).junction, "OUTFALLS": (*decoder).outfall,
	"DIVIDERS": (*decoder).divider, "STORAGE": (*decoder).storage,
	"CONDUITS": (*decoder).conduit, "PUMPS": (*decoder).pump, "ORIFICES": (*decoder).orifice,
	"WEIRS": (*decoder).weir, "OUTLETS": (*decoder).outlet, "XSECTIONS": (*decoder).xsection,
	"LOSSES": (*decoder).loss, "INFLOWS": (*decoder).inflow, "DWF": (*decoder).dwf,
	"CURVES": (*decoder).curve, "TIMESERIES": (*decoder).timeseries, "PATTERNS": (*decoder).pattern,
	"COORDINATES": (*decoder).coordinate, "VERTICES": (*decoder).vertex,
	"POLYGONS": (*decoder).polygon, "SYMBOLS": (*decoder).symbol,
	"MAP": (*decoder).mapLine, "TAGS": (*decoder).tag,
}

// rawSections are SWMM 5.2 sections kept verbatim without a warning.
var rawSections = []string{"EVAPORATION", "TEMPERATURE", "ADJUSTMENTS", "REPORT", "FILES",
	"HYDROGRAPHS", "RDII", "SNOWPACKS", "AQUIFERS", "GROUNDWATER", "GWF", "LID_CONTROLS",
	"LID_USAGE", "POLLUTANTS", "LANDUSES", "COVERAGES", "LOADINGS", "BUILDUP", "WASHOFF",
	"TREATMENT", "CONTROLS", "TRANSECTS", "STREETS", "INLETS", "INLET_USAGE", "LABELS",
	"BACKDROP", "PROFILES", "EVENTS"}

func (d *decoder) section(s *inp.Section) {
	switch {
	case s.Name == "OPTIONS":
		return // read first, by readOptions
	case s.Name == "TITLE":
		for _, l := range s.Lines {
			d.m.Title = append(d.m.Title, l.Text)
		}
		return
	case s.Line == 0:
		d.count("lines before the first section header ignored", s.Lines[0].Num, inp.Clip(s.Lines[0].Text))
		return
	}
	if parse, ok := lineParsers[s.Name]; ok {
		for i := range s.Lines {
			if parse(d, &s.Lines[i]); d.Err != nil {
				return
			}
			d.rowLines[s.Name] = append(d.rowLines[s.Name], s.Lines[i].Num)
		}
		return
	}
	if !inp.OneOf(s.Name, rawSections...) {
		d.count("unknown sections kept verbatim", s.Line, s.Name)
	}
	raw := RawSection{Name: s.Name, Line: s.Line}
	for _, l := range s.Lines {
		raw.Lines = append(raw.Lines, l.Text)
	}
	d.m.Raw = append(d.m.Raw, raw)
}

// count adds one occurrence of a warning kind at line.
func (d *decoder) count(kind string, line int, example string) { d.tally.Add(kind, line, example) }

// flushWarnings turns the tallies into one warning per kind, in line order.
func (d *decoder) flushWarnings() { d.m.Warnings = d.tally.Warnings(d.File) }

// define records name (field 0 of l) in ns, failing on a duplicate.
func (d *decoder) define(ns map[string]int, l *inp.Line, what string) bool {
	name := l.Fields[0]
	if prev, dup := ns[name]; dup {
		d.Failf(l.Num, geo.ErrInvalid, "%w: %s %q already defined on line %d", ErrDuplicate, what, name, prev)
		return false
	}
	if d.Err != nil {
		return false
	}
	ns[name] = l.Num
	return true
}

func (d *decoder) defineNode(l *inp.Line, what string) bool { return d.define(d.nodes, l, what) }
func (d *decoder) defineLink(l *inp.Line, what string) bool { return d.define(d.links, l, what) }

// offset reads a link offset: "*" (at the node invert) gives NaN.
func (d *decoder) offset(l *inp.Line, i int, what string) float64 {
	if inp.Str(l, i) == "*" {
		return math.NaN()
	}
	return d.Num(l, i, what, d.u.length)
}

// clock reads field i as decimal hours or H:MM[:SS] and returns seconds.
func (d *decoder) clock(l *inp.Line, i int, what string) float64 {
	if !d.Need(l, i+1, what) {
		return 0
	}
	s, ok := inp.Clock(l.Fields[i])
	if !ok {
		d.Failf(l.Num, geo.ErrSyntax, "%s %q: want hours or H:MM[:SS]", what, inp.Clip(l.Fields[i]))
	}
	return s
}

// keyword fails unless v (field i of l, upper-cased) is one of allowed.
func (d *decoder) keyword(l *inp.Line, i int, v, what string, allowed ...string) {
	if !inp.OneOf(v, allowed...) {
		d.Failf(l.Num, geo.ErrSyntax, "%w: %s %q (want %s)", ErrKeyword, what, inp.Clip(inp.Str(l, i)), strings.Join(allowed, ", "))
	}
}

// yesNo reads an optional YES/NO column (absent: false).
func (d *decoder) yesNo(l *inp.Line, i int, what string) bool {
	if i >= len(l.Fields) {
		return false
	}
	v := strings.ToUpper(l.Fields[i])
	d.keyword(l, i, v, what, "YES", "NO")
	return v == "YES"
}

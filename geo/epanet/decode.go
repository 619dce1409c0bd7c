package epanet

import (
	"io"
	"strings"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Decode reads an EPANET 2 input file. name is used in error messages.
// Every quantity is converted to SI (see Model); reading stops at [END].
// opt.Cover is kept in Model.Cover for Dataset; an invalid opt fails with
// ErrOptions.
//
// Errors are *geo.ParseError values with the line: geo.ErrSyntax for a
// malformed number, a missing column or an unknown keyword (ErrKeyword),
// geo.ErrInvalid for NaN/Inf and duplicate names (ErrDuplicate),
// geo.ErrUnsupported for unknown UNITS (ErrUnits); with opt.Strict also
// references to missing nodes or links (ErrMissingRef). Without Strict, a
// link whose end node is missing is dropped, and so are rows of
// [DEMANDS], [STATUS], [EMITTERS], [QUALITY], [SOURCES], [MIXING],
// [COORDINATES], [VERTICES] and [TAGS] naming a missing object, each kind
// with one counted warning: EPANET itself rejects such files, but the
// rest of a large city network is worth loading. Unknown sections are kept
// in Model.Raw with a counted warning.
//
// Decode reads the whole input into memory; O(n) time and memory. Safe
// for concurrent use.
func Decode(r io.Reader, name string, opt Options) (*Model, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	f, err := inp.Read(r, name)
	if err != nil {
		return nil, err
	}
	d := &decoder{Parser: inp.Parser{File: name}, opt: opt, m: &Model{Name: name, Cover: opt.cover()},
		nodes: map[string]int{}, links: map[string]int{}, patternIdx: map[string]int{},
		curveIdx: map[string]int{}, vertexIdx: map[string]int{}, rowLines: map[string][]int{}, dropped: map[string]bool{}}
	d.readOptions(f)
	for i := range f.Sections {
		if d.Err != nil || f.Sections[i].Name == "END" {
			break
		}
		d.section(&f.Sections[i])
	}
	if d.Err == nil {
		d.resolve()
	}
	if d.Err == nil {
		d.convertCurves()
	}
	if d.Err != nil {
		return nil, d.Err
	}
	d.m.Warnings = d.tally.Warnings(name)
	return d.m, nil
}

type decoder struct {
	inp.Parser
	opt Options
	u   units
	m   *Model

	nodes, links                    map[string]int // name → defining line
	patternIdx, curveIdx, vertexIdx map[string]int
	curveLine, vertexLine           []int
	rowLines                        map[string][]int
	dropped                         map[string]bool
	effCurves                       map[string]int // ENERGY "PUMP id EFFIC curve" → line
	tally                           inp.Tally
}

var lineParsers = map[string]func(*decoder, *inp.Line){
	"JUNCTIONS": (*decoder).junction, "RESERVOIRS": (*decoder).reservoir, "TANKS": (*decoder).tank,
	"PIPES": (*decoder).pipe, "PUMPS": (*decoder).pump, "VALVES": (*decoder).valve,
	"DEMANDS": (*decoder).demand, "STATUS": (*decoder).status, "EMITTERS": (*decoder).emitter,
	"QUALITY": (*decoder).quality, "SOURCES": (*decoder).source, "MIXING": (*decoder).mixing,
	"PATTERNS": (*decoder).pattern, "CURVES": (*decoder).curve, "COORDINATES": (*decoder).coordinate,
	"VERTICES": (*decoder).vertex, "LABELS": (*decoder).label, "TAGS": (*decoder).tag,
	"ENERGY": (*decoder).energy,
}

func (d *decoder) section(s *inp.Section) {
	if parse, ok := lineParsers[s.Name]; ok {
		for i := range s.Lines {
			if parse(d, &s.Lines[i]); d.Err != nil {
				return
			}
			d.rowLines[s.Name] = append(d.rowLines[s.Name], s.Lines[i].Num)
		}
		return
	}
	var dst *[]string
	switch s.Name {
	case "OPTIONS", "TIMES":
		return // read first, by readOptions
	case "TITLE":
		dst = &d.m.Title
	case "CONTROLS":
		dst = &d.m.Controls
	case "RULES":
		dst = &d.m.Rules
	case "REACTIONS":
		dst = &d.m.Reactions
	case "REPORT":
		dst = &d.m.Report
	case "BACKDROP":
		dst = &d.m.Backdrop
	default:
		if s.Line == 0 {
			d.tally.Add("lines before the first section header ignored", s.Lines[0].Num, inp.Clip(s.Lines[0].Text))
			return
		}
		d.tally.Add("unknown sections kept verbatim", s.Line, s.Name)
		d.m.Raw = append(d.m.Raw, RawSection{Name: s.Name, Line: s.Line})
		dst = &d.m.Raw[len(d.m.Raw)-1].Lines
	}
	for _, l := range s.Lines {
		*dst = append(*dst, l.Text)
	}
}

// energy keeps [ENERGY] lines and notes "PUMP id EFFIC curve" uses.
func (d *decoder) energy(l *inp.Line) {
	d.m.Energy = append(d.m.Energy, l.Text)
	if len(l.Fields) >= 4 && strings.EqualFold(l.Fields[0], "PUMP") && strings.HasPrefix(strings.ToUpper(l.Fields[2]), "EFFIC") {
		if d.effCurves == nil {
			d.effCurves = map[string]int{}
		}
		d.effCurves[l.Fields[3]] = l.Num
	}
}

func (d *decoder) point(l *inp.Line, what string) (Point, bool) {
	if !d.Need(l, 3, what) {
		return Point{}, false
	}
	p := Point{Name: l.Fields[0], Pt: orb.Point{d.Float(l, 1, "x"), d.Float(l, 2, "y")}}
	return p, d.Err == nil
}

func (d *decoder) coordinate(l *inp.Line) {
	if p, ok := d.point(l, "coordinate"); ok {
		d.m.Coordinates = append(d.m.Coordinates, p)
	}
}

func (d *decoder) vertex(l *inp.Line) {
	p, ok := d.point(l, "vertex")
	if !ok {
		return
	}
	i, seen := d.vertexIdx[p.Name]
	if !seen {
		i = len(d.m.Vertices)
		d.vertexIdx[p.Name] = i
		d.m.Vertices = append(d.m.Vertices, Path{Name: p.Name})
		d.vertexLine = append(d.vertexLine, l.Num)
	}
	d.m.Vertices[i].Points = append(d.m.Vertices[i].Points, p.Pt)
}

func (d *decoder) label(l *inp.Line) {
	if !d.Need(l, 3, "label") {
		return
	}
	lb := Label{Pt: orb.Point{d.Float(l, 0, "label x"), d.Float(l, 1, "label y")}, Text: l.Fields[2], Anchor: inp.Str(l, 3)}
	d.m.Labels = append(d.m.Labels, lb)
}

func (d *decoder) tag(l *inp.Line) {
	if !d.Need(l, 3, "tag") {
		return
	}
	k := strings.ToUpper(l.Fields[0])
	d.keyword(l, 0, k, "tag object type", "NODE", "LINK")
	d.m.Tags = append(d.m.Tags, Tag{Kind: k, Name: l.Fields[1], Tag: l.Fields[2]})
}

// define records field 0 of l in ns, failing on a duplicate.
func (d *decoder) define(ns map[string]int, l *inp.Line, what string) bool {
	if d.Err != nil {
		return false
	}
	name := l.Fields[0]
	if prev, dup := ns[name]; dup {
		d.Failf(l.Num, geo.ErrInvalid, "%w: %s %q already defined on line %d", ErrDuplicate, what, name, prev)
		return false
	}
	ns[name] = l.Num
	return true
}

func (d *decoder) defineNode(l *inp.Line, what string) bool { return d.define(d.nodes, l, what) }
func (d *decoder) defineLink(l *inp.Line, what string) bool { return d.define(d.links, l, what) }

// keyword fails unless v (field i of l, upper case) is one of allowed.
func (d *decoder) keyword(l *inp.Line, i int, v, what string, allowed ...string) {
	if !inp.OneOf(v, allowed...) {
		d.Failf(l.Num, geo.ErrSyntax, "%w: %s %q (want %s)", ErrKeyword, what, inp.Clip(inp.Str(l, i)), strings.Join(allowed, ", "))
	}
}

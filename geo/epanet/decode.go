package epanet

import (
	"io"
	"strings"

	"github.com/paulmach/orb"

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
	errs := inp.Sentinels{Duplicate: ErrDuplicate, Keyword: ErrKeyword, MissingRef: ErrMissingRef}
	d := &decoder{Decoder: inp.NewDecoder(name, opt.Strict, errs), m: &Model{Name: name, Cover: opt.cover()},
		patternIdx: map[string]int{}, curveIdx: map[string]int{}, vertexIdx: map[string]int{}}
	d.readOptions(f)
	if err := d.Run(f, "END", d.section, d.resolve, d.convertCurves); err != nil {
		return nil, err
	}
	d.m.Warnings = d.Warnings()
	return d.m, nil
}

// decoder is the state of one Decode call; inp.Decoder holds the node and
// link name spaces, the row lines and the warning tally.
type decoder struct {
	inp.Decoder
	u units
	m *Model

	patternIdx, curveIdx, vertexIdx map[string]int
	curveLine, vertexLine           []int
	effCurves                       map[string]int // ENERGY "PUMP id EFFIC curve" → line
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
		d.ParseRows(s, func(l *inp.Line) { parse(d, l) })
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
			d.Tally.Add("lines before the first section header ignored", s.Lines[0].Num, inp.Clip(s.Lines[0].Text))
			return
		}
		d.Tally.Add("unknown sections kept verbatim", s.Line, s.Name)
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

func (d *decoder) coordinate(l *inp.Line) {
	if p, ok := inp.ReadPoint[Point](&d.Decoder, l, "coordinate"); ok {
		d.m.Coordinates = append(d.m.Coordinates, p)
	}
}

func (d *decoder) vertex(l *inp.Line) {
	inp.AddToPath(&d.Decoder, l, "vertex", &d.m.Vertices, d.vertexIdx, &d.vertexLine)
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
	d.Keyword(l, 0, k, "tag object type", "NODE", "LINK")
	d.m.Tags = append(d.m.Tags, Tag{Kind: k, Name: l.Fields[1], Tag: l.Fields[2]})
}

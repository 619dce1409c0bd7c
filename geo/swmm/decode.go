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
	if err := d.Run(f, "", d.section, d.resolve, d.convertByUse); err != nil {
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

	subcatch, gages                                           map[string]int // name → defining line
	curveIdx, seriesIdx, patternIdx                           map[string]int
	vertexIdx, polygonIdx                                     map[string]int
	seriesState                                               []tsState
	coordLine, symbolLine, vertexLine, polygonLine, curveLine []int
}

func newDecoder(name string, opt Options) *decoder {
	u, _ := newUnits("CFS") // SWMM's default FLOW_UNITS
	errs := inp.Sentinels{Duplicate: ErrDuplicate, Keyword: ErrKeyword, MissingRef: ErrMissingRef}
	return &decoder{
		Decoder: inp.NewDecoder(name, opt.Strict, errs), u: u, m: &Model{Name: name},
		subcatch: map[string]int{}, gages: map[string]int{},
		curveIdx: map[string]int{}, seriesIdx: map[string]int{}, patternIdx: map[string]int{},
		vertexIdx: map[string]int{}, polygonIdx: map[string]int{},
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
		d.Tally.Add("lines before the first section header ignored", s.Lines[0].Num, inp.Clip(s.Lines[0].Text))
		return
	}
	if parse, ok := lineParsers[s.Name]; ok {
		d.ParseRows(s, func(l *inp.Line) { parse(d, l) })
		return
	}
	if !inp.OneOf(s.Name, rawSections...) {
		d.Tally.Add("unknown sections kept verbatim", s.Line, s.Name)
	}
	raw := RawSection{Name: s.Name, Line: s.Line}
	for _, l := range s.Lines {
		raw.Lines = append(raw.Lines, l.Text)
	}
	d.m.Raw = append(d.m.Raw, raw)
}

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

// yesNo reads an optional YES/NO column (absent: false).
func (d *decoder) yesNo(l *inp.Line, i int, what string) bool {
	if i >= len(l.Fields) {
		return false
	}
	v := strings.ToUpper(l.Fields[i])
	d.Keyword(l, i, v, what, "YES", "NO")
	return v == "YES"
}

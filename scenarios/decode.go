package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxFileBytes bounds the size of a scenario file Decode accepts.
const MaxFileBytes = 1 << 20

// Decode parses and validates a scenario file; name labels its errors.
// Unknown keys, type mismatches and impossible values are reported as
// *Error values (joined when there are several) with line and column;
// nothing about the World is checked here (see Scenario.Check). Defaults
// are filled in. O(len(src)).
func Decode(name string, src []byte) (*Scenario, error) {
	if len(src) > MaxFileBytes {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file larger than %d bytes", MaxFileBytes), Err: ErrSyntax}
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	body, err := single(f)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: err.Error(), Err: ErrSyntax}
	}
	if _, ok := body.(*ast.MappingNode); !ok {
		tk := body.GetToken()
		return nil, &Error{File: name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: "a scenario is a mapping of keys", Err: ErrSyntax}
	}
	sc := &Scenario{file: name, source: src}
	dec := yaml.NewDecoder(bytes.NewReader(src), yaml.DisallowUnknownField())
	if err := dec.DecodeFromNode(body, sc); err != nil {
		return nil, yamlError(name, err)
	}
	is := &issues{name: name, file: f}
	sc.validate(is)
	if err := is.err(); err != nil {
		return nil, err
	}
	sc.defaults()
	return sc, nil
}

// single returns the body of the file's one document.
func single(f *ast.File) (ast.Node, error) {
	var docs []ast.Node
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d.Body)
		}
	}
	switch len(docs) {
	case 0:
		return nil, errors.New("empty scenario")
	case 1:
		return docs[0], nil
	}
	return nil, fmt.Errorf("%d YAML documents; a scenario is one", len(docs))
}

// File returns the name the scenario was decoded under.
func (s *Scenario) File() string { return s.file }

// StartTime returns the parsed Start (its default when empty).
func (s *Scenario) StartTime() time.Time { return s.started }

// defaults fills zero fields with their defaults.
func (s *Scenario) defaults() {
	if s.Seed == 0 {
		s.Seed = 1
	}
	if s.Step == 0 {
		s.Step = time.Minute
	}
	if len(s.Simulations) == 0 {
		s.Simulations = []string{SimFlood, SimDispatch, SimTraffic}
	}
	if len(s.Outputs) == 0 {
		s.Outputs = []string{"metrics", "markdown", "html", "plots"}
	}
	if !s.City.Sample && len(s.City.Files) == 0 {
		s.City.Sample = true
	}
	s.Flood = s.Flood.withDefaults()
	s.Dispatch = s.Dispatch.withDefaults()
	s.Traffic = s.Traffic.withDefaults()
	for i := range s.Variants {
		v := &s.Variants[i]
		if v.Flood != nil {
			*v.Flood = v.Flood.withDefaults()
		}
		if v.Dispatch != nil {
			*v.Dispatch = v.Dispatch.withDefaults()
		}
		if v.Traffic != nil {
			*v.Traffic = v.Traffic.withDefaults()
		}
	}
}

// Simulation names.
const (
	SimFlood    = "flood"
	SimDispatch = "dispatch"
	SimTraffic  = "traffic"
)

func (f FloodSpec) withDefaults() FloodSpec {
	def(&f.CellM, 25)
	def(&f.Manning, 0.03)
	def(&f.CloseDepthM, 0.3)
	def(&f.SewerFactor, 1)
	return f
}

func (d DispatchSpec) withDefaults() DispatchSpec {
	defDur(&d.Turnout, time.Minute)
	defDur(&d.OnScene, 20*time.Minute)
	defDur(&d.Target, 8*time.Minute)
	def(&d.SnapM, 500)
	if d.Siting != nil {
		st := *d.Siting
		if st.Units == 0 {
			st.Units = 1
		}
		if st.Candidates == 0 {
			st.Candidates = 60
		}
		defDur(&st.Standard, max(time.Minute, d.Target-d.Turnout))
		d.Siting = &st
	}
	return d
}

func (t TrafficSpec) withDefaults() TrafficSpec {
	if t.Peak == "" {
		t.Peak = "17:30"
	}
	defDur(&t.PeakWidth, time.Hour)
	def(&t.PeakVC, 0.95)
	def(&t.BaseVC, 0.35)
	def(&t.DemandVPH, 1500)
	if t.Model == "" {
		t.Model = TrafficBPR
	}
	return t
}

func def(v *float64, d float64) {
	if *v == 0 {
		*v = d
	}
}

func defDur(v *time.Duration, d time.Duration) {
	if *v == 0 {
		*v = d
	}
}

// parseFile parses src into a YAML syntax tree.
func parseFile(src []byte) (*ast.File, error) { return parser.ParseBytes(src, 0) }

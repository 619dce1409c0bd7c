package swmm

import (
	"errors"
	"strings"
	"testing"

	"twin/geo"
)

func TestDecodeBadInput(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		strict bool
		line   int   // 0: no error expected
		kind   error // geo sentinel
		also   error // package sentinel, or nil
		warn   string
	}{
		{name: "truncated junction", src: "[JUNCTIONS]\nJ1", line: 2, kind: geo.ErrSyntax},
		{name: "truncated header", src: "[JUNCTIONS]\nJ1 1 2\n[CONDU", line: 3, kind: geo.ErrSyntax},
		{name: "garbage before sections", src: "\x00\x01 garbage\n[JUNCTIONS]\nJ1 1 2\n", warn: "1 lines before the first section"},
		{name: "binary garbage number", src: "[JUNCTIONS]\nJ1 \x7f\x80 2\n", line: 2, kind: geo.ErrSyntax},
		{name: "NaN elevation", src: "[JUNCTIONS]\nJ1 NaN 2\n", line: 2, kind: geo.ErrSyntax},
		{name: "Inf depth", src: "[JUNCTIONS]\nJ1 1 Inf\n", line: 2, kind: geo.ErrSyntax},
		{name: "overflowing number", src: "[JUNCTIONS]\nJ1 1e999 2\n", line: 2, kind: geo.ErrInvalid},
		{name: "overflow after conversion", src: "[SUBCATCHMENTS]\nS1 G J 1e306 0 1 1\n", line: 2, kind: geo.ErrInvalid},
		{name: "hex float", src: "[JUNCTIONS]\nJ1 0x1p3 2\n", line: 2, kind: geo.ErrSyntax},
		{name: "unknown flow units", src: "[TITLE]\nx\n[OPTIONS]\nFLOW_UNITS  FURLONGS\n", line: 4, kind: geo.ErrUnsupported, also: ErrFlowUnits},
		{name: "conduit with 5 columns", src: "[CONDUITS]\nC1 A B 10 0.01\n", line: 2, kind: geo.ErrSyntax},
		{name: "bad conduit length", src: "[CONDUITS]\nC1 A B ten 0.01 0 0\n", line: 2, kind: geo.ErrSyntax},
		{name: "missing node warns", src: "[JUNCTIONS]\nA 1 1\n[CONDUITS]\nC1 A B 10 0.01 0 0\n[XSECTIONS]\nC1 CIRCULAR 1\n",
			warn: "1 links to missing nodes dropped (first: C1 → B)"},
		{name: "missing node strict", strict: true, src: "[JUNCTIONS]\nA 1 1\n[CONDUITS]\nC1 A B 10 0.01 0 0\n",
			line: 4, kind: geo.ErrInvalid, also: ErrMissingRef},
		{name: "xsection of missing link strict", strict: true, src: "[XSECTIONS]\nC9 CIRCULAR 1\n", line: 2, kind: geo.ErrInvalid, also: ErrMissingRef},
		{name: "duplicate node", src: "[JUNCTIONS]\nA 1 1\n[OUTFALLS]\nA 0 FREE\n", line: 4, kind: geo.ErrInvalid, also: ErrDuplicate},
		{name: "unknown outfall type", src: "[OUTFALLS]\nO 0 WATERFALL\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "unknown shape", src: "[XSECTIONS]\nC1 HEXAGON 1\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "unknown curve type", src: "[CURVES]\nK WOBBLE 0 1\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "odd curve values", src: "[CURVES]\nK STORAGE 0 1 2\n", line: 2, kind: geo.ErrSyntax},
		{name: "series back in time", src: "[TIMESERIES]\nT 1:00 1\nT 0:30 2\n", line: 3, kind: geo.ErrInvalid},
		{name: "series time without value", src: "[TIMESERIES]\nT 1:00\n", line: 2, kind: geo.ErrSyntax},
		{name: "bad start date", src: "[OPTIONS]\nSTART_DATE 13/45/2000\n", line: 2, kind: geo.ErrSyntax},
		{name: "bad minutes", src: "[RAINGAGES]\nG INTENSITY 1:75 1 TIMESERIES T\n", line: 2, kind: geo.ErrSyntax},
		{name: "unknown section warns", src: "[WIDGETS]\na b c\n[JUNCTIONS]\nJ 1 1\n", warn: "1 unknown sections kept verbatim (first: WIDGETS)"},
		{name: "line too long", src: "[TITLE]\n" + strings.Repeat("x", 1<<20+1), line: 2, kind: geo.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(strings.NewReader(tt.src), "bad.inp", Options{Strict: tt.strict})
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0].Msg, tt.warn) {
					t.Errorf("warnings %v, want one containing %q", m.Warnings, tt.warn)
				}
				return
			}
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v (%T), want *geo.ParseError", err, err)
			}
			if pe.File != "bad.inp" || pe.Line != tt.line || !errors.Is(err, tt.kind) {
				t.Errorf("got %v (line %d), want line %d wrapping %v", err, pe.Line, tt.line, tt.kind)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("got %v, want it to wrap %v", err, tt.also)
			}
		})
	}
}

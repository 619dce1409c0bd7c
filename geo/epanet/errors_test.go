package epanet

import (
	"errors"
	"strings"
	"testing"

	"twin/geo"
)

func TestDecodeBadInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opt  Options
		line int
		kind error
		also error
		warn string
	}{
		{name: "truncated junction", src: "[JUNCTIONS]\nJ1", line: 2, kind: geo.ErrSyntax},
		{name: "truncated header", src: "[JUNCTIONS]\nJ1 1\n[PIP", line: 3, kind: geo.ErrSyntax},
		{name: "garbage before sections", src: "\x00garbage\n[JUNCTIONS]\nJ1 1\n", warn: "1 lines before the first section"},
		{name: "NaN elevation", src: "[JUNCTIONS]\nJ1 nan\n", line: 2, kind: geo.ErrSyntax},
		{name: "overflow", src: "[JUNCTIONS]\nJ1 1e400\n", line: 2, kind: geo.ErrInvalid},
		{name: "overflow after conversion", src: "[PUMPS]\nU A B POWER 1e306\n", line: 2, kind: geo.ErrInvalid},
		{name: "unknown units", src: "[JUNCTIONS]\nJ1 1\n[OPTIONS]\nUnits GALLONS\n", line: 4, kind: geo.ErrUnsupported, also: ErrUnits},
		{name: "unknown headloss", src: "[OPTIONS]\nHeadloss X-Y\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "pipe with 5 columns", src: "[PIPES]\nP A B 10 12\n", line: 2, kind: geo.ErrSyntax},
		{name: "bad pipe diameter", src: "[PIPES]\nP A B 10 twelve 100\n", line: 2, kind: geo.ErrSyntax},
		{name: "tank with 5 columns", src: "[TANKS]\nT 1 2 3 4\n", line: 2, kind: geo.ErrSyntax},
		{name: "odd pump parameters", src: "[PUMPS]\nU A B HEAD\n", line: 2, kind: geo.ErrSyntax},
		{name: "unknown pump keyword", src: "[PUMPS]\nU A B TORQUE 3\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "unknown valve type", src: "[VALVES]\nV A B 12 XYZ 3\n", line: 2, kind: geo.ErrSyntax, also: ErrKeyword},
		{name: "duplicate node", src: "[JUNCTIONS]\nA 1\n[TANKS]\nA 1 1 0 2 3 0\n", line: 4, kind: geo.ErrInvalid, also: ErrDuplicate},
		{name: "missing node warns", src: "[JUNCTIONS]\nA 1\n[PIPES]\nP A B 10 12 100\n[VERTICES]\nP 1 1\n",
			warn: "1 links to missing nodes dropped (first: P → B)"},
		{name: "missing node strict", opt: Options{Strict: true}, src: "[JUNCTIONS]\nA 1\n[PIPES]\nP A B 10 12 100\n",
			line: 4, kind: geo.ErrInvalid, also: ErrMissingRef},
		{name: "demand of missing junction strict", opt: Options{Strict: true}, src: "[DEMANDS]\nX 1\n", line: 2, kind: geo.ErrInvalid, also: ErrMissingRef},
		{name: "bad duration", src: "[TIMES]\nDuration forever\n", line: 2, kind: geo.ErrSyntax},
		{name: "odd curve values", src: "[CURVES]\nK 1 2 3\n", line: 2, kind: geo.ErrSyntax},
		{name: "unknown section warns", src: "[GADGETS]\nx\n", warn: "1 unknown sections kept verbatim (first: GADGETS)"},
		{name: "after END ignored", src: "[JUNCTIONS]\nA 1\n[END]\n[PIPES]\ngarbage\n", warn: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(strings.NewReader(tt.src), "bad.inp", tt.opt)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if tt.warn == "" && len(m.Warnings) != 0 || tt.warn != "" && (len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0].Msg, tt.warn)) {
					t.Errorf("warnings %v, want %q", m.Warnings, tt.warn)
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

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name  string
		cover float64
		ok    bool
	}{
		{"zero is default", 0, true}, {"positive", 1.2, true}, {"negative", -1, false}, {"NaN", nan, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Options{Cover: tt.cover}.Validate()
			if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrOptions) {
				t.Errorf("Validate() = %v", err)
			}
			if _, err := Decode(strings.NewReader(""), "x", Options{Cover: tt.cover}); (err == nil) != tt.ok {
				t.Errorf("Decode: %v", err)
			}
		})
	}
}

var nan = func() float64 { z := 0.0; return z / z }()

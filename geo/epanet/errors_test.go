package epanet

import (
	"errors"
	"strings"
	"testing"

	"twin/geo"
	"twin/geo/internal/inp/inptest"
)

func TestDecodeBadInput(t *testing.T) {
	inptest.RunBadInput(t, decodeBad, []inptest.BadInput{
		{Name: "truncated junction", Src: "[JUNCTIONS]\nJ1", Line: 2, Kind: geo.ErrSyntax},
		{Name: "truncated header", Src: "[JUNCTIONS]\nJ1 1\n[PIP", Line: 3, Kind: geo.ErrSyntax},
		{Name: "garbage before sections", Src: "\x00garbage\n[JUNCTIONS]\nJ1 1\n", Warn: "1 lines before the first section"},
		{Name: "NaN elevation", Src: "[JUNCTIONS]\nJ1 nan\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "overflow", Src: "[JUNCTIONS]\nJ1 1e400\n", Line: 2, Kind: geo.ErrInvalid},
		{Name: "overflow after conversion", Src: "[PUMPS]\nU A B POWER 1e306\n", Line: 2, Kind: geo.ErrInvalid},
		{Name: "unknown units", Src: "[JUNCTIONS]\nJ1 1\n[OPTIONS]\nUnits GALLONS\n", Line: 4, Kind: geo.ErrUnsupported, Also: ErrUnits},
		{Name: "unknown headloss", Src: "[OPTIONS]\nHeadloss X-Y\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "pipe with 5 columns", Src: "[PIPES]\nP A B 10 12\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "bad pipe diameter", Src: "[PIPES]\nP A B 10 twelve 100\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "tank with 5 columns", Src: "[TANKS]\nT 1 2 3 4\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "odd pump parameters", Src: "[PUMPS]\nU A B HEAD\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "unknown pump keyword", Src: "[PUMPS]\nU A B TORQUE 3\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "unknown valve type", Src: "[VALVES]\nV A B 12 XYZ 3\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "duplicate node", Src: "[JUNCTIONS]\nA 1\n[TANKS]\nA 1 1 0 2 3 0\n", Line: 4, Kind: geo.ErrInvalid, Also: ErrDuplicate},
		{Name: "missing node warns", Src: "[JUNCTIONS]\nA 1\n[PIPES]\nP A B 10 12 100\n[VERTICES]\nP 1 1\n",
			Warn: "1 links to missing nodes dropped (first: P → B)"},
		{Name: "missing node strict", Strict: true, Src: "[JUNCTIONS]\nA 1\n[PIPES]\nP A B 10 12 100\n",
			Line: 4, Kind: geo.ErrInvalid, Also: ErrMissingRef},
		{Name: "demand of missing junction strict", Strict: true, Src: "[DEMANDS]\nX 1\n", Line: 2, Kind: geo.ErrInvalid, Also: ErrMissingRef},
		{Name: "bad duration", Src: "[TIMES]\nDuration forever\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "odd curve values", Src: "[CURVES]\nK 1 2 3\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "unknown section warns", Src: "[GADGETS]\nx\n", Warn: "1 unknown sections kept verbatim (first: GADGETS)"},
		{Name: "after END ignored", Src: "[JUNCTIONS]\nA 1\n[END]\n[PIPES]\ngarbage\n", Warn: ""},
	})
}

// decodeBad is the inptest.Decoder for this package.
func decodeBad(src, name string, strict bool) ([]geo.Warning, error) {
	m, err := Decode(strings.NewReader(src), name, Options{Strict: strict})
	if err != nil {
		return nil, err
	}
	return m.Warnings, nil
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

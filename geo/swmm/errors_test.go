package swmm

import (
	"strings"
	"testing"

	"twin/geo"
	"twin/geo/internal/inp/inptest"
)

func TestDecodeBadInput(t *testing.T) {
	inptest.RunBadInput(t, decodeBad, []inptest.BadInput{
		{Name: "truncated junction", Src: "[JUNCTIONS]\nJ1", Line: 2, Kind: geo.ErrSyntax},
		{Name: "truncated header", Src: "[JUNCTIONS]\nJ1 1 2\n[CONDU", Line: 3, Kind: geo.ErrSyntax},
		{Name: "garbage before sections", Src: "\x00\x01 garbage\n[JUNCTIONS]\nJ1 1 2\n", Warn: "1 lines before the first section"},
		{Name: "binary garbage number", Src: "[JUNCTIONS]\nJ1 \x7f\x80 2\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "NaN elevation", Src: "[JUNCTIONS]\nJ1 NaN 2\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "Inf depth", Src: "[JUNCTIONS]\nJ1 1 Inf\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "overflowing number", Src: "[JUNCTIONS]\nJ1 1e999 2\n", Line: 2, Kind: geo.ErrInvalid},
		{Name: "overflow after conversion", Src: "[SUBCATCHMENTS]\nS1 G J 1e306 0 1 1\n", Line: 2, Kind: geo.ErrInvalid},
		{Name: "hex float", Src: "[JUNCTIONS]\nJ1 0x1p3 2\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "unknown flow units", Src: "[TITLE]\nx\n[OPTIONS]\nFLOW_UNITS  FURLONGS\n", Line: 4, Kind: geo.ErrUnsupported, Also: ErrFlowUnits},
		{Name: "conduit with 5 columns", Src: "[CONDUITS]\nC1 A B 10 0.01\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "bad conduit length", Src: "[CONDUITS]\nC1 A B ten 0.01 0 0\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "missing node warns", Src: "[JUNCTIONS]\nA 1 1\n[CONDUITS]\nC1 A B 10 0.01 0 0\n[XSECTIONS]\nC1 CIRCULAR 1\n",
			Warn: "1 links to missing nodes dropped (first: C1 → B)"},
		{Name: "missing node strict", Strict: true, Src: "[JUNCTIONS]\nA 1 1\n[CONDUITS]\nC1 A B 10 0.01 0 0\n",
			Line: 4, Kind: geo.ErrInvalid, Also: ErrMissingRef},
		{Name: "xsection of missing link strict", Strict: true, Src: "[XSECTIONS]\nC9 CIRCULAR 1\n", Line: 2, Kind: geo.ErrInvalid, Also: ErrMissingRef},
		{Name: "duplicate node", Src: "[JUNCTIONS]\nA 1 1\n[OUTFALLS]\nA 0 FREE\n", Line: 4, Kind: geo.ErrInvalid, Also: ErrDuplicate},
		{Name: "unknown outfall type", Src: "[OUTFALLS]\nO 0 WATERFALL\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "unknown shape", Src: "[XSECTIONS]\nC1 HEXAGON 1\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "unknown curve type", Src: "[CURVES]\nK WOBBLE 0 1\n", Line: 2, Kind: geo.ErrSyntax, Also: ErrKeyword},
		{Name: "odd curve values", Src: "[CURVES]\nK STORAGE 0 1 2\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "series back in time", Src: "[TIMESERIES]\nT 1:00 1\nT 0:30 2\n", Line: 3, Kind: geo.ErrInvalid},
		{Name: "series time without value", Src: "[TIMESERIES]\nT 1:00\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "bad start date", Src: "[OPTIONS]\nSTART_DATE 13/45/2000\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "bad minutes", Src: "[RAINGAGES]\nG INTENSITY 1:75 1 TIMESERIES T\n", Line: 2, Kind: geo.ErrSyntax},
		{Name: "unknown section warns", Src: "[WIDGETS]\na b c\n[JUNCTIONS]\nJ 1 1\n", Warn: "1 unknown sections kept verbatim (first: WIDGETS)"},
		{Name: "line too long", Src: "[TITLE]\n" + strings.Repeat("x", 1<<20+1), Line: 2, Kind: geo.ErrSyntax},
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

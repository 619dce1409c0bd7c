package drainage

import (
	"bytes"
	"io"
	"io/fs"
	"strings"
	"testing"

	"twin/assets"
	"twin/geo/swmm"
	"twin/internal/sharedtest"
	"twin/sim/flood/rain"
)

// decode parses an .inp text.
func decode(t testing.TB, name, text string) *swmm.Model {
	t.Helper()
	m, err := swmm.Decode(strings.NewReader(text), name, swmm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sharedModel decodes a SWMM file of the shared data set with its gauges.
func sharedModel(t testing.TB, name string) (*swmm.Model, map[string]rain.Hyetograph) {
	t.Helper()
	m, err := swmm.Decode(sharedtest.Open(t, "pipes/swmm/"+name), name, swmm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]io.Reader{}
	for _, g := range m.RainGages {
		if g.Source == "FILE" {
			files[g.File] = sharedtest.Open(t, "pipes/swmm/swmmanywhere-"+g.File)
		}
	}
	gs, err := rain.SWMMGauges(m, files)
	if err != nil {
		t.Fatal(err)
	}
	hs := map[string]rain.Hyetograph{}
	for _, g := range gs {
		hs[g.Name] = g.Rain
	}
	return m, hs
}

// monaco decodes the embedded synthetic Monaco sewer.
func monaco(t testing.TB) *swmm.Model {
	t.Helper()
	b, err := fs.ReadFile(assets.City(), "monaco-sewer.inp")
	if err != nil {
		t.Fatal(err)
	}
	m, err := swmm.Decode(bytes.NewReader(b), "monaco-sewer.inp", swmm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// designStorm is a Chicago storm from an illustrative storm-intensity
// formula of the Chinese form (not a city's), 10-year return period.
func designStorm(t testing.TB, minutes float64) rain.Chicago {
	t.Helper()
	idf, err := rain.ChineseFormula{A1: 12, C: 0.8, B: 8, N: 0.7}.IDF(10)
	if err != nil {
		t.Fatal(err)
	}
	return rain.Chicago{IDF: idf, DurationMin: minutes, Peak: 0.4}
}

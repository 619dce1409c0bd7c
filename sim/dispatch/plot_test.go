package dispatch

import (
	"bytes"
	"errors"
	"image/png"
	"testing"
)

// TestPlots: each chart decodes as a PNG of the size asked for, is the
// same bytes when drawn twice, and an empty result gives ErrPlot.
func TestPlots(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	r := &Result{TargetS: 480, Policy: "nearest",
		Incidents: []IncidentRecord{{ResponseS: f(100)}, {ResponseS: f(500)}, {ResponseS: f(130)}},
		Units:     []UnitRecord{{ID: "a", Utilisation: 0.2}, {ID: "b", Utilisation: 0.6}},
		Coverage: []CoverageSample{
			{TimeS: 0, Share: map[UnitType][3]float64{UnitEngine: {1, 1, 1}, UnitPolice: {0.5, 0.8, 1}}},
			{TimeS: 3600, Share: map[UnitType][3]float64{UnitEngine: {0.4, 0.9, 1}, UnitPolice: {0.5, 0.8, 1}}},
		},
	}
	charts := map[string]func(*bytes.Buffer, *Result) error{
		"response": func(b *bytes.Buffer, r *Result) error { return PlotResponseTimes(b, r, 400, 300) },
		"coverage": func(b *bytes.Buffer, r *Result) error { return PlotCoverage(b, r, 0, 400, 300) },
		"use":      func(b *bytes.Buffer, r *Result) error { return PlotUtilisation(b, r, 400, 300) },
	}
	for name, draw := range charts {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := draw(&a, r); err != nil {
				t.Fatal(err)
			}
			if err := draw(&b, r); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if sz := img.Bounds().Size(); sz.X != 400 || sz.Y != 300 || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%v px, deterministic %v", sz, bytes.Equal(a.Bytes(), b.Bytes()))
			}
			if err := draw(&a, &Result{}); !errors.Is(err, ErrPlot) {
				t.Errorf("empty result: %v, want ErrPlot", err)
			}
		})
	}
}

// TestPlotCoverageMap: the map of the sample city from one unit decodes
// as a PNG of the size asked for; a length mismatch is ErrPlot.
func TestPlotCoverageMap(t *testing.T) {
	tw := monaco(t)
	cov := NewCoverage(tw.g, tw.d)
	units := monacoUnits(t, tw, "w94399795")
	near := must(cov.Nearest(units))
	var buf bytes.Buffer
	if err := PlotCoverageMap(&buf, tw.d, near, units, "La Victoria", 500, 400); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if sz := img.Bounds().Size(); sz.X != 500 || sz.Y != 400 {
		t.Errorf("%v px", sz)
	}
	if err := PlotCoverageMap(&buf, tw.d, near[1:], units, "", 500, 400); !errors.Is(err, ErrPlot) {
		t.Errorf("short times: %v", err)
	}
}

package floodout

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strconv"
	"testing"
)

// hydrograph is a triangular hydrograph peaking at peak m³/s at tp seconds,
// sampled every 60 s to 2·tp.
func hydrograph(name string, peak, tp float64) Series {
	s := Series{Name: name}
	for t := 0.0; t <= 2*tp; t += 60 {
		s.T = append(s.T, t)
		s.V = append(s.V, peak*(1-math.Abs(t-tp)/tp))
	}
	return s
}

// TestPlotSeries: the PNG decodes at the requested size (gonum/plot at 96
// dpi), has drawn pixels, and is the same bytes twice.
func TestPlotSeries(t *testing.T) {
	ss := []Series{hydrograph("outfall 1", 2.5, 1800), hydrograph("outfall 2", 1.2, 1800)}
	tests := []struct {
		name string
		opt  PlotOptions
		w, h int
	}{
		{"default", PlotOptions{Title: "outfalls", YLabel: "flow (m³/s)"}, 800, 450},
		{"small", PlotOptions{Width: 400, Height: 300}, 400, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := PlotSeries(&a, ss, tt.opt); err != nil {
				t.Fatal(err)
			}
			if err := PlotSeries(&b, ss, tt.opt); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, a.Bytes())
			if bb := img.Bounds(); bb.Dx() != tt.w || bb.Dy() != tt.h {
				t.Errorf("size %d × %d, want %d × %d", bb.Dx(), bb.Dy(), tt.w, tt.h)
			}
			if n := inkPixels(img, 0); n < tt.w*tt.h/100 {
				t.Errorf("%d drawn pixels, want ≥ 1 %%", n)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two plots of the same series differ")
			}
		})
	}
}

// TestWriteCSV: the CSV reads back with encoding/csv to the same numbers,
// exactly (shortest round-tripping decimals).
func TestWriteCSV(t *testing.T) {
	ss := []Series{hydrograph("a", 2.5, 600), hydrograph("b,c", 1.0/3, 600)}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ss); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ss[0].T)+1 || len(rows[0]) != 3 || rows[0][0] != "time_s" || rows[0][2] != "b,c" {
		t.Fatalf("header %q and %d rows", rows[0], len(rows))
	}
	for i, row := range rows[1:] {
		for k, want := range []float64{ss[0].T[i], ss[0].V[i], ss[1].V[i]} {
			if got, err := strconv.ParseFloat(row[k], 64); err != nil || got != want {
				t.Fatalf("row %d column %d: %q, want %v", i+1, k, row[k], want)
			}
		}
	}
}

func TestSeriesErrors(t *testing.T) {
	ok := hydrograph("ok", 1, 600)
	tests := []struct {
		name string
		ss   []Series
	}{
		{"none", nil},
		{"lengths", []Series{{Name: "x", T: []float64{0, 1}, V: []float64{1}}}},
		{"time order", []Series{{Name: "x", T: []float64{0, 0}, V: []float64{1, 2}}}},
		{"different times", []Series{ok, hydrograph("short", 1, 300)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := WriteCSV(&bytes.Buffer{}, tt.ss); !errors.Is(err, ErrSeries) {
				t.Errorf("WriteCSV: %v, want ErrSeries", err)
			}
		})
	}
	if err := PlotSeries(&bytes.Buffer{}, nil, PlotOptions{}); !errors.Is(err, ErrSeries) {
		t.Errorf("PlotSeries(nil): %v, want ErrSeries", err)
	}
	if err := PlotSeries(&bytes.Buffer{}, []Series{ok}, PlotOptions{Width: -1}); !errors.Is(err, ErrOptions) {
		t.Errorf("PlotSeries(width -1): %v, want ErrOptions", err)
	}
}

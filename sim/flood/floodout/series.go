package floodout

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Series is a named time series: V[i] at T[i] seconds, T increasing.
// Units of V are the caller's (m for stages, m³/s for hydrographs).
type Series struct {
	Name string
	T, V []float64
}

func (s Series) validate() error {
	if len(s.T) != len(s.V) {
		return fmt.Errorf("%w: %q has %d times and %d values", ErrSeries, s.Name, len(s.T), len(s.V))
	}
	for i := 1; i < len(s.T); i++ {
		if !(s.T[i] > s.T[i-1]) {
			return fmt.Errorf("%w: %q: time %g s after %g s", ErrSeries, s.Name, s.T[i], s.T[i-1])
		}
	}
	return nil
}

// PlotOptions tune PlotSeries. The zero value draws 800 × 450 pixels with
// no title and "value" on the y axis.
type PlotOptions struct {
	Title, YLabel string
	// Width and Height are the image size in pixels (0: 800 × 450).
	Width, Height int
}

// PlotSeries writes a PNG line plot of the series against time (minutes
// for spans up to three hours, hours beyond), one line and legend entry
// per series, with gonum/plot. Errors: ErrSeries (none, or malformed),
// ErrOptions (negative size), or the writer's.
func PlotSeries(w io.Writer, series []Series, opt PlotOptions) error {
	if len(series) == 0 {
		return fmt.Errorf("%w: no series to plot", ErrSeries)
	}
	if opt.Width < 0 || opt.Height < 0 {
		return fmt.Errorf("%w: plot size %d × %d", ErrOptions, opt.Width, opt.Height)
	}
	span := 0.0
	for _, s := range series {
		if err := s.validate(); err != nil {
			return err
		}
		if n := len(s.T); n > 0 {
			span = max(span, s.T[n-1])
		}
	}
	unit, div := "min", 60.0
	if span > 3*3600 {
		unit, div = "h", 3600
	}
	p := plot.New()
	p.Title.Text = opt.Title
	p.X.Label.Text = "time (" + unit + ")"
	p.Y.Label.Text = opt.YLabel
	if p.Y.Label.Text == "" {
		p.Y.Label.Text = "value"
	}
	p.Add(plotter.NewGrid())
	for i, s := range series {
		xy := make(plotter.XYs, len(s.T))
		for k := range s.T {
			xy[k] = plotter.XY{X: s.T[k] / div, Y: finite(s.V[k])}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return fmt.Errorf("%w: %q: %v", ErrSeries, s.Name, err)
		}
		l.Color = plotutil.Color(i)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(s.Name, l)
	}
	p.Legend.Top = true
	wpx, hpx := opt.Width, opt.Height
	if wpx == 0 {
		wpx = 800
	}
	if hpx == 0 {
		hpx = 450
	}
	wt, err := p.WriterTo(pixels(wpx), pixels(hpx), "png")
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// pixels converts a pixel count to a length at gonum/plot's PNG
// resolution (96 dpi).
func pixels(n int) vg.Length { return vg.Length(n) * vg.Inch / 96 }

// finite maps NaN and ±Inf to 0 so that a line can be drawn.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// WriteCSV writes the series as CSV: a header "time_s,<name>…", then one
// row per time. Every series must share the first one's times (ErrSeries
// otherwise). Values use the shortest decimal that reads back exactly
// (strconv 'g', -1). O(rows · series).
func WriteCSV(w io.Writer, series []Series) error {
	if len(series) == 0 {
		return fmt.Errorf("%w: no series to write", ErrSeries)
	}
	t := series[0].T
	head := []string{"time_s"}
	for _, s := range series {
		if err := s.validate(); err != nil {
			return err
		}
		if len(s.T) != len(t) {
			return fmt.Errorf("%w: %q has %d times, %q %d", ErrSeries, s.Name, len(s.T), series[0].Name, len(t))
		}
		for i := range t {
			if s.T[i] != t[i] {
				return fmt.Errorf("%w: %q: time %d is %g s, %q's %g s", ErrSeries, s.Name, i, s.T[i], series[0].Name, t[i])
			}
		}
		head = append(head, s.Name)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(series)+1)
	for i := range t {
		row[0] = strconv.FormatFloat(t[i], 'g', -1, 64)
		for k, s := range series {
			row[k+1] = strconv.FormatFloat(s.V[i], 'g', -1, 64)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

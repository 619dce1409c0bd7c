package dispatch

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// ErrPlot is returned when a chart has nothing to draw or bad dimensions.
var ErrPlot = errors.New("dispatch: nothing to plot")

// pixels converts pixels at 96 dpi to a plot length.
func pixels(n int) vg.Length { return vg.Length(n) * vg.Inch / 96 }

// writePNG renders p as a wpx × hpx PNG to w.
func writePNG(w io.Writer, p *plot.Plot, wpx, hpx int) error {
	if wpx < 100 || hpx < 100 || wpx > 10000 || hpx > 10000 {
		return fmt.Errorf("%w: %d×%d px", ErrPlot, wpx, hpx)
	}
	wt, err := p.WriterTo(pixels(wpx), pixels(hpx), "png")
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// PlotResponseTimes draws a histogram of the served calls' response
// times in minutes (one-minute bins) with the target marked, as a wpx ×
// hpx PNG. Errors: ErrPlot when no call was served or the size is outside
// 100 … 10000 px; those of w.
func PlotResponseTimes(w io.Writer, r *Result, wpx, hpx int) error {
	var v plotter.Values
	hi := r.TargetS / 60
	for _, in := range r.Incidents {
		if in.ResponseS != nil {
			v = append(v, *in.ResponseS/60)
			hi = max(hi, *in.ResponseS/60)
		}
	}
	if len(v) == 0 {
		return fmt.Errorf("%w: no call was served", ErrPlot)
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Response times (%s, %d calls)", r.Policy, len(v))
	p.X.Label.Text = "minutes from call to first unit on scene"
	p.Y.Label.Text = "calls"
	h, err := plotter.NewHist(v, 1)
	if err != nil {
		return err
	}
	h.Bins = make([]plotter.HistogramBin, int(math.Floor(hi))+1) // [k, k+1) minutes
	for k := range h.Bins {
		h.Bins[k].Min, h.Bins[k].Max = float64(k), float64(k+1)
	}
	for _, x := range v {
		h.Bins[min(int(math.Floor(x)), len(h.Bins)-1)].Weight++
	}
	h.Width = 1
	h.FillColor = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	p.Add(plotter.NewGrid(), h)
	tl, err := plotter.NewLine(plotter.XYs{{X: r.TargetS / 60, Y: 0}, {X: r.TargetS / 60, Y: float64(len(v))}})
	if err != nil {
		return err
	}
	tl.Color = color.RGBA{R: 200, A: 255}
	tl.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(tl)
	p.Legend.Add(fmt.Sprintf("target %.0f min", r.TargetS/60), tl)
	p.Legend.Top = true
	p.Y.Max = 0
	for _, b := range h.Bins {
		p.Y.Max = max(p.Y.Max, b.Weight*1.1)
	}
	return writePNG(w, p, wpx, hpx)
}

// PlotCoverage draws, for every unit type, the share of floor area within
// limit k of CoverageLimitsS (0: 8 min, 1: 10, 2: 15) of an
// available unit over the run, as a PNG. Errors: ErrPlot for no samples,
// a bad k or size; those of w.
func PlotCoverage(w io.Writer, r *Result, k, wpx, hpx int) error {
	if len(r.Coverage) == 0 || k < 0 || k >= len(CoverageLimitsS()) {
		return fmt.Errorf("%w: %d coverage samples, limit %d", ErrPlot, len(r.Coverage), k)
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Coverage within %.0f min of an available unit", CoverageLimitsS()[k]/60)
	p.X.Label.Text = "hours from start"
	p.Y.Label.Text = "share of floor area"
	p.Y.Min, p.Y.Max = 0, 1.2
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	for i, typ := range sortedTypes(r) {
		xy := make(plotter.XYs, len(r.Coverage))
		for j, c := range r.Coverage {
			xy[j] = plotter.XY{X: c.TimeS / 3600, Y: c.Share[typ][k]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(i)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(string(typ), l)
	}
	return writePNG(w, p, wpx, hpx)
}

// PlotUtilisation draws every unit's utilisation (share of the run not
// available) as bars, as a PNG. Errors: ErrPlot for no units or a bad
// size; those of w.
func PlotUtilisation(w io.Writer, r *Result, wpx, hpx int) error {
	if len(r.Units) == 0 {
		return fmt.Errorf("%w: no units", ErrPlot)
	}
	p := plot.New()
	p.Title.Text = "Unit utilisation"
	p.Y.Label.Text = "share of the run busy"
	p.Y.Min, p.Y.Max = 0, 1
	v := make(plotter.Values, len(r.Units))
	names := make([]string, len(r.Units))
	for i, u := range r.Units {
		v[i], names[i] = u.Utilisation, u.ID
	}
	bars, err := plotter.NewBarChart(v, vg.Points(max(4, min(30, 400/float64(len(v))))))
	if err != nil {
		return err
	}
	bars.Color = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	p.Add(plotter.NewGrid(), bars)
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = 1.2
	p.X.Tick.Label.XAlign = -1
	return writePNG(w, p, wpx, hpx)
}

// sortedTypes returns the unit types in the first coverage sample, in
// name order.
func sortedTypes(r *Result) []UnitType {
	var ts []UnitType
	for t := range r.Coverage[0].Share {
		ts = append(ts, t)
	}
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	return ts
}

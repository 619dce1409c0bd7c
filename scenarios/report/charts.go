package report

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"twin/scenarios"
)

// Chart is one PNG chart of a report.
type Chart struct {
	// Name is the file stem (charts/Name.png), Title the caption.
	Name, Title string
	PNG         []byte
}

// chartW and chartH are the size of every chart.
const (
	chartW = 7 * vg.Inch
	chartH = 4 * vg.Inch
)

// Charts draws every chart the results allow, in a fixed order, with
// flood maps over a plain land mask (ChartsOver gives them a basemap).
func Charts(res *scenarios.Results) ([]Chart, error) { return ChartsOver(res, nil) }

// ChartsOver draws every chart the results allow, in a fixed order, with
// the flood maps over base (nil: a plain land mask that cannot tell the
// sea from the land). The same results and basemap give the same bytes.
func ChartsOver(res *scenarios.Results, base *Basemap) ([]Chart, error) {
	if res == nil {
		return nil, ErrNoResults
	}
	maps := func(r *scenarios.Results) ([]Chart, error) {
		a, err := depthMapCharts(r, base)
		if err != nil {
			return nil, err
		}
		b, err := diffMapCharts(r, base)
		return append(a, b...), err
	}
	var out []Chart
	for _, make := range []func(*scenarios.Results) ([]Chart, error){
		rainCharts, hydrographCharts, closedChart, maps, responseCharts, comparisonChart, timeSpaceCharts,
	} {
		cs, err := make(res)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// render encodes a plot as PNG.
func render(p *plot.Plot, name, title string) ([]Chart, error) {
	wt, err := p.WriterTo(chartW, chartH, "png")
	if err != nil {
		return nil, fmt.Errorf("report: chart %s: %w", name, err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("report: chart %s: %w", name, err)
	}
	return []Chart{{Name: name, Title: title, PNG: buf.Bytes()}}, nil
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, x, y
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	return p
}

// addLine adds a named line of ys against xs in the i-th default colour.
func addLine(p *plot.Plot, name string, xs []float64, ys func(int) float64, i int) error {
	pts := make(plotter.XYs, len(xs))
	for k := range xs {
		pts[k] = plotter.XY{X: xs[k], Y: ys(k)}
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color = plotutil.Color(i)
	l.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

func minutes(ts []float64) []float64 {
	out := make([]float64, len(ts))
	for i, t := range ts {
		out[i] = t / 60
	}
	return out
}

// rainCharts plots each variant's rain intensity and surface water.
func rainCharts(res *scenarios.Results) ([]Chart, error) {
	p := newPlot("Rain intensity", "time (min)", "rain (mm/h)")
	n := 0
	for i, v := range res.Variants {
		s := v.Series
		if v.Flood == nil || len(s.RainMMh) != len(s.TS) || v.Flood.RainMM == 0 {
			continue
		}
		if err := addLine(p, v.Name, minutes(s.TS), func(k int) float64 { return s.RainMMh[k] }, i); err != nil {
			return nil, err
		}
		n++
	}
	if n == 0 {
		return nil, nil
	}
	return render(p, "rain", "Rain intensity of each run (mm/h)")
}

// hydrographCharts plots the depth hydrographs of the first flooded run.
func hydrographCharts(res *scenarios.Results) ([]Chart, error) {
	for _, v := range res.Variants {
		if v.Flood == nil || len(v.Flood.Hydrographs) == 0 || v.Flood.RainMM == 0 {
			continue
		}
		p := newPlot("Depth hydrographs ("+v.Name+")", "time (min)", "depth (m)")
		xs := minutes(v.Series.TS)
		for i, h := range v.Flood.Hydrographs {
			if len(h.DepthM) != len(xs) {
				continue
			}
			if err := addLine(p, h.Name, xs, func(k int) float64 { return h.DepthM[k] }, i); err != nil {
				return nil, err
			}
		}
		return render(p, "hydrographs", "Water depth at the gauges and the deepest road links ("+v.Name+")")
	}
	return nil, nil
}

// closedChart plots the closed links of every run over time.
func closedChart(res *scenarios.Results) ([]Chart, error) {
	p := newPlot("Closed road links", "time (min)", "links closed")
	any := false
	for i, v := range res.Variants {
		s := v.Series
		if len(s.ClosedLinks) != len(s.TS) || len(s.TS) == 0 {
			continue
		}
		if err := addLine(p, v.Name, minutes(s.TS), func(k int) float64 { return float64(s.ClosedLinks[k]) }, i); err != nil {
			return nil, err
		}
		any = true
	}
	if !any {
		return nil, nil
	}
	return render(p, "closed-links", "Road links closed in the routing graph, by run")
}

var barColor = color.RGBA{R: 70, G: 110, B: 170, A: 255}

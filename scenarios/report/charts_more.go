package report

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"twin/geo"
	"twin/scenarios"
)

// depthGrid shows a depth grid to plot.HeatMap, x east and y north in
// kilometres from the grid's south-west corner.
type depthGrid struct{ g *geo.Grid }

func (d depthGrid) Dims() (int, int) { return d.g.Cols, d.g.Rows }
func (d depthGrid) Z(c, r int) float64 {
	return float64(d.g.Data[(d.g.Rows-1-r)*d.g.Cols+c])
}
func (d depthGrid) X(c int) float64 { return (float64(c) + 0.5) * d.g.DX / 1000 }
func (d depthGrid) Y(r int) float64 { return (float64(r) + 0.5) * d.g.DY / 1000 }

// depthMapCharts maps the maximum depth of the first flooded run.
func depthMapCharts(res *scenarios.Results) ([]Chart, error) {
	for _, v := range res.Variants {
		f := v.Flood
		if f == nil || f.MaxDepth == nil || f.RainMM == 0 {
			continue
		}
		p := plot.New()
		p.Title.Text, p.X.Label.Text, p.Y.Label.Text = "Maximum water depth ("+v.Name+")", "east (km)", "north (km)"
		top := 0.0
		for _, z := range f.MaxDepth.Data {
			top = math.Max(top, float64(z))
		}
		hm := plotter.NewHeatMap(depthGrid{f.MaxDepth}, moreland.ExtendedBlackBody().Palette(64))
		hm.Min, hm.Max = 0, math.Max(0.5, math.Min(top, 2))
		p.Add(hm)
		return render(p, "max-depth", fmt.Sprintf("Maximum depth (m, colour scale 0–%.1f m; sea included) of %s", hm.Max, v.Name))
	}
	return nil, nil
}

// responseCharts draws a response-time histogram per run.
func responseCharts(res *scenarios.Results) ([]Chart, error) {
	var out []Chart
	for i, v := range res.Variants {
		d := v.Dispatch
		if d == nil || d.Reached == 0 {
			continue
		}
		var vals plotter.Values
		for _, in := range d.List {
			if in.Reached {
				vals = append(vals, in.ResponseS/60)
			}
		}
		p := newPlot("Response times ("+v.Name+")", "response time (min)", "incidents")
		h, err := plotter.NewHist(vals, 12)
		if err != nil {
			return nil, err
		}
		h.FillColor = plotutil.Color(i)
		p.Add(h)
		c, err := render(p, fmt.Sprintf("response-%d", i), fmt.Sprintf("Response-time histogram of %s (target %s)", v.Name, dur(d.TargetS)))
		if err != nil {
			return nil, err
		}
		out = append(out, c...)
	}
	return out, nil
}

// comparisonChart compares mean and 90th-percentile response times and
// corridor travel times across runs.
func comparisonChart(res *scenarios.Results) ([]Chart, error) {
	var names []string
	var mean, p90, corr plotter.Values
	for _, v := range res.Variants {
		names = append(names, v.Name)
		m, q, c := 0.0, 0.0, 0.0
		if d := v.Dispatch; d != nil {
			m, q = d.MeanS/60, d.P90S/60
		}
		if t := v.Traffic; t != nil && t.Corridor != nil {
			c = t.Corridor.FinalOutS / 60
		}
		mean, p90, corr = append(mean, m), append(p90, q), append(corr, c)
	}
	p := newPlot("Travel and response times by run", "", "minutes")
	w := vg.Points(14)
	for k, s := range []struct {
		name string
		v    plotter.Values
	}{{"mean response", mean}, {"90th percentile response", p90}, {"corridor travel (outbound)", corr}} {
		if sum(s.v) == 0 {
			continue
		}
		b, err := plotter.NewBarChart(s.v, w)
		if err != nil {
			return nil, err
		}
		b.Color = plotutil.Color(k)
		b.Offset = vg.Length(k-1) * w
		p.Add(b)
		p.Legend.Add(s.name, b)
	}
	p.NominalX(names...)
	return render(p, "comparison", "Mean and 90th-percentile response times and corridor travel time, by run (min)")
}

func sum(v plotter.Values) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

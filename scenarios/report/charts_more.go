package report

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"twin/scenarios"
)

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
	// Headroom above the tallest bar for the legend, top left.
	p.Y.Min, p.Y.Max = 0, p.Y.Max*1.3
	p.Legend.Top, p.Legend.Left = true, true
	return render(p, "comparison", "Mean and 90th-percentile response times and corridor travel time, by run (min)")
}

func sum(v plotter.Values) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

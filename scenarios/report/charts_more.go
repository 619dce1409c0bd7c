package report

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"twin/geo"
	"twin/scenarios"
)

// depthImage paints a depth grid (row 0 north) with a colour map over
// [0, top] m; dry cells are white.
func depthImage(g *geo.Grid, top float64) *image.RGBA {
	pal := moreland.ExtendedBlackBody().Palette(64).Colors()
	img := image.NewRGBA(image.Rect(0, 0, g.Cols, g.Rows))
	for r := 0; r < g.Rows; r++ {
		for c := 0; c < g.Cols; c++ {
			d := float64(g.Data[r*g.Cols+c])
			col := color.Color(color.White)
			if d >= 0.01 {
				k := int(math.Min(1, d/top) * float64(len(pal)-1))
				col = pal[len(pal)-1-k] // deep water dark
			}
			img.Set(c, r, col)
		}
	}
	return img
}

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
		top = math.Max(0.5, math.Min(top, 2))
		g := f.MaxDepth
		p.Add(plotter.NewImage(depthImage(g, top), 0, 0, float64(g.Cols)*g.DX/1000, float64(g.Rows)*g.DY/1000))
		if err := addIncidents(p, v, g); err != nil {
			return nil, err
		}
		return render(p, "max-depth", fmt.Sprintf("Maximum depth of %s: white under 1 cm, darkest %.1f m and more (sea included); incidents reached (green) and never reached (red)", v.Name, top))
	}
	return nil, nil
}

// addIncidents marks the run's incidents on a map of grid g: reached in
// green, never reached in red.
func addIncidents(p *plot.Plot, v *scenarios.VariantResult, g *geo.Grid) error {
	if v.Dispatch == nil {
		return nil
	}
	south := g.Y0 - float64(g.Rows)*g.DY
	var ok, cut plotter.XYs
	for _, in := range v.Dispatch.List {
		pt := plotter.XY{X: (in.X - g.X0) / 1000, Y: (in.Y - south) / 1000}
		if pt.X < 0 || pt.Y < 0 || pt.X > float64(g.Cols)*g.DX/1000 || pt.Y > float64(g.Rows)*g.DY/1000 {
			continue
		}
		if in.Reached {
			ok = append(ok, pt)
		} else {
			cut = append(cut, pt)
		}
	}
	for _, set := range []struct {
		pts plotter.XYs
		col color.Color
	}{{ok, color.RGBA{G: 150, A: 255}}, {cut, color.RGBA{R: 220, A: 255}}} {
		if len(set.pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(set.pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = set.col, vg.Points(3), draw.CircleGlyph{}
		p.Add(sc)
	}
	return nil
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

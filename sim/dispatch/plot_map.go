package dispatch

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// coverageBands are the map's classes: within 8, 10, 15 minutes, beyond,
// unreachable; colours from green to dark red.
var coverageBands = []struct {
	label string
	limit float64
	c     color.RGBA
}{
	{"≤ 8 min", 480, color.RGBA{26, 150, 65, 255}},
	{"≤ 10 min", 600, color.RGBA{166, 217, 106, 255}},
	{"≤ 15 min", 900, color.RGBA{253, 174, 97, 255}},
	{"> 15 min", math.MaxFloat64, color.RGBA{215, 25, 28, 255}},
	{"unreachable", math.Inf(1), color.RGBA{90, 0, 0, 255}},
}

// PlotCoverageMap draws every demand point at its position (the graph's
// CRS, metres), coloured by the travel time from the nearest unit in
// nearestS (as Coverage.Nearest returns, in demand order): within 8,
// 10, 15 minutes, beyond, unreachable; units are drawn as black
// triangles. It is the map on which a closure's coverage gap shows.
// Errors: ErrPlot for a length mismatch, no points or a bad size; those
// of w.
func PlotCoverageMap(w io.Writer, d *Demand, nearestS []float64, units []Snap, title string, wpx, hpx int) error {
	if d == nil || d.Len() == 0 || len(nearestS) != d.Len() {
		return fmt.Errorf("%w: %d times for the demand points", ErrPlot, len(nearestS))
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = "x (m)", "y (m)"
	p.Legend.Top = true
	pts := make([]plotter.XYs, len(coverageBands))
	for i, t := range nearestS {
		b := 0
		for b < len(coverageBands)-1 && !(t <= coverageBands[b].limit) {
			b++
		}
		pts[b] = append(pts[b], plotter.XY{X: d.Points[i][0], Y: d.Points[i][1]})
	}
	for b, xy := range pts {
		if len(xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: coverageBands[b].c, Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("%s (%d)", coverageBands[b].label, len(xy)), sc)
	}
	if len(units) > 0 {
		xy := make(plotter.XYs, len(units))
		for i, u := range units {
			xy[i] = plotter.XY{X: u.Point[0], Y: u.Point[1]}
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}
		p.Add(sc)
		p.Legend.Add("units", sc)
	}
	equalAspect(p, wpx, hpx)
	return writePNG(w, p, wpx, hpx)
}

// equalAspect widens the shorter axis range so a metre is as long on both
// axes (approximately: the plot's margins are ignored).
func equalAspect(p *plot.Plot, wpx, hpx int) {
	dx, dy := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	if dx <= 0 || dy <= 0 || wpx <= 0 || hpx <= 0 {
		return
	}
	want := float64(wpx) / float64(hpx)
	if dx/dy < want {
		grow := (dy*want - dx) / 2
		p.X.Min, p.X.Max = p.X.Min-grow, p.X.Max+grow
	} else {
		grow := (dx/want - dy) / 2
		p.Y.Min, p.Y.Max = p.Y.Min-grow, p.Y.Max+grow
	}
}

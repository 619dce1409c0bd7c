package report

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"twin/scenarios"
)

var (
	green = color.RGBA{G: 160, A: 255}
	red   = color.RGBA{R: 200, A: 255}
	blue  = color.RGBA{B: 200, A: 255}
)

// timeSpaceCharts draws the time–space diagram of each corridor plan of
// the first run that has a corridor: the outbound green (green) and red
// (red) of each signal over three cycles, and the paths of cars reaching
// the first signal every sixth of a cycle (blue).
func timeSpaceCharts(res *scenarios.Results) ([]Chart, error) {
	for _, v := range res.Variants {
		if v.Traffic == nil || v.Traffic.Corridor == nil {
			continue
		}
		c := v.Traffic.Corridor
		var out []Chart
		for _, po := range c.Plans {
			p, err := timeSpace(c, po)
			if err != nil {
				return nil, err
			}
			title := fmt.Sprintf("Time–space diagram of %s, %s plan (outbound band %s s)", c.Road, po.Plan, num(po.BandOutS))
			ch, err := render(p, "timespace-"+po.Plan, title)
			if err != nil {
				return nil, err
			}
			out = append(out, ch...)
		}
		return out, nil
	}
	return nil, nil
}

func timeSpace(c *scenarios.CorridorResult, po scenarios.PlanOutcome) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("%s: %s plan", c.Road, po.Plan), "time (s)", "distance (m)")
	horizon := 3 * po.CycleS
	for i, y := range c.PositionsM {
		for k := -1; k < 4; k++ {
			g := po.GreenOut[i]
			s := po.OffsetsS[i] + g.Start + float64(k)*po.CycleS
			if err := addSegment(p, s, s+g.Length, y, green, horizon); err != nil {
				return nil, err
			}
			if err := addSegment(p, s+g.Length, s+po.CycleS, y, red, horizon); err != nil {
				return nil, err
			}
		}
	}
	for k := 0; k < 6; k++ {
		tr := po.Trajectory(c.PositionsM, c.SpeedMS, float64(k)*po.CycleS/6)
		pts := make(plotter.XYs, len(tr))
		for i, q := range tr {
			pts[i] = plotter.XY{X: q[0], Y: q[1]}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = blue, vg.Points(1)
		p.Add(l)
	}
	p.X.Min, p.X.Max = 0, horizon+c.FreeS
	return p, nil
}

// addSegment draws a horizontal bar from t0 to t1 at y, clipped to
// [0, horizon].
func addSegment(p *plot.Plot, t0, t1, y float64, col color.Color, horizon float64) error {
	t0, t1 = math.Max(0, t0), math.Min(horizon, t1)
	if t1 <= t0 {
		return nil
	}
	l, err := plotter.NewLine(plotter.XYs{{X: t0, Y: y}, {X: t1, Y: y}})
	if err != nil {
		return err
	}
	l.Color, l.Width = col, vg.Points(4)
	p.Add(l)
	return nil
}

package greenwave

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// DiagramOptions tune the time–space diagram. The zero value draws three
// cycles on a 24 × 15 cm image.
type DiagramOptions struct {
	// Cycles is how many cycles the time axis spans; zero means 3.
	Cycles int
	// Width and Height are the image size; zero means 24 cm × 15 cm (at
	// 96 dpi, 907 × 567 pixels).
	Width, Height vg.Length
	// Title heads the diagram; empty means a summary of the plan.
	Title string
}

// Validate reports whether the options are usable. Errors wrap ErrOptions.
func (o DiagramOptions) Validate() error {
	if o.Cycles < 0 || o.Cycles > 50 || o.Width < 0 || o.Height < 0 {
		return fmt.Errorf("%w: diagram cycles %d (0…50), size %v × %v", ErrOptions, o.Cycles, o.Width, o.Height)
	}
	return nil
}

// Colours of the diagram.
var (
	greenColor = color.RGBA{R: 0x1a, G: 0x9e, B: 0x3a, A: 0xff}
	redColor   = color.RGBA{R: 0xd0, G: 0x21, B: 0x1d, A: 0xff}
	outColor   = color.NRGBA{R: 0x1f, G: 0x6f, B: 0xd0, A: 0x70}
	inColor    = color.NRGBA{R: 0xe0, G: 0x8a, B: 0x10, A: 0x70}
)

// Diagram draws the time–space diagram of a plan for corridor c: time (s)
// across, distance along the corridor (m) up; at each signal two bars, the
// outbound through movement's green and red just above its position and
// the inbound one's just below; the outbound band (blue) and the inbound
// band (orange) as shaded strips travelling at the progression speeds.
// Errors wrap ErrPlan when the plan does not match the corridor, or
// ErrOptions. O(signals · cycles).
func Diagram(c *Corridor, p *Plan, opt DiagramOptions) (*plot.Plot, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if len(p.Signals) != len(c.Signals) || len(c.Links) != len(c.Signals)-1 {
		return nil, fmt.Errorf("%w: %d signals in the plan, %d in the corridor", ErrPlan, len(p.Signals), len(c.Signals))
	}
	cycles := opt.Cycles
	if cycles == 0 {
		cycles = 3
	}
	pl := plot.New()
	pl.Title.Text = opt.Title
	if pl.Title.Text == "" {
		pl.Title.Text = fmt.Sprintf("cycle %.0f s, bands %.1f s out, %.1f s in", p.Cycle, p.Out.Width, p.In.Width)
	}
	pl.X.Label.Text = "time (s)"
	pl.Y.Label.Text = "distance (m)"
	top := p.Signals[len(p.Signals)-1].Position
	pad := math.Max(top*0.04, 10)
	if err := addBands(pl, c, p, cycles); err != nil {
		return nil, err
	}
	for _, s := range p.Signals {
		for _, d := range []struct {
			g  Green
			dy float64
		}{{s.GreenOut, pad / 4}, {s.GreenIn, -pad / 4}} {
			if err := addSignalBar(pl, s.Offset, d.g, p.Cycle, cycles, s.Position+d.dy); err != nil {
				return nil, err
			}
		}
	}
	// Ranges last: adding plotters widens them to the data.
	pl.X.Min, pl.X.Max = 0, p.Cycle*float64(cycles)
	pl.Y.Min, pl.Y.Max = -2*pad, top+2*pad
	var ticks []plot.Tick
	for _, s := range p.Signals {
		ticks = append(ticks, plot.Tick{Value: s.Position, Label: fmt.Sprintf("%s %.0f", s.ID, s.Position)})
	}
	pl.Y.Tick.Marker = plot.ConstantTicks(ticks)
	return pl, nil
}

// DrawPNG draws the diagram (see Diagram) as a PNG image to w.
func DrawPNG(w io.Writer, c *Corridor, p *Plan, opt DiagramOptions) error {
	pl, err := Diagram(c, p, opt)
	if err != nil {
		return err
	}
	wd, ht := opt.Width, opt.Height
	if wd == 0 {
		wd = 24 * vg.Centimeter
	}
	if ht == 0 {
		ht = 15 * vg.Centimeter
	}
	wt, err := pl.WriterTo(wd, ht, "png")
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// addSignalBar draws a signal's red and green for one direction as a
// horizontal bar at height y.
func addSignalBar(pl *plot.Plot, offset float64, g Green, cycle float64, cycles int, y float64) error {
	first := int(math.Floor(-(offset+g.Start)/cycle)) - 1 // a cycle before t = 0
	for k := first; k <= cycles; k++ {
		start := offset + g.Start + float64(k)*cycle
		segs := []struct {
			from, to float64
			col      color.Color
		}{
			{start, start + g.Length, greenColor},
			{start + g.Length, start + cycle, redColor},
		}
		for _, sg := range segs {
			if sg.to <= sg.from {
				continue
			}
			l, err := plotter.NewLine(plotter.XYs{{X: sg.from, Y: y}, {X: sg.to, Y: y}})
			if err != nil {
				return err
			}
			l.Color, l.Width = sg.col, vg.Points(4)
			l.LineStyle.Dashes = nil
			pl.Add(l)
		}
	}
	return nil
}

// addBands shades the outbound and inbound bands for every cycle shown.
func addBands(pl *plot.Plot, c *Corridor, p *Plan, cycles int) error {
	n := len(c.Signals)
	tOut := make([]float64, n) // outbound time from signal 0 to i
	tIn := make([]float64, n)  // inbound time from the last signal to i
	for i := 1; i < n; i++ {
		tOut[i] = tOut[i-1] + c.Links[i-1].Out.Time()
	}
	for i := n - 2; i >= 0; i-- {
		tIn[i] = tIn[i+1] + c.Links[i].In.Time()
	}
	for _, b := range []struct {
		band Band
		t    []float64
		col  color.Color
	}{{p.Out, tOut, outColor}, {p.In, tIn, inColor}} {
		if b.band.Width <= 0 {
			continue
		}
		reach := int(math.Ceil((tOut[n-1]+tIn[0])/p.Cycle)) + 1
		for k := -reach; k <= cycles; k++ {
			t0 := b.band.Start + float64(k)*p.Cycle
			var xy plotter.XYs
			for i := 0; i < n; i++ {
				xy = append(xy, plotter.XY{X: t0 + b.t[i], Y: p.Signals[i].Position})
			}
			for i := n - 1; i >= 0; i-- {
				xy = append(xy, plotter.XY{X: t0 + b.t[i] + b.band.Width, Y: p.Signals[i].Position})
			}
			poly, err := plotter.NewPolygon(xy)
			if err != nil {
				return err
			}
			poly.Color = b.col
			poly.LineStyle.Width = 0
			pl.Add(poly)
		}
	}
	return nil
}

package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"twin/geo"
	"twin/scenarios"
)

// Map chart layout: the map on the left, the legend in a column on the
// right.
const (
	mapW       = 7 * vg.Inch
	mapH       = 5.5 * vg.Inch
	mapLegendW = 2.1 * vg.Inch
)

// Overlay colours.
var (
	roadColor     = color.RGBA{90, 90, 90, 255}
	closedColor   = color.RGBA{230, 0, 120, 255}
	buildingColor = color.RGBA{150, 140, 130, 255}
	reachedColor  = color.RGBA{0, 150, 0, 255}
	cutColor      = color.RGBA{220, 0, 0, 255}
)

// floodMap is one map chart: a raster over grid g, the overlays and the
// legend entries of the raster.
type floodMap struct {
	name, title, caption string
	g                    *geo.Grid
	img                  image.Image
	base                 *Basemap
	closed               []string // link IDs drawn as closed
	v                    *scenarios.VariantResult
	swatches             []swatch
	// legend holds the legend's entries once plot has run, in order.
	legend []string
}

// swatch is a legend entry: a filled box (header text when fill is nil).
type swatch struct {
	text string
	fill color.Color
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	if s.fill == nil {
		return
	}
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(s.fill, pts)
	c.StrokeLines(draw.LineStyle{Color: color.Gray{120}, Width: vg.Points(0.3)}, append(pts, pts[0]))
}

// km maps a point of the World's CRS to map coordinates: km east and north
// of the grid's south-west corner.
func km(g *geo.Grid, p orb.Point) plotter.XY {
	return plotter.XY{X: (p[0] - g.X0) / 1000, Y: (p[1] - (g.Y0 - float64(g.Rows)*g.DY)) / 1000}
}

// lines draws polylines of the World's CRS on a map of grid g.
type lines struct {
	g     *geo.Grid
	ls    []orb.LineString
	style draw.LineStyle
}

func (l lines) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, ls := range l.ls {
		pts := make([]vg.Point, len(ls))
		for i, q := range ls {
			xy := km(l.g, q)
			pts[i] = vg.Point{X: tx(xy.X), Y: ty(xy.Y)}
		}
		c.StrokeLines(l.style, c.ClipLinesXY(pts)...)
	}
}

func (l lines) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

// furniture draws the scale bar (bottom left) and the north arrow (top
// right) inside the data area.
type furniture struct{ widthKm float64 }

func (f furniture) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	bar := niceLength(f.widthKm / 5)
	pad := vg.Points(10)
	x0, y0 := c.Min.X+pad, c.Min.Y+pad
	x1 := x0 + tx(p.X.Min+bar) - tx(p.X.Min)
	sty := plot.New().X.Tick.Label
	sty.Font.Size = vg.Points(8)
	halo := draw.LineStyle{Color: color.White, Width: vg.Points(4)}
	ink := draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}
	c.StrokeLine2(halo, x0, y0, x1, y0)
	c.StrokeLine2(ink, x0, y0, x1, y0)
	for _, x := range []vg.Length{x0, x1} {
		c.StrokeLine2(ink, x, y0, x, y0+vg.Points(4))
	}
	label := fmt.Sprintf("%g m", bar*1000)
	if bar >= 1 {
		label = fmt.Sprintf("%g km", bar)
	}
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
	c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: y0 + vg.Points(4)}, label)
	// North arrow: a filled triangle under an N.
	ax, ay := c.Max.X-pad-vg.Points(6), c.Max.Y-pad-vg.Points(12)
	tri := []vg.Point{{X: ax - vg.Points(5), Y: ay - vg.Points(14)}, {X: ax, Y: ay}, {X: ax + vg.Points(5), Y: ay - vg.Points(14)}, {X: ax, Y: ay - vg.Points(10)}}
	c.FillPolygon(color.Black, tri)
	sty.Font.Size = vg.Points(10)
	c.FillText(sty, vg.Point{X: ax, Y: ay + vg.Points(1)}, "N")
}

// kmTicks marks the map axes every 1, 2 or 5 × 10ⁿ km, about five marks
// a side.
type kmTicks struct{}

func (kmTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return nil
	}
	step := niceLength((hi - lo) / 4)
	dec := max(0, int(-math.Floor(math.Log10(step))))
	var out []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // not −0
		}
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
	}
	return out
}

// niceLength rounds v (km, > 0) down to 1, 2 or 5 times a power of ten.
func niceLength(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= v*(1+1e-9) {
			return m * p
		}
	}
	return p
}

// render draws the map chart as PNG.
func (m *floodMap) render() ([]Chart, error) {
	img, _, err := m.canvas()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("report: chart %s: %w", m.name, err)
	}
	return []Chart{{Name: m.name, Title: m.caption, PNG: buf.Bytes()}}, nil
}

// canvas draws the map chart and returns it with the pixel (x right, y
// down) at a point of map coordinates (km from the grid's south-west
// corner).
func (m *floodMap) canvas() (*vgimg.Canvas, func(x, y float64) image.Point, error) {
	p, leg, err := m.plot()
	if err != nil {
		return nil, nil, err
	}
	img := vgimg.New(mapW, mapH)
	dc := draw.New(img)
	fillWhite(dc)
	left := draw.Crop(dc, 0, -mapLegendW, 0, 0)
	equalAspect(p, left, m.g)
	p.Draw(left)
	leg.Draw(draw.Crop(dc, mapW-mapLegendW+vg.Points(6), 0, 0, -vg.Points(12)))
	da := p.DataCanvas(left)
	tx, ty := p.Transforms(&da)
	dpi, h := img.DPI(), img.Image().Bounds().Dy()
	at := func(x, y float64) image.Point {
		return image.Pt(int(tx(x).Dots(dpi)), h-int(math.Ceil(ty(y).Dots(dpi))))
	}
	return img, at, nil
}

func fillWhite(c draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(color.White, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

// equalAspect widens the shorter axis range so that a km spans as much
// on both axes (twice, as the tick labels move the data area a little).
func equalAspect(p *plot.Plot, c draw.Canvas, g *geo.Grid) {
	w, h := float64(g.Cols)*g.DX/1000, float64(g.Rows)*g.DY/1000
	for range 2 {
		da := p.DataCanvas(c)
		dw, dh := float64(da.Max.X-da.Min.X), float64(da.Max.Y-da.Min.Y)
		if dw <= 0 || dh <= 0 {
			return
		}
		xr, yr := w, h
		if w/h < dw/dh {
			xr = h * dw / dh
		} else {
			yr = w * dh / dw
		}
		p.X.Min, p.X.Max = (w-xr)/2, (w+xr)/2
		p.Y.Min, p.Y.Max = (h-yr)/2, (h+yr)/2
	}
}

// plot builds the map plot and its legend.
func (m *floodMap) plot() (*plot.Plot, plot.Legend, error) {
	g := m.g
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = m.title, "east (km)", "north (km)"
	p.X.Tick.Marker, p.Y.Tick.Marker = kmTicks{}, kmTicks{}
	w, h := float64(g.Cols)*g.DX/1000, float64(g.Rows)*g.DY/1000
	p.Add(plotter.NewImage(m.img, 0, 0, w, h))
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.TextStyle.Font.Size = vg.Points(9)
	m.legend = nil
	add := func(text string, th plot.Thumbnailer) {
		leg.Add(text, th)
		m.legend = append(m.legend, text)
	}
	for _, s := range m.swatches {
		add(s.text, s)
	}
	if b := m.base; b != nil {
		var bld []orb.LineString
		for _, r := range b.Buildings {
			bld = append(bld, orb.LineString(r))
		}
		if len(bld) > 0 {
			l := lines{g: g, ls: bld, style: draw.LineStyle{Color: buildingColor, Width: vg.Points(0.3)}}
			p.Add(l)
			add("building", l)
		}
		closed := map[string]bool{}
		for _, id := range m.closed {
			closed[id] = true
		}
		var open, shut []orb.LineString
		for _, k := range b.Links {
			if closed[k.ID] {
				shut = append(shut, k.Line)
			} else {
				open = append(open, k.Line)
			}
		}
		if len(open) > 0 {
			l := lines{g: g, ls: open, style: draw.LineStyle{Color: roadColor, Width: vg.Points(0.6)}}
			p.Add(l)
			add("road", l)
		}
		if len(shut) > 0 {
			l := lines{g: g, ls: shut, style: draw.LineStyle{Color: closedColor, Width: vg.Points(1.6)}}
			p.Add(l)
			add("closed by water at the peak", l)
		}
	}
	if err := addIncidents(p, add, m.v, g); err != nil {
		return nil, leg, err
	}
	p.Add(furniture{widthKm: w})
	return p, leg, nil
}

// addIncidents marks the run's incidents on a map of grid g, reached and
// never reached, with legend entries.
func addIncidents(p *plot.Plot, add func(string, plot.Thumbnailer), v *scenarios.VariantResult, g *geo.Grid) error {
	if v == nil || v.Dispatch == nil {
		return nil
	}
	w, h := float64(g.Cols)*g.DX/1000, float64(g.Rows)*g.DY/1000
	var ok, cut plotter.XYs
	for _, in := range v.Dispatch.List {
		pt := km(g, orb.Point{in.X, in.Y})
		if !(pt.X >= 0 && pt.Y >= 0 && pt.X <= w && pt.Y <= h) {
			continue
		}
		if in.Reached {
			ok = append(ok, pt)
		} else {
			cut = append(cut, pt)
		}
	}
	for _, set := range []struct {
		pts   plotter.XYs
		col   color.Color
		shape draw.GlyphDrawer
		name  string
	}{{ok, reachedColor, draw.CircleGlyph{}, "incident, reached"}, {cut, cutColor, draw.TriangleGlyph{}, "incident, never reached"}} {
		if len(set.pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(set.pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = set.col, vg.Points(3.5), set.shape
		halo := *sc
		halo.GlyphStyle.Color, halo.GlyphStyle.Radius = color.White, vg.Points(5)
		p.Add(&halo, sc)
		add(fmt.Sprintf("%s (%d)", set.name, len(set.pts)), sc)
	}
	return nil
}

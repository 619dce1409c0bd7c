package floodout

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Legend layout, pixels from the legend's top-left corner.
const (
	legendPad = 12
	barWidth  = 20
	barHeight = 150
	lineH     = 16
)

var ink = color.RGBA{20, 20, 20, 255}

// label writes s with its baseline's left end at (x, y).
func label(img *image.RGBA, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// legendOrigin is the legend's top-left pixel.
func legendOrigin(img *image.RGBA) (int, int) {
	return img.Bounds().Dx() - legendWidth + legendPad, legendPad
}

// drawRampLegend draws the title, a vertical colour bar from lo (bottom) to
// top (top) and depth labels in metres at 0, ¼, ½, ¾ and all of top (the
// bottom one at lo, where the water starts).
func drawRampLegend(img *image.RGBA, title string, lo, top float64) {
	x0, y0 := legendOrigin(img)
	if title == "" {
		title = "depth (m)"
	}
	label(img, x0, y0+lineH-4, title)
	by := y0 + lineH + 6
	for y := range barHeight {
		d := lo + (top-lo)*float64(barHeight-1-y)/float64(barHeight-1)
		c := DepthColor(d, top)
		for x := range barWidth {
			img.SetRGBA(x0+x, by+y, c)
		}
	}
	for k := range 5 {
		f := float64(k) / 4
		y := by + int(math.Round(float64(barHeight-1)*(1-max(0, f*top-lo)/(top-lo))))
		for x := barWidth; x < barWidth+4; x++ {
			img.SetRGBA(x0+x, y, ink)
		}
		v := f * top
		if k == 0 {
			v = lo
		}
		label(img, x0+barWidth+7, y+4, fmt.Sprintf("%.3g m", v))
	}
}

// drawExtentLegend draws the title, a swatch for flooded cells with the
// threshold, and the flooded area.
func drawExtentLegend(img *image.RGBA, title string, lo, area float64) {
	x0, y0 := legendOrigin(img)
	if title == "" {
		title = "flood extent"
	}
	label(img, x0, y0+lineH-4, title)
	sy := y0 + lineH + 6
	for y := range 14 {
		for x := range barWidth {
			img.SetRGBA(x0+x, sy+y, ExtentColor)
		}
	}
	label(img, x0+barWidth+6, sy+11, fmt.Sprintf("h >= %.3g m", lo))
	label(img, x0, sy+14+lineH+4, fmt.Sprintf("%.4g m2", area))
}

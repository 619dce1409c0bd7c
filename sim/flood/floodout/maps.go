package floodout

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"

	"twin/geo"
)

// Defaults of MapOptions.
const (
	DefaultMaxSide  = 1000 // pixels, the map's longer side
	DefaultMinDepth = 0.01 // m
	legendWidth     = 150  // pixels, right of the map
	legendHeight    = 230  // pixels, the least image height
	waterOpacity    = 0.85
)

// MapOptions tune DepthMap and ExtentMap. The zero value fits the map's
// longer side into DefaultMaxSide pixels, draws water from DefaultMinDepth
// and tops the ramp near the deepest cells (see MaxDepth).
type MapOptions struct {
	// PixelsPerCell is the scale; 0 fits the longer side into
	// DefaultMaxSide pixels. Cell (c, r) covers the pixels
	// [c·s, (c+1)·s) × [r·s, (r+1)·s) of the image (see PixelOf).
	PixelsPerCell float64
	// MinDepth, m, is the shallowest depth drawn as water (and counted as
	// flooded by ExtentMap); 0 means DefaultMinDepth.
	MinDepth float64
	// MaxDepth, m, is the top of the colour ramp (deeper cells take its
	// darkest colour); 0 means the 99th percentile of the depths of the
	// cells drawn as water, rounded up to 1, 1.5, 2, 2.5 or 5 × 10ⁿ, so
	// that a few deep pits do not wash out the map.
	MaxDepth float64
	// Title is written above the legend.
	Title string
}

// Validate reports options that cannot be drawn, wrapping ErrOptions.
func (o MapOptions) Validate() error {
	for _, v := range []struct {
		name string
		v    float64
	}{{"PixelsPerCell", o.PixelsPerCell}, {"MinDepth", o.MinDepth}, {"MaxDepth", o.MaxDepth}} {
		if !(v.v >= 0) || math.IsInf(v.v, 0) {
			return fmt.Errorf("%w: %s %g is not a finite number ≥ 0", ErrOptions, v.name, v.v)
		}
	}
	if o.MaxDepth > 0 && o.MaxDepth <= o.MinDepth {
		return fmt.Errorf("%w: MaxDepth %g m is not above MinDepth %g m", ErrOptions, o.MaxDepth, o.MinDepth)
	}
	return nil
}

// scale returns the pixels per cell for a grid.
func (o MapOptions) scale(g *geo.Grid) float64 {
	if o.PixelsPerCell > 0 {
		return o.PixelsPerCell
	}
	return DefaultMaxSide / float64(max(g.Cols, g.Rows))
}

func (o MapOptions) minDepth() float64 {
	if o.MinDepth > 0 {
		return o.MinDepth
	}
	return DefaultMinDepth
}

// PixelOf returns the image pixel at the centre of cell (c, r) of g in a
// map drawn with o.
func (o MapOptions) PixelOf(g *geo.Grid, c, r int) image.Point {
	s := o.scale(g)
	return image.Pt(int((float64(c)+0.5)*s), int((float64(r)+0.5)*s))
}

// DepthMap writes a PNG map of depth (m per cell of dem, e.g. the maximum
// depth of a run) over a hillshade of dem: water from MinDepth in the
// depth ramp (DepthColor), land in grey, with a legend (ramp, depths in m,
// Title) on the right. Errors: ErrSize, ErrOptions, or the writer's.
// O(pixels + cells).
func DepthMap(w io.Writer, dem *geo.Grid, depth []float32, opt MapOptions) error {
	if err := checkMap(dem, depth, opt); err != nil {
		return err
	}
	top := opt.MaxDepth
	if top == 0 {
		top = rampTop(depth, opt.minDepth())
	}
	lo := opt.minDepth()
	water := func(d float32) (color.RGBA, bool) {
		return DepthColor(float64(d), top), float64(d) >= lo
	}
	img := drawMap(dem, depth, opt, water)
	drawRampLegend(img, opt.Title, lo, top)
	return png.Encode(w, img)
}

// rampTop returns the default top of the ramp: the 99th percentile of
// the depths ≥ lo, rounded up (at least 2·lo). O(cells log cells).
func rampTop(depth []float32, lo float64) float64 {
	var wet []float32
	for _, v := range depth {
		if float64(v) >= lo {
			wet = append(wet, v)
		}
	}
	p := 0.0
	if len(wet) > 0 {
		slices.Sort(wet)
		p = float64(wet[(len(wet)-1)*99/100])
	}
	return niceTop(max(p, 2*lo))
}

// ExtentColor is the colour of flooded cells in ExtentMap.
var ExtentColor = color.RGBA{33, 113, 181, 255}

// ExtentMap writes a PNG map of the flood extent: every cell with depth ≥
// MinDepth in ExtentColor over the hillshade of dem, with a legend giving
// the threshold and the flooded area (m²). Errors as DepthMap.
func ExtentMap(w io.Writer, dem *geo.Grid, depth []float32, opt MapOptions) error {
	if err := checkMap(dem, depth, opt); err != nil {
		return err
	}
	lo := opt.minDepth()
	n := 0
	for _, v := range depth {
		if float64(v) >= lo {
			n++
		}
	}
	img := drawMap(dem, depth, opt, func(d float32) (color.RGBA, bool) { return ExtentColor, float64(d) >= lo })
	area := float64(n) * dem.DX * dem.DY
	drawExtentLegend(img, opt.Title, lo, area)
	return png.Encode(w, img)
}

func checkMap(dem *geo.Grid, depth []float32, opt MapOptions) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	if err := checkField(dem, dem.Data, "DEM"); err != nil {
		return err
	}
	return checkField(dem, depth, "depth")
}

// drawMap draws the cells, nearest neighbour, on a white image with room
// for the legend.
func drawMap(dem *geo.Grid, depth []float32, opt MapOptions, water func(float32) (color.RGBA, bool)) *image.RGBA {
	s := opt.scale(dem)
	// The tolerance keeps 60 cells at 1000/60 px from rounding up to 1001.
	mw, mh := max(1, int(math.Ceil(float64(dem.Cols)*s-1e-6))), max(1, int(math.Ceil(float64(dem.Rows)*s-1e-6)))
	img := image.NewRGBA(image.Rect(0, 0, mw+legendWidth, max(mh, legendHeight)))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	hs := Hillshade(dem)
	for y := range mh {
		r := min(dem.Rows-1, int(float64(y)/s))
		for x := range mw {
			i := r*dem.Cols + min(dem.Cols-1, int(float64(x)/s))
			px := shade(hs[i])
			if c, ok := water(depth[i]); ok {
				px = over(c, px, waterOpacity)
			}
			img.SetRGBA(x, y, px)
		}
	}
	return img
}

package report

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"twin/geo"
)

// Depth classes of the flood maps, m: water under the first is not drawn;
// the fourth, 0.30 m, is the depth at which the scenario models close a
// road (flood.close_depth_m of the examples).
var depthBreaks = []float64{0.05, 0.15, 0.30, 0.50, 1.0, 2.0}

// roadCloseM is the class break named as the road-closing depth.
const roadCloseM = 0.30

// depthColors are the class colours, shallow to deep: ColorBrewer's
// sequential YlGnBu (colorbrewer2.org, 7 classes), its classes 2 to 7.
var depthColors = []color.RGBA{
	{199, 233, 180, 255},
	{127, 205, 187, 255},
	{65, 182, 196, 255},
	{29, 145, 192, 255},
	{34, 94, 168, 255},
	{12, 44, 132, 255},
}

// Basemap colours.
var (
	seaColor    = color.RGBA{206, 219, 236, 255}
	noDataColor = color.RGBA{255, 255, 255, 255}
	landColor   = color.RGBA{228, 228, 228, 255} // without terrain
)

// depthClass returns the class of depth d (m), -1 under the first break.
func depthClass(d float64) int {
	k := -1
	for i, b := range depthBreaks {
		if d >= b {
			k = i
		}
	}
	return k
}

// classLabel names class k in metres.
func classLabel(k int) string {
	if k == len(depthBreaks)-1 {
		return metres(depthBreaks[k]) + " m and more"
	}
	s := metres(depthBreaks[k]) + "–" + metres(depthBreaks[k+1]) + " m"
	if depthBreaks[k] == roadCloseM {
		s += " (roads close)"
	}
	return s
}

// metres writes a class break: two decimals under 1 m, one above.
func metres(v float64) string {
	if v < 1 {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// landShade is the grey of land with hillshade h in [0, 1]: light, so that
// the water classes stand out.
func landShade(h float32) color.RGBA {
	g := uint8(math.Round(170 + 75*float64(min(1, max(0, h)))))
	return color.RGBA{g, g, g, 255}
}

// mapLayers is the raster part of a flood map on grid g: per cell, the
// sea mask and hillshade (nil without terrain) and NaN-free flags.
type mapLayers struct {
	g     *geo.Grid
	dem   *geo.Grid // nil without terrain
	sea   []bool    // nil without terrain
	shade []float32 // nil without terrain
}

func newMapLayers(g *geo.Grid, b *Basemap) *mapLayers {
	l := &mapLayers{g: g}
	l.dem, l.sea = b.terrain(g)
	if l.dem != nil {
		sl := 0.0
		if b != nil {
			sl = b.SeaLevelM
		}
		l.shade = hillshade(l.dem, l.sea, sl)
	}
	return l
}

// isSea reports whether cell i is sea (never without terrain).
func (l *mapLayers) isSea(i int) bool { return l.sea != nil && l.sea[i] }

// base returns the basemap colour of cell i: sea, land shaded by the
// hillshade, white without terrain data, or the plain land grey without
// any terrain.
func (l *mapLayers) base(i int) color.RGBA {
	switch {
	case l.dem == nil:
		return landColor
	case l.sea[i]:
		return seaColor
	case math.IsNaN(float64(l.dem.Data[i])):
		return noDataColor
	}
	return landShade(l.shade[i])
}

// maxLandDepth is the deepest maximum depth outside the sea, m.
func (l *mapLayers) maxLandDepth(depth []float32) float64 {
	top := 0.0
	for i, d := range depth {
		if !l.isSea(i) && !math.IsNaN(float64(d)) {
			top = math.Max(top, float64(d))
		}
	}
	return top
}

// pixelsPerCell is the raster scale that brings the longer side of g
// near 600 pixels (at least 1), so that the chart resamples it little.
func pixelsPerCell(g *geo.Grid) int {
	return max(1, int(math.Round(600/float64(max(g.Cols, g.Rows)))))
}

// raster paints the map at s pixels per cell (row 0 north): each cell in
// colour(i), or its basemap colour where colour reports false.
// O(cells · s²).
func (l *mapLayers) raster(s int, colour func(i int) (color.RGBA, bool)) *image.RGBA {
	g := l.g
	img := image.NewRGBA(image.Rect(0, 0, g.Cols*s, g.Rows*s))
	for r := range g.Rows {
		for c := range g.Cols {
			i := r*g.Cols + c
			px, ok := colour(i)
			if !ok {
				px = l.base(i)
			}
			for y := r * s; y < (r+1)*s; y++ {
				o := img.PixOffset(c*s, y)
				for x := 0; x < s; x++ {
					copy(img.Pix[o+4*x:o+4*x+4], []uint8{px.R, px.G, px.B, px.A})
				}
			}
		}
	}
	return img
}

// depthRaster paints the maximum depth by class over the basemap: cells
// under 5 cm and sea cells show the basemap.
func (l *mapLayers) depthRaster(s int, depth []float32) *image.RGBA {
	return l.raster(s, func(i int) (color.RGBA, bool) {
		if l.isSea(i) {
			return color.RGBA{}, false
		}
		k := depthClass(float64(depth[i]))
		if k < 0 {
			return color.RGBA{}, false
		}
		return depthColors[k], true
	})
}

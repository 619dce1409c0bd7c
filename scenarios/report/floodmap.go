package report

import (
	"fmt"
	"image/color"
	"math"

	"twin/scenarios"
)

// depthMapCharts maps the maximum depth of the first flooded run over the
// basemap (nil: a plain land mask).
func depthMapCharts(res *scenarios.Results, base *Basemap) ([]Chart, error) {
	for _, v := range res.Variants {
		if !flooded(v) {
			continue
		}
		return newDepthMap(res, v, base).render()
	}
	return nil, nil
}

// newDepthMap is the maximum-depth map of flooded run v.
func newDepthMap(res *scenarios.Results, v *scenarios.VariantResult, base *Basemap) *floodMap {
	f := v.Flood
	g := f.MaxDepth
	l := newMapLayers(g, base)
	m := &floodMap{name: "max-depth", title: "Maximum water depth (" + v.Name + ")", g: g,
		img: l.depthRaster(pixelsPerCell(g), g.Data), base: base, closed: f.PeakClosedLinkIDs, v: v}
	m.swatches = append(m.swatches, swatch{text: "maximum depth"})
	for k := len(depthColors) - 1; k >= 0; k-- {
		m.swatches = append(m.swatches, swatch{text: classLabel(k), fill: depthColors[k]})
	}
	m.swatches = append(m.swatches, basemapSwatches(l)...)
	m.caption = depthCaption(res, v, l)
	return m
}

// flooded reports whether a run has a maximum-depth grid of a storm.
func flooded(v *scenarios.VariantResult) bool {
	f := v.Flood
	return f != nil && f.MaxDepth != nil && f.RainMM > 0 && len(f.MaxDepth.Data) == f.MaxDepth.Cols*f.MaxDepth.Rows && f.MaxDepth.Cols > 0
}

// basemapSwatches are the legend entries of what lies under the water.
func basemapSwatches(l *mapLayers) []swatch {
	if l.dem == nil {
		return []swatch{{text: "under 5 cm (sea not told apart)", fill: landColor}}
	}
	return []swatch{{text: "under 5 cm (relief)", fill: landShade(0.7)}, {text: "sea", fill: seaColor}}
}

func depthCaption(res *scenarios.Results, v *scenarios.VariantResult, l *mapLayers) string {
	f := v.Flood
	where := "on land, sea excluded"
	if l.dem == nil {
		where = "anywhere (no terrain given: the sea is not told apart)"
	}
	s := fmt.Sprintf("Maximum water depth of %s in %s after %.0f mm of rain: deepest %.2f m %s. "+
		"Depth classes from 5 cm (shallower water not drawn); roads close at %.2f m in the model",
		v.Name, orDefault(res.Scenario, "the scenario"), f.RainMM, l.maxLandDepth(f.MaxDepth.Data), where, roadCloseM)
	if len(f.PeakClosedLinkIDs) > 0 {
		s += fmt.Sprintf("; %d links closed by water at the peak", len(f.PeakClosedLinkIDs))
	}
	if v.Dispatch != nil && len(v.Dispatch.List) > 0 {
		s += "; incidents reached (green dots) and never reached (red triangles)"
	}
	return s + "."
}

// Change classes of the difference map, m: changes under the first are
// not drawn.
var diffBreaks = []float64{0.01, 0.05, 0.15, 0.30}

// diffColors are the classes from much shallower to much deeper:
// ColorBrewer's diverging RdBu (9 classes) without its neutral middle,
// blue where the variant holds less water, red where more.
var diffColors = []color.RGBA{
	{33, 102, 172, 255}, {67, 147, 195, 255}, {146, 197, 222, 255}, {209, 229, 240, 255},
	{253, 219, 199, 255}, {244, 165, 130, 255}, {214, 96, 77, 255}, {178, 24, 43, 255},
}

// diffClass returns the class of a change of d m (index into diffColors),
// -1 when |d| is under the first break.
func diffClass(d float64) int {
	k := -1
	for i, b := range diffBreaks {
		if math.Abs(d) >= b {
			k = i
		}
	}
	if k < 0 {
		return -1
	}
	if d < 0 {
		return len(diffBreaks) - 1 - k
	}
	return len(diffBreaks) + k
}

func diffLabel(k int) string {
	n := len(diffBreaks)
	sign, i := "+", k-n
	if k < n {
		sign, i = "−", n-1-k
	}
	if i == n-1 {
		return sign + metres(diffBreaks[i]) + " m or more"
	}
	return sign + metres(diffBreaks[i]) + " to " + sign + metres(diffBreaks[i+1]) + " m"
}

// diffMapCharts maps the change in maximum depth of every flooded run
// against the first flooded run (the baseline when it is flooded) on the
// same grid: what the variant's measures bought. Runs that agree to 1 cm
// everywhere get no map.
func diffMapCharts(res *scenarios.Results, base *Basemap) ([]Chart, error) {
	var ref *scenarios.VariantResult
	var out []Chart
	for i, v := range res.Variants {
		if !flooded(v) {
			continue
		}
		if ref == nil {
			ref = v
			continue
		}
		a, b := ref.Flood.MaxDepth, v.Flood.MaxDepth
		if a.Cols != b.Cols || a.Rows != b.Rows || a.X0 != b.X0 || a.Y0 != b.Y0 || a.DX != b.DX || a.DY != b.DY {
			continue
		}
		l := newMapLayers(b, base)
		var less, more int
		change := func(j int) float64 {
			if l.isSea(j) || (a.Data[j] < float32(depthBreaks[0]) && b.Data[j] < float32(depthBreaks[0])) {
				return 0
			}
			return float64(b.Data[j]) - float64(a.Data[j])
		}
		img := l.raster(pixelsPerCell(b), func(j int) (color.RGBA, bool) {
			k := diffClass(change(j))
			if k < 0 {
				return color.RGBA{}, false
			}
			if k < len(diffBreaks) {
				less++
			} else {
				more++
			}
			return diffColors[k], true
		})
		if less+more == 0 {
			continue // nothing to show: the runs agree to 1 cm
		}
		m := &floodMap{name: fmt.Sprintf("max-depth-change-%d", i), title: fmt.Sprintf("Change in maximum depth (%s − %s)", v.Name, ref.Name),
			g: b, img: img, base: base, v: nil}
		m.swatches = append(m.swatches, swatch{text: "change in max depth"})
		for k := len(diffColors) - 1; k >= 0; k-- {
			m.swatches = append(m.swatches, swatch{text: diffLabel(k), fill: diffColors[k]})
		}
		if l.dem == nil {
			m.swatches = append(m.swatches, swatch{text: "no change (sea not told apart)", fill: landColor})
		} else {
			m.swatches = append(m.swatches, swatch{text: "no change (relief)", fill: landShade(0.7)}, swatch{text: "sea", fill: seaColor})
		}
		ha := b.DX * b.DY / 1e4
		m.caption = fmt.Sprintf("Change in maximum water depth of %s against %s: %.2f ha shallower and %.2f ha deeper by 1 cm or more "+
			"(blue: less water, red: more; cells under 5 cm in both runs and the sea not drawn).", v.Name, ref.Name, float64(less)*ha, float64(more)*ha)
		c, err := m.render()
		if err != nil {
			return nil, err
		}
		out = append(out, c...)
	}
	return out, nil
}

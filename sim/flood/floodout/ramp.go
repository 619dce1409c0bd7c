package floodout

import (
	"image/color"
	"math"
)

// rampStops is the depth colour ramp from shallow to deep: ColorBrewer's
// sequential "Blues" (light blue to navy), as fractions of the ramp's top.
var rampStops = []struct {
	at  float64
	rgb [3]float64
}{
	{0, [3]float64{198, 219, 239}},
	{0.33, [3]float64{107, 174, 214}},
	{0.66, [3]float64{33, 113, 181}},
	{1, [3]float64{8, 48, 107}},
}

// DepthColor returns the ramp's colour for depth d on a ramp from 0 to top
// metres; depths outside [0, top] take the end colours. top must be > 0.
func DepthColor(d, top float64) color.RGBA {
	f := min(1, max(0, d/top))
	for i := 1; i < len(rampStops); i++ {
		a, b := rampStops[i-1], rampStops[i]
		if f <= b.at {
			w := (f - a.at) / (b.at - a.at)
			var c [3]uint8
			for k := range c {
				c[k] = uint8(math.Round(a.rgb[k] + w*(b.rgb[k]-a.rgb[k])))
			}
			return color.RGBA{c[0], c[1], c[2], 255}
		}
	}
	l := rampStops[len(rampStops)-1].rgb
	return color.RGBA{uint8(l[0]), uint8(l[1]), uint8(l[2]), 255}
}

// niceTop rounds v up to 1, 1.5, 2, 2.5 or 5 times a power of ten (v > 0).
func niceTop(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 5, 10} {
		if v <= m*p*(1+1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// shade is the grey of hillshade value h in [0, 1] (NaN: no data, white).
func shade(h float32) color.RGBA {
	if h != h {
		return color.RGBA{255, 255, 255, 255}
	}
	g := uint8(70 + 170*h)
	return color.RGBA{g, g, g, 255}
}

// over blends colour c over background bg with opacity a in [0, 1].
func over(c, bg color.RGBA, a float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(a*float64(x) + (1-a)*float64(y))) }
	return color.RGBA{mix(c.R, bg.R), mix(c.G, bg.G), mix(c.B, bg.B), 255}
}

package scenarios

import (
	"math"

	"twin/engine"
)

// depthSpeedFactor is the share of free-flow speed left on a road under
// depth metres of water, from the depth–disruption function of Pregnolato
// et al. (2017, "The impact of flooding on road transport: a
// depth-disruption function", Transp. Res. D 55): v = 0.0009·d² −
// 0.5529·d + 86.9448 km/h for d in mm, divided by its value at d = 0 and
// floored at 0.05. Below 1 cm the road is dry (1); the fit reaches zero at
// 294 mm (and rises again past its minimum at 307 mm, outside its range),
// so from 294 mm on the factor is the floor, and the default closure depth
// is 0.3 m.
func depthSpeedFactor(depth float64) float64 {
	if depth < 0.01 {
		return 1
	}
	if depth >= 0.294 {
		return 0.05
	}
	d := depth * 1000
	v := 0.0009*d*d - 0.5529*d + 86.9448
	return math.Max(0.05, math.Min(1, v/86.9448))
}

// linkDepth returns the deepest water on a link's cells, m.
func (f *floodModel) linkDepth(l *watchedLink) float64 {
	d := 0.0
	for _, c := range l.cells {
		d = math.Max(d, float64(f.depth[c]))
	}
	return d
}

// linkDeltas compares each link's depth with its state and returns the
// deltas of the links that changed: a closure at CloseDepthM and above
// (reopened below 80 % of it, a hysteresis against flicker), else a speed
// factor, quantized to 0.05.
func (f *floodModel) linkDeltas(t float64) []engine.Delta {
	var out []engine.Delta
	closed := 0
	for i := range f.links {
		l := &f.links[i]
		d := f.linkDepth(l)
		l.peak = math.Max(l.peak, d)
		shut := d >= f.spec.CloseDepthM || l.closed && d >= 0.8*f.spec.CloseDepthM
		if shut != l.closed {
			l.closed = shut
			out = append(out, f.stamp.closure("links", l.id, t, shut))
		}
		if shut {
			closed++
			continue
		}
		fac := math.Round(depthSpeedFactor(d)*20) / 20
		if fac != l.factor {
			l.factor = fac
			out = append(out, f.stamp.speed(l.id, t, fac))
		}
	}
	f.res.PeakClosedLinks = max(f.res.PeakClosedLinks, closed)
	return out
}

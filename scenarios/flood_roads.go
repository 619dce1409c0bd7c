package scenarios

import (
	"math"
	"sort"

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

// roadWatch turns the water depth on each road link into closure and
// speed deltas, emitting only changes.
type roadWatch struct {
	closeDepth float64
	stamp      deltaStamp
	links      []watchedLink
	peakClosed int
	peakIDs    []string       // links closed when peakClosed was first reached
	index      map[string]int // link ID → index, built on demand
}

type watchedLink struct {
	id     string
	name   string // the road's name, "" when it has none
	closed bool
	factor float64 // last emitted speed factor
	peak   float64 // m
}

func newRoadWatch(c *city, closeDepth float64, stamp deltaStamp) roadWatch {
	w := roadWatch{closeDepth: closeDepth, stamp: stamp, links: make([]watchedLink, len(c.links))}
	for i, l := range c.links {
		w.links[i] = watchedLink{id: l.ID, name: l.Name, factor: 1}
	}
	return w
}

// update compares each link's depth (m, c.links order) with its state and
// returns the deltas of the links that changed: a closure at closeDepth
// and above (reopened below 80 % of it, a hysteresis against flicker),
// else a speed factor, quantized to 0.05.
func (w *roadWatch) update(depth []float32, t float64) []engine.Delta {
	var out []engine.Delta
	closed := 0
	for i := range w.links {
		l := &w.links[i]
		d := float64(depth[i])
		l.peak = math.Max(l.peak, d)
		shut := d >= w.closeDepth || l.closed && d >= 0.8*w.closeDepth
		if shut != l.closed {
			l.closed = shut
			out = append(out, w.stamp.closure("links", l.id, t, shut))
		}
		if shut {
			closed++
			continue
		}
		fac := math.Round(depthSpeedFactor(d)*20) / 20
		if fac != l.factor {
			l.factor = fac
			out = append(out, w.stamp.speed(l.id, t, fac))
		}
	}
	if closed > w.peakClosed {
		w.peakClosed = closed
		w.peakIDs = w.peakIDs[:0]
		for _, l := range w.links {
			if l.closed {
				w.peakIDs = append(w.peakIDs, l.id)
			}
		}
	}
	return out
}

// summary fills the road part of a flood result.
func (w *roadWatch) summary(r *FloodResult) {
	r.PeakClosedLinks = w.peakClosed
	r.PeakClosedLinkIDs = append([]string(nil), w.peakIDs...)
	for _, l := range w.links {
		r.PeakRoadDepthM = math.Max(r.PeakRoadDepthM, l.peak)
		if l.peak >= w.closeDepth {
			r.ClosedLinks++
		}
	}
	r.PeakRoadDepthM = round3(r.PeakRoadDepthM)
}

// topLinks returns the depth series of the k links with the deepest peak
// (ties by link order); series holds every link's depth per step.
func (w *roadWatch) topLinks(series [][]float32, k int) []Hydrograph {
	idx := make([]int, len(w.links))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return w.links[idx[a]].peak > w.links[idx[b]].peak })
	var out []Hydrograph
	for _, i := range idx[:min(k, len(idx))] {
		if w.links[i].peak < 0.01 {
			break
		}
		h := Hydrograph{Name: "link " + w.links[i].id}
		if n := w.links[i].name; n != "" {
			h.Name = n + " (" + w.links[i].id + ")"
		}
		for _, s := range series {
			h.DepthM = append(h.DepthM, round3(float64(s[i])))
		}
		out = append(out, h)
	}
	return out
}

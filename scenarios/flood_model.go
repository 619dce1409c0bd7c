package scenarios

import (
	"github.com/paulmach/orb"

	"twin/engine"
	"twin/sim/flood/rain"
)

// Flood models of FloodSpec.Model.
const (
	// FloodUrban is sim/flood/urban: the 2D street surface coupled at every
	// manhole with the 1D SWMM sewer (dynamic wave).
	FloodUrban = "urban"
	// FloodSurface is the 2D surface alone with each manhole as a sink of
	// its inlet capacity (see inletCapacities); it supports pumps and pipe
	// changes at any time and is several times faster.
	FloodSurface = "surface"
)

// flooder is a flood model as the runner steps it.
type flooder interface {
	// setRain makes h the rain from now on.
	setRain(h rain.Hyetograph) error
	addPump(node string, capacityM3s float64) error
	setPipe(id string, diameterM float64) error
	// rainMMh is the mean rain intensity over [t0, t1), mm/h.
	rainMMh(t0, t1 float64) float64
	// advance runs to t1 and returns the road deltas for the links whose
	// state changed.
	advance(t0, t1 float64) ([]engine.Delta, error)
	// linkDepths are the depths on the road links now, m (city.links
	// order); depthAt the depth at a point.
	linkDepths() []float32
	depthAt(p orb.Point) float64
	storedM3() float64
	finish(linkSeries [][]float32, gauges []Hydrograph) *FloodResult
	close()
}

var (
	_ flooder = (*floodModel)(nil)
	_ flooder = (*urbanModel)(nil)
)

// rainTimeline is the rain of a plan's rain events: each replaces the
// previous from its time on.
type rainTimeline struct {
	from []float64 // s
	h    []rain.Hyetograph
}

var _ rain.Hyetograph = (*rainTimeline)(nil)

// Depth implements rain.Hyetograph: the rain in [t0, t1), mm. O(events).
func (r *rainTimeline) Depth(t0, t1 float64) float64 {
	d := 0.0
	for i, h := range r.h {
		a, b := max(t0, r.from[i]), t1
		if i+1 < len(r.from) {
			b = min(t1, r.from[i+1])
		}
		if b > a {
			d += h.Depth(a, b)
		}
	}
	return d
}

// planRain builds the timeline of a plan's rain events (nil when none).
func planRain(evs []Event) (*rainTimeline, error) {
	var r rainTimeline
	for i := range evs {
		if evs[i].Rain == nil {
			continue
		}
		h, err := hyetograph(evs[i].Rain, evs[i].At)
		if err != nil {
			return nil, err
		}
		r.from, r.h = append(r.from, evs[i].At.Seconds()), append(r.h, h)
	}
	if len(r.h) == 0 {
		return nil, nil
	}
	return &r, nil
}

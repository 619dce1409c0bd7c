package urban

import (
	"slices"

	"github.com/paulmach/orb"

	"twin/sim/flood/rain"
)

// setRainGauges keeps the located gauges and assigns each cell to the
// nearest (rain.Nearest: Thiessen polygons).
func (m *Model) setRainGauges(gs []rain.Gauge) {
	var pts []orb.Point
	for _, g := range gs {
		if g.HasPt {
			m.gauges = append(m.gauges, g)
			pts = append(pts, g.Pt)
		}
	}
	if len(pts) == 0 {
		return
	}
	g := &m.grid
	m.gaugeOf = make([]int32, g.Cols*g.Rows)
	for r := range g.Rows {
		for c := range g.Cols {
			m.gaugeOf[r*g.Cols+c] = int32(rain.Nearest(pts, g.Center(c, r)))
		}
	}
}

// setRain sets the surface's rain field for the interval [t, t+dt): each
// hyetograph's mean rate over it (m/s) times each cell's roof weight.
// O(cells) when a rate changed, else O(gauges).
func (m *Model) setRain(dt float64) error {
	uni := 0.0
	if m.rainU != nil {
		uni = m.rainU.Depth(m.t, m.t+dt) / 1000 / dt
	}
	per := m.perGauge[:0]
	for _, g := range m.gauges {
		per = append(per, g.Rain.Depth(m.t, m.t+dt)/1000/dt)
	}
	m.perGauge = per
	if m.rainSet && uni == m.lastUni && slices.Equal(per, m.lastPer) {
		return nil // the field is already this one
	}
	m.rainSet, m.lastUni, m.lastPer = true, uni, append(m.lastPer[:0], per...)
	for c, w := range m.cv.rainW {
		r := uni
		if m.gaugeOf != nil {
			if k := m.gaugeOf[c]; k >= 0 {
				r += per[k]
			}
		}
		m.field[c] = float32(r * float64(w))
	}
	return m.surf.SetRainField(m.field)
}

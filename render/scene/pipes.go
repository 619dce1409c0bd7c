package scene

import (
	"math"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// addPipes builds one line mesh of all pipes at their centreline elevation
// (invert plus half the diameter, linear along the drawn line), shown only
// in x-ray mode.
func (s *Scene) addPipes(snap *engine.Snapshot) {
	l := snap.Layer(geo.LayerPipes)
	if l.Len() == 0 {
		return
	}
	m := &render.Mesh{Origin: s.origin, Prim: render.Lines}
	box := render.EmptyBox()
	o := s.origin
	l.Ascend("", func(f geo.Feature) bool {
		p, ok := f.(*geo.Pipe)
		if !ok || len(p.Line) < 2 {
			return true
		}
		c := SewerColor
		if p.Network == geo.NetworkWater {
			c = WaterMains
		}
		total := 0.0
		for i := 0; i+1 < len(p.Line); i++ {
			total += math.Hypot(p.Line[i+1][0]-p.Line[i][0], p.Line[i+1][1]-p.Line[i][1])
		}
		along := 0.0
		prev := uint32(0)
		for i, q := range p.Line {
			if i > 0 {
				along += math.Hypot(q[0]-p.Line[i-1][0], q[1]-p.Line[i-1][1])
			}
			t := 0.0
			if total > 0 {
				t = along / total
			}
			z := p.InvertFrom + t*(p.InvertTo-p.InvertFrom) + p.Diameter/2
			if math.IsNaN(z) {
				z = s.height(snap, q) - 2
			}
			v := m.AddVertex([3]float32{float32(q[0] - o[0]), float32(q[1] - o[1]), float32(z - o[2])}, [3]float32{}, c)
			if i > 0 {
				m.Indices = append(m.Indices, prev, v)
			}
			prev = v
			box = box.Extend([3]float64{q[0], q[1], z})
		}
		return true
	})
	m.Bounds = box
	s.addItem(render.DrawItem{Layer: render.LayerPipes, Mesh: m, Bounds: box,
		Material: render.Material{Unlit: true, LineWidth: 2}})
}

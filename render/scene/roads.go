package scene

import (
	"math"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// roadIndex finds a road's vertices in the roads mesh.
type roadIndex struct {
	item int // -1 when there are no roads
	refs map[string]roadRef
}

type roadRef struct {
	r     render.Range
	limit float64 // speed limit, m/s
}

// roadLift is how far ribbons float above the terrain, in metres, so that
// they do not fight with it in the depth buffer.
const roadLift = 0.3

// addRoads builds one ribbon mesh of all roads: per line segment a quad
// (4 vertices, 2 triangles) of width lanes × LaneWidth (2 lanes when
// unknown), lying roadLift above the terrain.
func (s *Scene) addRoads(snap *engine.Snapshot) {
	s.roads = roadIndex{item: -1, refs: map[string]roadRef{}}
	l := snap.Layer(geo.LayerRoads)
	if l.Len() == 0 {
		return
	}
	m := &render.Mesh{Origin: s.origin, Prim: render.Triangles}
	box := render.EmptyBox()
	l.Ascend("", func(f geo.Feature) bool {
		r, ok := f.(*geo.Road)
		if !ok || len(r.Line) < 2 {
			return true
		}
		first := m.VertexCount()
		box = s.ribbon(snap, m, r, roadColor(r), box)
		s.roads.refs[r.ID] = roadRef{r: render.Range{First: first, Count: m.VertexCount() - first}, limit: r.MaxSpeed}
		return true
	})
	m.Bounds = box
	s.roads.item = s.addItem(render.DrawItem{Layer: render.LayerRoads, Mesh: m, Bounds: box, Visible: true})
}

func (s *Scene) ribbon(snap *engine.Snapshot, m *render.Mesh, r *geo.Road, c render.Color, box render.Box) render.Box {
	lanes := r.Lanes
	if lanes <= 0 {
		lanes = 2
	}
	hw := float64(lanes) * s.opts.LaneWidth / 2
	o := s.origin
	up := [3]float32{0, 0, 1}
	for i := 0; i+1 < len(r.Line); i++ {
		p, q := r.Line[i], r.Line[i+1]
		dx, dy := q[0]-p[0], q[1]-p[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		ox, oy := -dy/l*hw, dx/l*hw
		zp, zq := s.height(snap, p)+roadLift, s.height(snap, q)+roadLift
		v := m.AddVertex([3]float32{float32(p[0] - ox - o[0]), float32(p[1] - oy - o[1]), float32(zp - o[2])}, up, c)
		m.AddVertex([3]float32{float32(q[0] - ox - o[0]), float32(q[1] - oy - o[1]), float32(zq - o[2])}, up, c)
		m.AddVertex([3]float32{float32(q[0] + ox - o[0]), float32(q[1] + oy - o[1]), float32(zq - o[2])}, up, c)
		m.AddVertex([3]float32{float32(p[0] + ox - o[0]), float32(p[1] + oy - o[1]), float32(zp - o[2])}, up, c)
		m.Indices = append(m.Indices, v, v+1, v+2, v, v+2, v+3)
		box = box.Extend([3]float64{p[0], p[1], zp}).Extend([3]float64{q[0], q[1], zq})
	}
	return box.Extend([3]float64{box.Min[0] - hw, box.Min[1] - hw, box.Min[2]}).Extend([3]float64{box.Max[0] + hw, box.Max[1] + hw, box.Max[2]})
}

// roadColor is red for a closed road, else the speed ramp at the live
// speed ("speed" attribute, m/s) over the limit; free flow when unknown.
func roadColor(r *geo.Road) render.Color {
	if c, _ := r.Attrs["closed"].(bool); c {
		return ClosedColor
	}
	v, ok := r.Attrs["speed"].(float64)
	if !ok || r.MaxSpeed <= 0 {
		return SpeedRamp.At(1)
	}
	return SpeedRamp.At(v / r.MaxSpeed)
}

// height returns the terrain height at p, 0 outside the terrain.
func (s *Scene) height(snap *engine.Snapshot, p [2]float64) float64 {
	if z, ok := snap.TerrainHeight(p); ok && !math.IsNaN(z) {
		return z
	}
	return 0
}

// RoadRange returns the vertex range of the road's ribbon in the roads
// mesh and the roads item's buffer id; ok is false for an unknown road.
func (s *Scene) RoadRange(id string) (buf render.BufferID, r render.Range, ok bool) {
	ref, ok := s.roads.refs[id]
	if !ok {
		return 0, render.Range{}, false
	}
	return s.list.Items[s.roads.item].ID, ref.r, true
}

// recolorRoad rewrites the colour of the road's vertices from the road in
// snap and marks them dirty. It returns the touched buffer, or 0.
func (s *Scene) recolorRoad(snap *engine.Snapshot, id string) render.BufferID {
	ref, ok := s.roads.refs[id]
	if !ok {
		return 0
	}
	f, ok := snap.Layer(geo.LayerRoads).Get(id)
	r, isRoad := f.(*geo.Road)
	if !ok || !isRoad {
		return 0
	}
	it := &s.list.Items[s.roads.item]
	it.Mesh.SetColor(ref.r.First, ref.r.Count, roadColor(r))
	it.MarkDirty(ref.r)
	return it.ID
}

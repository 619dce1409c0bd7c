package scene

import (
	"math"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// LayerIncidents is the layer of incident points shown as icons.
const LayerIncidents = "incidents"

// iconLayers are the point layers drawn as billboards, with their icon.
var iconLayers = []struct {
	layer string
	icon  render.Icon
}{
	{geo.LayerSensors, render.IconSensor},
	{geo.LayerUnits, render.IconUnit},
	{LayerIncidents, render.IconIncident},
}

// iconSet finds a feature's instance in its layer's instance set.
type iconSet struct {
	item  int
	index map[string]int
}

// Icon colours.
var (
	SensorColor   = render.Color{R: 0.1, G: 0.8, B: 0.9, A: 1}
	AlarmColor    = render.Color{R: 1, G: 0.1, B: 0.1, A: 1}
	UnitFree      = render.Color{R: 0.2, G: 0.9, B: 0.3, A: 1}
	UnitBusy      = render.Color{R: 1, G: 0.6, B: 0.1, A: 1}
	IncidentColor = render.Color{R: 1, G: 0.2, B: 0.6, A: 1}
)

// addIcons builds one instance set per icon layer (always, possibly empty,
// so that later deltas have a buffer to add to).
func (s *Scene) addIcons(snap *engine.Snapshot) {
	s.icons = map[string]*iconSet{}
	for _, il := range iconLayers {
		set := &render.InstanceSet{Origin: s.origin, Icon: il.icon}
		is := &iconSet{index: map[string]int{}}
		box := render.EmptyBox()
		snap.Layer(il.layer).Ascend("", func(f geo.Feature) bool {
			p, size, c := s.iconOf(snap, il.layer, f)
			is.index[f.FeatureID()] = set.Add(p, size, c)
			box = box.Extend(s.world(p))
			return true
		})
		is.item = s.addItem(render.DrawItem{Layer: render.LayerIcons, Instances: set, Bounds: box, Visible: true,
			Material: render.Material{Unlit: true}})
		s.icons[il.layer] = is
	}
}

func (s *Scene) world(p [3]float32) [3]float64 {
	return [3]float64{float64(p[0]) + s.origin[0], float64(p[1]) + s.origin[1], float64(p[2]) + s.origin[2]}
}

// iconOf returns the billboard of a point feature: centred IconSize/2
// above its elevation (or the terrain), coloured by state.
func (s *Scene) iconOf(snap *engine.Snapshot, layer string, f geo.Feature) ([3]float32, float32, render.Color) {
	var p orb.Point
	switch g := f.Geometry().(type) {
	case orb.Point:
		p = g
	case nil:
	default:
		p = g.Bound().Center()
	}
	z, _ := f.ZRange()
	if math.IsNaN(z) {
		z = s.height(snap, p)
	}
	size := s.opts.IconSize
	z += size / 2
	o := s.origin
	return [3]float32{float32(p[0] - o[0]), float32(p[1] - o[1]), float32(z - o[2])}, float32(size), iconColor(layer, f)
}

func iconColor(layer string, f geo.Feature) render.Color {
	props := propsOf(f)
	switch layer {
	case geo.LayerSensors:
		if _, over := Alarmed(props); over {
			return AlarmColor
		}
		return SensorColor
	case geo.LayerUnits:
		if Available(props) {
			return UnitFree
		}
		return UnitBusy
	}
	return IncidentColor
}

func propsOf(f geo.Feature) map[string]any {
	if g, ok := f.(*geo.Generic); ok {
		return g.Props
	}
	return f.Properties()
}

// Alarmed reports a sensor reading over its threshold: properties "value"
// and "threshold" (numbers, the sensor's unit), alarm when value >
// threshold. It returns the value.
func Alarmed(props map[string]any) (value float64, over bool) {
	v, ok1 := props["value"].(float64)
	t, ok2 := props["threshold"].(float64)
	return v, ok1 && ok2 && v > t
}

// Available reports a unit whose "status" property is "available" (or
// absent: a unit with no status is taken as free).
func Available(props map[string]any) bool {
	st, ok := props["status"].(string)
	return !ok || st == "available"
}

// updateIcon rewrites (or appends, or hides on delete) the instance of
// feature id of layer from snap and marks it dirty. Returns the buffer, or
// 0 for a layer without icons.
func (s *Scene) updateIcon(snap *engine.Snapshot, layer, id string) render.BufferID {
	is, ok := s.icons[layer]
	if !ok {
		return 0
	}
	it := &s.list.Items[is.item]
	f, present := snap.Layer(layer).Get(id)
	i, known := is.index[id]
	switch {
	case !present && !known:
		return 0
	case !present:
		p := it.Instances.Data[i*render.InstanceFloats:]
		it.Instances.Set(i, [3]float32{p[0], p[1], p[2]}, 0, render.Color{})
	default:
		p, size, c := s.iconOf(snap, layer, f)
		if !known {
			i = it.Instances.Add(p, size, c)
			is.index[id] = i
			it.Resized = true
		} else {
			it.Instances.Set(i, p, size, c)
		}
		if nb := it.Bounds.Extend(s.world(p)); nb != it.Bounds {
			it.Bounds, s.tree = nb, nil
		}
	}
	it.MarkDirty(render.Range{First: i, Count: 1})
	return it.ID
}

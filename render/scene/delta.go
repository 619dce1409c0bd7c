package scene

import (
	"twin/engine"
	"twin/geo"
	"twin/render"
)

// Apply brings the scene up to date with delta d, which snap (the snapshot
// after d was applied) already reflects. It rewrites only the vertices or
// instances of the feature d names and marks exactly those ranges dirty; it
// returns the buffer touched, or 0 when d changes nothing drawn. A
// building delta rebuilds the building's tile mesh and marks it Resized
// (O(vertices of the tile)); a new icon grows its set and marks it Resized;
// otherwise O(1) map lookups plus the feature's vertices.
func (s *Scene) Apply(snap *engine.Snapshot, d engine.Delta) render.BufferID {
	s.version = snap.Version()
	switch d.Layer {
	case geo.LayerRoads:
		return s.recolorRoad(snap, d.ID)
	case geo.LayerBuildings:
		return s.updateBuilding(snap, d.ID)
	default:
		return s.updateIcon(snap, d.Layer, d.ID)
	}
}

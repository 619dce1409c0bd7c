package scene

import (
	"twin/engine"
	"twin/geo"
	"twin/render"
)

// Apply brings the scene up to date with delta d, which snap (the snapshot
// after d was applied) already reflects. It rewrites only the vertices or
// instances of the feature d names and marks exactly those ranges dirty; it
// returns the buffer touched, or 0 when d changes nothing drawn (for
// example a building delta: buildings are rebuilt by Build). O(1) map
// lookups plus the feature's vertices.
func (s *Scene) Apply(snap *engine.Snapshot, d engine.Delta) render.BufferID {
	s.version = snap.Version()
	switch d.Layer {
	case geo.LayerRoads:
		return s.recolorRoad(snap, d.ID)
	default:
		return s.updateIcon(snap, d.Layer, d.ID)
	}
}

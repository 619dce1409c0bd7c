package render

// Range is a span of vertices [First, First+Count) of one buffer.
type Range struct {
	First, Count int
}

// End returns First+Count.
func (r Range) End() int { return r.First + r.Count }

// Layer groups draw items for ordering and for mode toggles.
type Layer uint8

// Layers, drawn in this order (translucent items after all opaque ones).
const (
	LayerTerrain Layer = iota
	LayerBuildings
	LayerRoads
	LayerPipes
	LayerWater
	LayerIcons
)

// String returns the layer's name.
func (l Layer) String() string {
	switch l {
	case LayerTerrain:
		return "terrain"
	case LayerBuildings:
		return "buildings"
	case LayerRoads:
		return "roads"
	case LayerPipes:
		return "pipes"
	case LayerWater:
		return "water"
	case LayerIcons:
		return "icons"
	}
	return "unknown"
}

// DrawItem is one draw call: a mesh or an instance set, with its material.
// Exactly one of Mesh and Instances is non-nil.
type DrawItem struct {
	ID        BufferID
	Layer     Layer
	Mesh      *Mesh
	Instances *InstanceSet
	Material  Material
	// Bounds is the item's world bounding box, for culling.
	Bounds Box
	// Visible is false for items culled or hidden by the current mode.
	Visible bool
	// FirstIndex and IndexCount select a sub-range of Mesh.Indices to draw
	// (level of detail); IndexCount 0 means all indices.
	FirstIndex, IndexCount int
	// Dirty lists vertex (or instance) ranges changed since the driver
	// last uploaded this buffer.
	Dirty []Range
	// Resized is set when the buffer changed size (vertices or instances
	// added, indices rebuilt): the driver must upload it whole (Sync does)
	// and then clear it together with Dirty.
	Resized bool
}

// DrawList is the ordered list of draw items of one frame, plus the HUD.
type DrawList struct {
	Items []DrawItem
	// HUD is the overlay to blend over the frame; nil for none.
	HUD *HUD
}

// Item returns the item with the given buffer id, or nil. O(n).
func (d *DrawList) Item(id BufferID) *DrawItem {
	for i := range d.Items {
		if d.Items[i].ID == id {
			return &d.Items[i]
		}
	}
	return nil
}

// MarkDirty records that vertices r of the item's buffer changed, merging
// with an overlapping or adjacent range already recorded. O(len(Dirty)).
func (it *DrawItem) MarkDirty(r Range) {
	for i, d := range it.Dirty {
		if r.First <= d.End() && d.First <= r.End() {
			lo, hi := min(d.First, r.First), max(d.End(), r.End())
			it.Dirty[i] = Range{lo, hi - lo}
			return
		}
	}
	it.Dirty = append(it.Dirty, r)
}

// ClearDirty drops all dirty ranges of all items; a driver calls it after
// uploading them.
func (d *DrawList) ClearDirty() {
	for i := range d.Items {
		d.Items[i].Dirty = d.Items[i].Dirty[:0]
		d.Items[i].Resized = false
	}
}

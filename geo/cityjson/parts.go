package cityjson

import (
	"fmt"
	"math"

	"twin/geo"
)

// finish completes the buildings that have no geometry of their own from
// their parts and adds every item to its layer, in document order.
func (d *decoder) finish() {
	for _, it := range d.items {
		if it.pending {
			b := it.f.(*geo.Building)
			if !d.fromParts(b, it.children) {
				d.ds.Warn(0, it.off, fmt.Sprintf("city object %q: skipped: no geometry and no usable BuildingPart", b.ID))
				continue
			}
		}
		d.ds.Add(it.layer, it.f)
	}
	d.items = nil
}

// fromParts gives b the union of its parts: the MultiPolygon of their
// footprints (copied, so that reprojecting one feature leaves the other
// alone), the lowest part ground, the highest roof top above that ground
// and the highest LoD. Parts are b's children in order, then any other
// part naming b as parent. b keeps no Surfaces: its parts carry them.
func (d *decoder) fromParts(b *geo.Building, children []string) bool {
	var parts []*geo.Building
	seen := map[*geo.Building]bool{}
	add := func(p *geo.Building) {
		if p != nil && !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	for _, c := range children {
		add(d.parts[c])
	}
	for _, p := range d.partsOf[b.ID] {
		add(p)
	}
	if len(parts) == 0 {
		return false
	}
	ground, top, best := math.Inf(1), math.Inf(-1), -1.0
	for _, p := range parts {
		b.Footprint = append(b.Footprint, p.Footprint.Clone()...)
		ground = math.Min(ground, p.Ground)
		top = math.Max(top, p.Ground+p.Height)
		if v := lod(p.LoD).value(); v > best {
			best, b.LoD = v, p.LoD
		}
	}
	b.Ground, b.Height, b.HeightSource = ground, top-ground, "lod"
	return true
}

package osm

import (
	"slices"

	"github.com/paulmach/osm"

	"twin/geo"
)

// poiTags lists the tag values that make a lone node a point of interest
// in the pois layer: the emergency services a dispatch model places units
// at, plus clinics. Each key's values are matched exactly. Far more common
// emergency tags (fire_hydrant, defibrillator, phone, assembly_point) are
// left out on purpose: they are not stations and would dwarf the layer.
var poiTags = map[string][]string{
	"amenity":   {"fire_station", "police", "hospital", "clinic"},
	"emergency": {"ambulance_station"},
}

// IsPOI reports whether tags make a node a point of interest of the pois
// layer: amenity=fire_station, police, hospital or clinic, or
// emergency=ambulance_station. O(len(tags)).
func IsPOI(tags osm.Tags) bool {
	for _, t := range tags {
		if slices.Contains(poiTags[t.Key], t.Value) {
			return true
		}
	}
	return false
}

// pois builds the pois layer: every node with a location whose tags pass
// IsPOI, as a *geo.Generic point with ID "n{node}", Z NaN and Props
// holding all the node's tags (strings), in node id order. Ways and
// relations with these tags are not repeated here: buildings keep their
// own tags. O(t + p log p) for t tagged nodes and p points of interest.
func (b *builder) pois() {
	var ids []int64
	for id, tags := range b.s.nodeTags {
		if IsPOI(tags) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		p, ok := b.s.coord(id)
		if !ok {
			continue // deleted, or its location was invalid (already warned)
		}
		props := map[string]any(attrs(b.s.nodeTags[id]))
		b.ds.Add(geo.LayerPOIs, &geo.Generic{ID: nodeID(id), Geom: p, Z: geo.NaN, Props: props})
	}
}

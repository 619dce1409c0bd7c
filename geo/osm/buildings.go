package osm

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"twin/geo"
)

// buildingKind tells whether tags make a building (building=* other than
// "no"), a building part (building:part=* other than "no", without a
// building tag) or neither, and returns the type value and the layer.
func buildingKind(tags osm.Tags) (kind, layer string) {
	if t := tags.FindTag("building"); t != nil {
		if t.Value == "no" {
			return "", ""
		}
		return t.Value, geo.LayerBuildings
	}
	if t := tags.FindTag("building:part"); t != nil && t.Value != "no" {
		return t.Value, geo.LayerBuildingParts
	}
	return "", ""
}

// skipLabel names a skipped object in warnings: "building" or
// "building:part".
func skipLabel(layer string) string {
	if layer == geo.LayerBuildingParts {
		return "building:part"
	}
	return "building"
}

// buildings builds the buildings and building_parts layers: closed ways
// first, then multipolygon relations, each in file order. Footprints run
// counter-clockwise, holes clockwise. Objects that cannot form a polygon
// are skipped with a warning "… building skipped: …".
func (b *builder) buildings() {
	parents := b.partParents()
	for i := range b.s.ways {
		w := &b.s.ways[i]
		b.building(osm.TypeWay, w.id, w.tags, w.pos, parents, func() (orb.MultiPolygon, string) {
			return b.wayFootprint(w)
		})
	}
	for i := range b.s.rels {
		r := &b.s.rels[i]
		if r.tags.Find("type") != "multipolygon" {
			continue
		}
		b.building(osm.TypeRelation, r.id, r.tags, r.pos, parents, func() (orb.MultiPolygon, string) {
			return b.multipolygon(r)
		})
	}
}

// building adds the way or relation (typ) ref, read at pos, to its layer
// when its tags make a building or part. footprint is called only then;
// when it returns nil the object is skipped with a warning that gives its
// reason.
func (b *builder) building(typ osm.Type, ref int64, tags osm.Tags, pos int64, parents map[string]string, footprint func() (orb.MultiPolygon, string)) {
	kind, layer := buildingKind(tags)
	if layer == "" {
		return
	}
	fp, why := footprint()
	id := objectID(typ, ref)
	if fp == nil {
		b.warn(pos, "%s %s: %s skipped: %s", typ, id, skipLabel(layer), why)
		return
	}
	bd := &geo.Building{ID: id, Footprint: fp, Ground: geo.NaN, Type: kind, Attrs: attrs(tags)}
	if layer == geo.LayerBuildingParts {
		bd.Parent = parents[id]
	}
	b.heights(bd, tags, pos)
	b.ds.Add(layer, bd)
}

// wayFootprint is the counter-clockwise footprint of a closed way, or why
// there is none. Refs without a location are dropped (with a warning) and
// the ring closed again.
func (b *builder) wayFootprint(w *way) (orb.MultiPolygon, string) {
	n := len(w.refs)
	switch {
	case n < 2 || w.refs[0] != w.refs[n-1]:
		return nil, "way is not closed"
	case n < 4:
		return nil, "closed way with fewer than 3 distinct nodes"
	}
	ring, missing := b.locateRing(w.refs)
	if missing > 0 {
		b.warn(w.pos, "way w%d: %d of %d node refs missing", w.id, missing, n)
	}
	if ring == nil {
		return nil, "fewer than 3 located nodes"
	}
	orient(ring, true)
	return orb.MultiPolygon{{ring}}, ""
}

// locateRing resolves a closed list of node ids into a closed ring of at
// least 4 points with non-zero area, or nil.
func (b *builder) locateRing(ids []int64) (orb.Ring, int) {
	_, line, missing := b.s.resolve(ids)
	if len(line) > 1 && line[0] != line[len(line)-1] {
		line = append(line, line[0])
	}
	r := orb.Ring(line)
	if len(r) < 4 || r.Orientation() == 0 {
		return nil, missing
	}
	return r, missing
}

// multipolygon assembles a multipolygon relation's member ways (role
// outer or empty, and inner) into polygons, or says why it cannot.
func (b *builder) multipolygon(r *relation) (orb.MultiPolygon, string) {
	var outer, inner [][]int64
	for _, m := range r.members {
		if m.typ != osm.TypeWay || (m.role != "outer" && m.role != "" && m.role != "inner") {
			continue
		}
		w := b.s.way(m.ref)
		if w == nil {
			return nil, fmt.Sprintf("member way w%d not in file", m.ref)
		}
		if m.role == "inner" {
			inner = append(inner, w.refs)
		} else {
			outer = append(outer, w.refs)
		}
	}
	if len(outer) == 0 {
		return nil, "no outer member way"
	}
	outers, why := b.rings(outer, r)
	switch {
	case why != "":
		return nil, "outer " + why
	case len(outers) == 0:
		return nil, "outer member ways have no nodes"
	}
	inners, why := b.rings(inner, r)
	if why != "" {
		return nil, "inner " + why
	}
	mp, orphans := polygons(outers, inners)
	if orphans > 0 {
		b.warn(r.pos, "relation r%d: %d inner rings outside every outer ring dropped", r.id, orphans)
	}
	return mp, ""
}

// rings joins fragments and locates the rings, or says why it cannot.
func (b *builder) rings(frags [][]int64, r *relation) ([]orb.Ring, string) {
	ids, stuck, ok := assembleRings(frags)
	if !ok {
		return nil, fmt.Sprintf("ring not closed at node n%d", stuck)
	}
	var out []orb.Ring
	var missing int
	for _, ring := range ids {
		loc, m := b.locateRing(ring)
		missing += m
		if loc == nil {
			return nil, "ring with fewer than 3 located nodes"
		}
		out = append(out, loc)
	}
	if missing > 0 {
		b.warn(r.pos, "relation r%d: %d node refs missing", r.id, missing)
	}
	return out, ""
}

// partParents maps building part IDs to their building through relations
// type=building: the outline member's ID, else the relation's own.
func (b *builder) partParents() map[string]string {
	parents := make(map[string]string)
	for i := range b.s.rels {
		r := &b.s.rels[i]
		if r.tags.Find("type") != "building" {
			continue
		}
		parent := relID(r.id)
		for _, m := range r.members {
			if m.role == "outline" {
				parent = objectID(m.typ, m.ref)
			}
		}
		for _, m := range r.members {
			if m.role == "part" {
				parents[objectID(m.typ, m.ref)] = parent
			}
		}
	}
	return parents
}

// objectID is the feature ID of an OSM object: "n1", "w2" or "r3".
func objectID(typ osm.Type, ref int64) string {
	switch typ {
	case osm.TypeWay:
		return wayID(ref)
	case osm.TypeRelation:
		return relID(ref)
	}
	return nodeID(ref)
}

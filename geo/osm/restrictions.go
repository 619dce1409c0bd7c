package osm

import (
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"twin/geo"
)

// restrictions builds the restrictions layer from relations with
// type=restriction. Kind is the restriction=* value, else the first
// restriction:<mode>=* value (restriction:motorcar, :hgv, …). A relation
// needs a from way, a to way and either one via node or one or more via
// ways; with several from or to ways (no_entry, no_exit) the first counts.
// Relations that miss any of these, or whose members are not in the file,
// are skipped with a warning.
func (b *builder) restrictions() {
	for i := range b.s.rels {
		r := &b.s.rels[i]
		if r.tags.Find("type") != "restriction" {
			continue
		}
		t, why := b.restriction(r)
		if t == nil {
			b.warn(r.pos, "relation r%d: restriction skipped: %s", r.id, why)
			continue
		}
		b.ds.Add(geo.LayerRestrictions, t)
	}
}

// restriction builds one restriction, or says why it cannot.
func (b *builder) restriction(r *relation) (*geo.TurnRestriction, string) {
	kind := restrictionKind(r.tags)
	if kind == "" {
		return nil, "no restriction tag"
	}
	var from, to *way
	var viaNode int64
	var viaWays []int64
	hasViaNode := false
	for _, m := range r.members {
		switch {
		case m.role == "from" && m.typ == osm.TypeWay && from == nil:
			if from = b.s.way(m.ref); from == nil {
				return nil, "from way w" + itoa(m.ref) + " not in file"
			}
		case m.role == "to" && m.typ == osm.TypeWay && to == nil:
			if to = b.s.way(m.ref); to == nil {
				return nil, "to way w" + itoa(m.ref) + " not in file"
			}
		case m.role == "via" && m.typ == osm.TypeNode:
			viaNode, hasViaNode = m.ref, true
		case m.role == "via" && m.typ == osm.TypeWay:
			if b.s.way(m.ref) == nil {
				return nil, "via way w" + itoa(m.ref) + " not in file"
			}
			viaWays = append(viaWays, m.ref)
		}
	}
	switch {
	case from == nil || to == nil:
		return nil, "no from or to way"
	case hasViaNode == (len(viaWays) > 0):
		return nil, "want one via node or via ways"
	}
	t := &geo.TurnRestriction{ID: relID(r.id), Kind: kind, FromWay: from.id, ToWay: to.id, Attrs: attrs(r.tags)}
	if hasViaNode {
		p, ok := b.s.coord(viaNode)
		if !ok {
			return nil, "via node n" + itoa(viaNode) + " not in file"
		}
		t.ViaNode, t.Point = nodeID(viaNode), p
		return t, ""
	}
	t.ViaWays = viaWays
	p, ok := b.joinPoint(from, b.s.way(viaWays[0]))
	if !ok {
		return nil, "via way w" + itoa(viaWays[0]) + " has no located node"
	}
	t.Point = p
	return t, ""
}

// restrictionKind returns restriction=*, else the first restriction:<mode>=*.
func restrictionKind(tags osm.Tags) string {
	if k := tags.Find("restriction"); k != "" {
		return k
	}
	for _, t := range tags {
		if strings.HasPrefix(t.Key, "restriction:") && t.Value != "" {
			return t.Value
		}
	}
	return ""
}

// joinPoint returns where from meets via (a shared end node), else the
// first located node of via.
func (b *builder) joinPoint(from, via *way) (orb.Point, bool) {
	if len(from.refs) > 0 && len(via.refs) > 0 {
		fends := [2]int64{from.refs[0], from.refs[len(from.refs)-1]}
		for _, v := range [2]int64{via.refs[0], via.refs[len(via.refs)-1]} {
			if v == fends[0] || v == fends[1] {
				if p, ok := b.s.coord(v); ok {
					return p, true
				}
			}
		}
	}
	for _, id := range via.refs {
		if p, ok := b.s.coord(id); ok {
			return p, true
		}
	}
	return orb.Point{}, false
}

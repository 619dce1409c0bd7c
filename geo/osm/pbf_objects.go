package osm

import (
	"fmt"
	"slices"

	"github.com/paulmach/osm"
)

// Decoding of the PrimitiveGroup members: Node, DenseNodes, Way, Relation
// (osmformat.proto). Only ids, locations, node lists, members, tags and the
// visible flag of history files are read; other metadata is skipped.

// infoVisible reads Info.visible (field 6), true when absent.
func infoVisible(b []byte) (bool, error) {
	visible := true
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return false, err
		}
		if f.num == 6 && f.isVarint() {
			visible = f.val != 0
		}
	}
	return visible, nil
}

// primitive is what Node, Way and Relation share: id (field 1), the tags
// from keys (2) and vals (3), and the visible flag of info (4).
type primitive struct {
	id      int64
	tags    osm.Tags
	visible bool
}

// readPrimitive reads a Node, Way or Relation message (typ says which)
// into the shared fields and hands every other field to rest, in order. A
// node's id is sint64 (zigzag-coded), a way's and a relation's int64.
// Errors from resolving the tags name the object ("way w12: …").
func (d *blockDecoder) readPrimitive(b []byte, typ osm.Type, rest func(field) error) (primitive, error) {
	var id uint64
	keys, vals := d.keys[:0], d.vals[:0]
	visible := true
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return primitive{}, err
		}
		switch {
		case f.num == 1 && f.isVarint():
			id = f.val
		case f.num == 2:
			keys, err = f.varints(keys)
		case f.num == 3:
			vals, err = f.varints(vals)
		case f.num == 4 && f.isBytes():
			visible, err = infoVisible(f.data)
		default:
			err = rest(f)
		}
		if err != nil {
			return primitive{}, err
		}
	}
	d.keys, d.vals = keys, vals
	o := primitive{id: int64(id), visible: visible}
	if typ == osm.TypeNode {
		o.id = zigzag(id)
	}
	tags, err := d.tags(keys, vals)
	if err != nil {
		return primitive{}, fmt.Errorf("%s %s: %w", typ, objectID(typ, o.id), err)
	}
	o.tags = tags
	return o, nil
}

func (d *blockDecoder) plainNode(b []byte) error {
	var lat, lon int64
	o, err := d.readPrimitive(b, osm.TypeNode, func(f field) error {
		switch {
		case f.num == 8 && f.isVarint():
			lat = zigzag(f.val)
		case f.num == 9 && f.isVarint():
			lon = zigzag(f.val)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.addNode(o.id, lat, lon, o.visible, o.tags)
	return nil
}

// dense holds the parallel arrays of a DenseNodes message.
type dense struct {
	ids, lats, lons, kv, visible []uint64
}

func (d *blockDecoder) denseNodes(b []byte) error {
	dn := &d.dense
	dn.ids, dn.lats, dn.lons, dn.kv, dn.visible = dn.ids[:0], dn.lats[:0], dn.lons[:0], dn.kv[:0], nil
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		switch f.num {
		case 1:
			dn.ids, err = f.varints(dn.ids)
		case 5:
			if f.isBytes() {
				dn.visible, err = denseVisible(f.data)
			}
		case 8:
			dn.lats, err = f.varints(dn.lats)
		case 9:
			dn.lons, err = f.varints(dn.lons)
		case 10:
			dn.kv, err = f.varints(dn.kv)
		}
		if err != nil {
			return err
		}
	}
	if len(dn.lats) != len(dn.ids) || len(dn.lons) != len(dn.ids) ||
		(dn.visible != nil && len(dn.visible) != len(dn.ids)) {
		return fmt.Errorf("dense nodes: %w", errLengths)
	}
	return d.denseEmit(dn)
}

// denseVisible reads DenseInfo.visible (field 6), nil when absent.
func denseVisible(b []byte) ([]uint64, error) {
	var vis []uint64
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return nil, err
		}
		if f.num == 6 {
			if vis, err = f.varints(vis); err != nil {
				return nil, err
			}
		}
	}
	return vis, nil
}

// denseEmit undoes the delta coding and splits keys_vals per node (each
// node's pairs end with a 0; an empty keys_vals means no node has tags).
func (d *blockDecoder) denseEmit(dn *dense) error {
	var id, lat, lon int64
	kv := dn.kv
	d.b.nodes = slices.Grow(d.b.nodes, len(dn.ids))
	for i := range dn.ids {
		id += zigzag(dn.ids[i])
		lat += zigzag(dn.lats[i])
		lon += zigzag(dn.lons[i])
		var tags osm.Tags
		for len(kv) > 0 {
			k := kv[0]
			kv = kv[1:]
			if k == 0 {
				break
			}
			if len(kv) == 0 {
				return fmt.Errorf("node n%d: keys_vals ends after a key", id)
			}
			t, err := d.tag(k, kv[0])
			if err != nil {
				return fmt.Errorf("node n%d: %w", id, err)
			}
			kv = kv[1:]
			tags = append(tags, t)
		}
		visible := dn.visible == nil || dn.visible[i] != 0
		d.addNode(id, lat, lon, visible, tags)
	}
	return nil
}

func (d *blockDecoder) way(b []byte) error {
	refs := d.ints[:0]
	o, err := d.readPrimitive(b, osm.TypeWay, func(f field) (err error) {
		if f.num == 8 {
			refs, err = f.varints(refs)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.ints = refs
	w := way{id: o.id, pos: d.off, gone: !o.visible, refs: make([]int64, len(refs))}
	if wantWay(o.tags) {
		w.tags = o.tags
	}
	var ref int64
	for i, v := range refs {
		ref += zigzag(v)
		w.refs[i] = ref
	}
	d.b.ways = append(d.b.ways, w)
	return nil
}

func (d *blockDecoder) relation(b []byte) error {
	var roles, ids, types []uint64
	o, err := d.readPrimitive(b, osm.TypeRelation, func(f field) (err error) {
		switch f.num {
		case 8:
			roles, err = f.varints(roles)
		case 9:
			ids, err = f.varints(ids)
		case 10:
			types, err = f.varints(types)
		}
		return err
	})
	if err != nil {
		return err
	}
	r := relation{id: o.id, pos: d.off, gone: !o.visible || !wantRelation(o.tags)}
	if !r.gone {
		r.tags = o.tags
		if r.members, err = d.members(roles, ids, types); err != nil {
			return fmt.Errorf("relation r%d: %w", r.id, err)
		}
	}
	d.b.rels = append(d.b.rels, r)
	return nil
}

// members builds relation members from the three parallel arrays.
func (d *blockDecoder) members(roles, ids, types []uint64) ([]member, error) {
	if len(ids) != len(roles) || len(types) != len(roles) {
		return nil, fmt.Errorf("members: %w", errLengths)
	}
	ms := make([]member, len(roles))
	var ref int64
	for i := range roles {
		role, err := d.str(roles[i])
		if err != nil {
			return nil, err
		}
		ref += zigzag(ids[i])
		var t osm.Type
		switch types[i] {
		case 0:
			t = osm.TypeNode
		case 1:
			t = osm.TypeWay
		case 2:
			t = osm.TypeRelation
		default:
			return nil, fmt.Errorf("member type %d", types[i])
		}
		ms[i] = member{typ: t, ref: ref, role: role}
	}
	return ms, nil
}

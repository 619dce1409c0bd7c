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

func (d *blockDecoder) plainNode(b []byte) error {
	var id, lat, lon int64
	var keys, vals []uint64
	visible := true
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.isVarint():
			id = zigzag(f.val)
		case f.num == 2:
			keys, err = f.varints(keys)
		case f.num == 3:
			vals, err = f.varints(vals)
		case f.num == 4 && f.isBytes():
			visible, err = infoVisible(f.data)
		case f.num == 8 && f.isVarint():
			lat = zigzag(f.val)
		case f.num == 9 && f.isVarint():
			lon = zigzag(f.val)
		}
		if err != nil {
			return err
		}
	}
	tags, err := d.tags(keys, vals)
	if err != nil {
		return fmt.Errorf("node n%d: %w", id, err)
	}
	d.addNode(id, lat, lon, visible, tags)
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
			key, err := d.str(k)
			if err != nil {
				return fmt.Errorf("node n%d: %w", id, err)
			}
			val, err := d.str(kv[0])
			if err != nil {
				return fmt.Errorf("node n%d: %w", id, err)
			}
			kv = kv[1:]
			tags = append(tags, osm.Tag{Key: key, Value: val})
		}
		visible := dn.visible == nil || dn.visible[i] != 0
		d.addNode(id, lat, lon, visible, tags)
	}
	return nil
}

func (d *blockDecoder) way(b []byte) error {
	w := way{pos: d.off}
	keys, vals, refs := d.keys[:0], d.vals[:0], d.ints[:0]
	visible := true
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.isVarint():
			w.id = int64(f.val)
		case f.num == 2:
			keys, err = f.varints(keys)
		case f.num == 3:
			vals, err = f.varints(vals)
		case f.num == 4 && f.isBytes():
			visible, err = infoVisible(f.data)
		case f.num == 8:
			refs, err = f.varints(refs)
		}
		if err != nil {
			return err
		}
	}
	d.ints, d.keys, d.vals = refs, keys, vals
	tags, err := d.tags(keys, vals)
	if err != nil {
		return fmt.Errorf("way w%d: %w", w.id, err)
	}
	w.gone = !visible
	if wantWay(tags) {
		w.tags = tags
	}
	w.refs = make([]int64, len(refs))
	var ref int64
	for i, v := range refs {
		ref += zigzag(v)
		w.refs[i] = ref
	}
	d.b.ways = append(d.b.ways, w)
	return nil
}

func (d *blockDecoder) relation(b []byte) error {
	r := relation{pos: d.off}
	var keys, vals, roles, ids, types []uint64
	visible := true
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.isVarint():
			r.id = int64(f.val)
		case f.num == 2:
			keys, err = f.varints(keys)
		case f.num == 3:
			vals, err = f.varints(vals)
		case f.num == 4 && f.isBytes():
			visible, err = infoVisible(f.data)
		case f.num == 8:
			roles, err = f.varints(roles)
		case f.num == 9:
			ids, err = f.varints(ids)
		case f.num == 10:
			types, err = f.varints(types)
		}
		if err != nil {
			return err
		}
	}
	tags, err := d.tags(keys, vals)
	if err != nil {
		return fmt.Errorf("relation r%d: %w", r.id, err)
	}
	r.gone = !visible || !wantRelation(tags)
	if !r.gone {
		r.tags = tags
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

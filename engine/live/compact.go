package live

import (
	"maps"
	"sort"
	"time"

	"twin/engine"
)

// compactor folds the deltas applied so far into the fewest deltas that
// rebuild the same state on top of the base data: per feature, its last
// upsert or delete, its last position, and its merged properties. A
// checkpoint is this set; it grows with the number of features touched, not
// with the number of deltas. Not safe for concurrent use.
type compactor struct {
	keys map[string]*keyState
}

type keyState struct {
	layer, id string
	deleted   bool
	upsert    *engine.Delta
	lon, lat  *float64
	props     map[string]any
	// the last delta's stamps, which the rebuilt feature must carry
	source string
	seq    uint64
	ts     time.Time
}

func newCompactor() *compactor { return &compactor{keys: map[string]*keyState{}} }

func (c *compactor) add(ds []engine.Delta) {
	for i := range ds {
		c.add1(&ds[i])
	}
}

func (c *compactor) add1(d *engine.Delta) {
	k := d.Layer + "\x00" + d.ID
	st := c.keys[k]
	if st == nil || d.Kind == engine.KindUpsert || d.Kind == engine.KindDelete {
		st = &keyState{layer: d.Layer, id: d.ID}
		c.keys[k] = st
	}
	st.source, st.seq, st.ts = d.Source, d.Seq, d.TS
	set := func(k string, v any) {
		if st.props == nil {
			st.props = map[string]any{}
		}
		st.props[k] = v
	}
	switch d.Kind {
	case engine.KindUpsert:
		u := *d
		st.upsert = &u
	case engine.KindDelete:
		st.deleted = true
	case engine.KindMove:
		st.lon, st.lat = d.Lon, d.Lat
	case engine.KindReading:
		for k, v := range d.Properties {
			set(k, v)
		}
		set("value", *d.Value) // as in Apply, the reading's value wins

	case engine.KindState:
		for k, v := range d.Properties {
			set(k, v)
		}
	case engine.KindClosure:
		set("closed", *d.Closed)
	}
}

// deltas returns the compacted deltas in a stable order (by layer and id;
// per feature: upsert or delete, then move, then state).
func (c *compactor) deltas() []engine.Delta {
	keys := make([]string, 0, len(c.keys))
	for k := range c.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []engine.Delta
	for _, k := range keys {
		st := c.keys[k]
		base := engine.Delta{Source: st.source, Seq: st.seq, TS: st.ts, Layer: st.layer, ID: st.id}
		if st.deleted {
			d := base
			d.Kind = engine.KindDelete
			out = append(out, d)
			continue
		}
		if st.upsert != nil {
			d := *st.upsert
			if st.lon == nil && st.props == nil {
				d.Source, d.Seq, d.TS = st.source, st.seq, st.ts
			}
			out = append(out, d)
		}
		if st.lon != nil {
			d := base
			d.Kind, d.Lon, d.Lat = engine.KindMove, st.lon, st.lat
			out = append(out, d)
		}
		if st.props != nil {
			// A copy: the checkpoint is written outside the store's lock,
			// while later batches go on changing st.props.
			d := base
			d.Kind, d.Properties = engine.KindState, maps.Clone(st.props)
			out = append(out, d)
		}
	}
	return out
}

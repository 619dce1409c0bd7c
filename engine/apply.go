package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"twin/geo"
	"twin/geo/geojson"
)

// Seq returns the last sequence number applied for source, 0 if none.
func (s *Snapshot) Seq(source string) uint64 { return s.seqs[source] }

// Seqs returns a copy of the last applied sequence number of every source.
func (s *Snapshot) Seqs() map[string]uint64 {
	out := make(map[string]uint64, len(s.seqs))
	for k, v := range s.seqs {
		out[k] = v
	}
	return out
}

// seq returns the last applied sequence number of source as tx sees it.
func (tx *Tx) seq(source string) uint64 { return tx.seqs[source] }

func (tx *Tx) setSeq(source string, seq uint64) {
	if !tx.seqsOwned {
		m := make(map[string]uint64, len(tx.seqs)+1)
		for k, v := range tx.seqs {
			m[k] = v
		}
		tx.seqs, tx.seqsOwned = m, true
	}
	tx.seqs[source] = seq
	tx.dirty = true
}

// SetSeq records seq as the last applied for source (restoring state from
// a snapshot). It never lowers a source's sequence number.
func (tx *Tx) SetSeq(source string, seq uint64) {
	if seq > tx.seq(source) {
		tx.setSeq(source, seq)
	}
}

// Apply applies one validated delta (see Delta.Validate). It returns false
// without changing anything when the delta is a duplicate: its Seq is not
// above the last applied for its Source. It fails with ErrUnknownFeature
// when the delta targets an id the layer lacks (upserts excepted), and with
// ErrBadDelta when the geometry is invalid or the World has no geodetic
// CRS; the caller then abandons the transaction, so a batch applies whole or
// not at all. Every applied delta stamps the feature's source, seq and ts
// properties.
func (tx *Tx) Apply(d Delta) (applied bool, err error) {
	if d.Seq <= tx.seq(d.Source) {
		return false, nil
	}
	stamp := map[string]any{"source": d.Source, "seq": float64(d.Seq), "ts": d.TS.UTC().Format(time.RFC3339Nano)}
	if d.Kind == KindUpsert {
		err = tx.upsert(d, stamp)
	} else {
		err = tx.change(d, stamp)
	}
	if err != nil {
		return false, err
	}
	tx.setSeq(d.Source, d.Seq)
	return true, nil
}

// ApplyRestore applies d whatever its sequence number and leaves the
// sequence numbers alone: for restoring a checkpoint, whose compacted deltas
// are not in sequence order (restore the numbers with SetSeq). Errors as
// Apply; a failed delta changes nothing, so the caller may go on.
func (tx *Tx) ApplyRestore(d Delta) error {
	stamp := map[string]any{"source": d.Source, "seq": float64(d.Seq), "ts": d.TS.UTC().Format(time.RFC3339Nano)}
	if d.Kind == KindUpsert {
		return tx.upsert(d, stamp)
	}
	return tx.change(d, stamp)
}

// change applies every kind but upsert to an existing feature.
func (tx *Tx) change(d Delta, stamp map[string]any) error {
	f, ok := tx.view(d.Layer).Get(d.ID)
	if !ok {
		return fmt.Errorf("%w: %s/%s", ErrUnknownFeature, d.Layer, d.ID)
	}
	set := stamp
	switch d.Kind {
	case KindDelete:
		tx.Delete(d.Layer, d.ID)
		return nil
	case KindReading:
		set["value"] = *d.Value
		merge(set, d.Properties)
	case KindState:
		merge(set, d.Properties)
	case KindClosure:
		set["closed"] = *d.Closed
	case KindMove:
		g, ok := f.(*geo.Generic)
		if !ok {
			return fmt.Errorf("%w: %s/%s is a %T and cannot move", ErrBadDelta, d.Layer, d.ID, f)
		}
		p, err := tx.fromLonLat(*d.Lon, *d.Lat)
		if err != nil {
			return err
		}
		moved := *g
		moved.Geom = p
		f = &moved
	}
	nf, ok := geo.WithAttrs(f, set)
	if !ok {
		return fmt.Errorf("%w: %s/%s: %T has no attributes", ErrBadDelta, d.Layer, d.ID, f)
	}
	_, err := tx.Put(d.Layer, nf)
	return err
}

func merge(dst, src map[string]any) {
	for k, v := range src {
		if _, reserved := dst[k]; !reserved {
			dst[k] = v
		}
	}
}

func (tx *Tx) fromLonLat(lon, lat float64) (orb.Point, error) {
	if tx.crs == nil {
		return orb.Point{}, fmt.Errorf("%w: the World has no geodetic CRS", ErrBadDelta)
	}
	x, y := tx.crs.Forward(lon, lat)
	return orb.Point{x, y}, nil
}

// upsert builds the feature from its GeoJSON geometry and properties: a
// typed feature for the typed layers (buildings, pipes, …, decoded as the
// GeoJSON loader does), else a Generic.
func (tx *Tx) upsert(d Delta, stamp map[string]any) error {
	if tx.crs == nil {
		return fmt.Errorf("%w: the World has no geodetic CRS", ErrBadDelta)
	}
	props := make(map[string]any, len(d.Properties)+len(stamp))
	for k, v := range d.Properties {
		if v != nil {
			props[k] = v
		}
	}
	for k, v := range stamp {
		props[k] = v
	}
	if geojson.IsTyped(d.Layer) {
		return tx.upsertTyped(d, props)
	}
	g, err := orbjson.UnmarshalGeometry(d.Geometry)
	if err != nil || g.Coordinates == nil {
		return fmt.Errorf("%w: %s/%s: geometry: %v", ErrBadDelta, d.Layer, d.ID, err)
	}
	f := geo.Transform(&geo.Generic{ID: d.ID, Geom: g.Coordinates, Z: geo.NaN, Props: props}, tx.lonLatToWorld())
	_, err = tx.Put(d.Layer, f)
	if err != nil {
		return fmt.Errorf("%w: %s/%s: %v", ErrBadDelta, d.Layer, d.ID, err)
	}
	return nil
}

func (tx *Tx) lonLatToWorld() geo.PointFunc {
	return func(p orb.Point) orb.Point {
		x, y := tx.crs.Forward(p[0], p[1])
		return orb.Point{x, y}
	}
}

func (tx *Tx) upsertTyped(d Delta, props map[string]any) error {
	doc, err := json.Marshal(map[string]any{"type": "Feature", "id": d.ID, "geometry": d.Geometry, "properties": props})
	if err != nil {
		return fmt.Errorf("%w: %s/%s: %v", ErrBadDelta, d.Layer, d.ID, err)
	}
	ds, err := geojson.Decode(bytes.NewReader(doc), "delta", geojson.Options{Layer: d.Layer})
	if err != nil {
		return fmt.Errorf("%w: %s/%s: %v", ErrBadDelta, d.Layer, d.ID, err)
	}
	fs := ds.Layers[d.Layer]
	if len(fs) != 1 {
		msg := "no feature"
		if len(ds.Warnings) > 0 {
			msg = ds.Warnings[0].Msg
		}
		return fmt.Errorf("%w: %s/%s: %s", ErrBadDelta, d.Layer, d.ID, msg)
	}
	if _, err := tx.Put(d.Layer, geo.Transform(fs[0], tx.lonLatToWorld())); err != nil {
		return fmt.Errorf("%w: %s/%s: %v", ErrBadDelta, d.Layer, d.ID, err)
	}
	return nil
}

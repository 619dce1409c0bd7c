package engine

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/proj"
)

// Tx is a write transaction, valid only inside the function passed to
// [World.Update]. Its reads see its own writes. Not safe for concurrent use.
type Tx struct {
	w       *World
	base    *Snapshot
	layers  map[string]*Layer // layers this transaction has copied
	crs     *proj.CRS
	terrain []*Terrain
	lonlat  orb.Bound // extent of everything loaded, lon/lat degrees
	hasLL   bool
	// seqs is the last applied sequence number per delta source, shared
	// with the base snapshot until seqsOwned.
	seqs      map[string]uint64
	seqsOwned bool
	dirty     bool
}

// extendLonLat grows the World's recorded lon/lat extent by b.
func (tx *Tx) extendLonLat(b orb.Bound) {
	tx.lonlat, tx.hasLL = union(tx.lonlat, b, tx.hasLL), true
}

// CRS returns the World's CRS, nil while it has none.
func (tx *Tx) CRS() *proj.CRS { return tx.crs }

// SetCRS fixes the World's CRS. It fails with ErrCRSMismatch when the World
// already has a different one.
func (tx *Tx) SetCRS(c *proj.CRS) error {
	if tx.crs != nil {
		if tx.crs.String() != c.String() {
			return fmt.Errorf("%w: world is %s, got %s", ErrCRSMismatch, tx.crs, c)
		}
		return nil
	}
	if c.Geographic() {
		return fmt.Errorf("%w: %s is geographic; the World needs a metric CRS", ErrCRSMismatch, c)
	}
	tx.crs, tx.dirty = c, true
	return nil
}

// layer returns the transaction's writable copy of the named layer.
func (tx *Tx) layer(name string) *Layer {
	if l, ok := tx.layers[name]; ok {
		return l
	}
	var l *Layer
	if m, ok := tx.w.master[name]; ok {
		l = m.clone()
	} else {
		l = newLayer(name)
	}
	l.deferTree = true
	tx.layers[name] = l
	return l
}

// Layer returns a read view of the named layer as this transaction sees it;
// nil when the layer does not exist. The view must not be kept after the
// transaction ends.
func (tx *Tx) Layer(name string) *Layer {
	l := tx.view(name)
	if l != nil {
		l.flush() // spatial reads must see the transaction's own writes
	}
	return l
}

// view is Layer without applying queued R-tree changes, for reads by ID.
func (tx *Tx) view(name string) *Layer {
	if l, ok := tx.layers[name]; ok {
		return l
	}
	return tx.base.layers[name]
}

// Put inserts f into layer, replacing any feature with the same ID, and
// reports whether it replaced one. f must be in the World's CRS and must not
// be modified afterwards. It fails with ErrInvalidFeature for an empty ID or
// non-finite coordinates. O(log n).
func (tx *Tx) Put(layer string, f geo.Feature) (replaced bool, err error) {
	if err := validFeature(layer, f); err != nil {
		return false, err
	}
	l := tx.layer(layer)
	_, replaced = l.Get(f.FeatureID())
	l.put(f)
	tx.dirty = true
	return replaced, nil
}

// Delete removes the feature with id from layer and reports whether it existed.
func (tx *Tx) Delete(layer, id string) bool {
	if tx.view(layer).Len() == 0 {
		return false
	}
	ok := tx.layer(layer).delete(id)
	tx.dirty = tx.dirty || ok
	return ok
}

// AddTerrain adds a terrain grid. Grids already present keep priority where
// they are finer; see Snapshot.TerrainHeight.
func (tx *Tx) AddTerrain(t *Terrain) {
	tx.terrain = append(append([]*Terrain(nil), tx.terrain...), t)
	sortTerrain(tx.terrain)
	tx.dirty = true
}

// Terrain returns the terrain grids as this transaction sees them.
func (tx *Tx) Terrain() []*Terrain { return tx.terrain }

// validFeature reports ErrInvalidFeature for an empty ID or non-finite
// coordinates.
func validFeature(layer string, f geo.Feature) error { return validGeometry(layer, f, f.Geometry()) }

// validGeometry is validFeature for a caller that already has g = f.Geometry().
func validGeometry(layer string, f geo.Feature, g orb.Geometry) error {
	if f.FeatureID() == "" {
		return fmt.Errorf("%w: empty id in layer %s", ErrInvalidFeature, layer)
	}
	if !finiteGeometry(g) {
		return fmt.Errorf("%w: %s/%s has non-finite coordinates", ErrInvalidFeature, layer, f.FeatureID())
	}
	return nil
}

func finiteGeometry(g orb.Geometry) bool {
	ok := true
	visitPoints(g, func(p orb.Point) bool {
		ok = !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
		return ok
	})
	return ok
}

// visitPoints calls fn for every coordinate of g until fn returns false.
func visitPoints(g orb.Geometry, fn func(orb.Point) bool) bool {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		for _, p := range g {
			if !fn(p) {
				return false
			}
		}
	case orb.LineString:
		for _, p := range g {
			if !fn(p) {
				return false
			}
		}
	case orb.Ring:
		for _, p := range g {
			if !fn(p) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !visitPoints(r, fn) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if !visitPoints(p, fn) {
				return false
			}
		}
	case orb.MultiLineString:
		for _, l := range g {
			if !visitPoints(l, fn) {
				return false
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !visitPoints(c, fn) {
				return false
			}
		}
	}
	return true
}

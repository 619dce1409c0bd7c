package engine

import (
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/tidwall/btree"
	"github.com/tidwall/rtree"

	"twin/geo"
)

// entry is one feature with its cached bounds. Features without a finite,
// non-empty geometry are kept by ID but not put in the R-tree.
type entry struct {
	id      string
	f       geo.Feature
	g       orb.Geometry // f.Geometry(), cached: queries test it without an allocation
	s       shape        // g's points inline, for the common shapes
	b       orb.Bound
	indexed bool
}

func lessEntry(a, b *entry) bool { return a.id < b.id }

// Layer is one named set of features with an ID index (ordered by ID) and an
// R-tree over their bounds. A Layer taken from a Snapshot is immutable and
// safe for concurrent use.
type Layer struct {
	name string
	ids  *btree.BTreeG[*entry]
	tree *rtree.RTreeG[*entry]
	// pending holds R-tree changes a transaction has not applied yet (see
	// flush); deferTree says to queue them. Only a transaction's private
	// copy ever has either; published layers have neither.
	pending   []treeOp
	deferTree bool
}

// treeOp is a queued R-tree change: remove e, or insert it.
type treeOp struct {
	e   *entry
	del bool
}

func newLayer(name string) *Layer {
	return &Layer{
		name: name,
		ids:  btree.NewBTreeGOptions(lessEntry, btree.Options{NoLocks: true}),
		tree: &rtree.RTreeG[*entry]{},
	}
}

// clone returns a copy-on-write copy in O(1). The copy and l may then be
// modified independently.
func (l *Layer) clone() *Layer {
	return &Layer{name: l.name, ids: l.ids.Copy(), tree: l.tree.Copy()}
}

// Name returns the layer's name.
func (l *Layer) Name() string { return l.name }

// Len returns the number of features. O(1).
func (l *Layer) Len() int {
	if l == nil {
		return 0
	}
	return l.ids.Len()
}

// Get returns the feature with the given ID. O(log n).
func (l *Layer) Get(id string) (geo.Feature, bool) {
	if l == nil {
		return nil, false
	}
	e, ok := l.ids.Get(&entry{id: id})
	if !ok {
		return nil, false
	}
	return e.f, true
}

// At returns the i-th feature in ID order, for paging. O(log n).
func (l *Layer) At(i int) (geo.Feature, bool) {
	if l == nil {
		return nil, false
	}
	e, ok := l.ids.GetAt(i)
	if !ok {
		return nil, false
	}
	return e.f, true
}

// Ascend calls fn for every feature with an ID ≥ from, in ID order, until fn
// returns false.
func (l *Layer) Ascend(from string, fn func(geo.Feature) bool) {
	if l == nil {
		return
	}
	l.ids.Ascend(&entry{id: from}, func(e *entry) bool { return fn(e.f) })
}

// Bounds returns the union of the indexed features' bounds; ok is false when
// no feature has a geometry.
func (l *Layer) Bounds() (b orb.Bound, ok bool) {
	if l == nil || l.tree.Len() == 0 {
		return orb.Bound{}, false
	}
	mn, mx := l.tree.Bounds()
	return orb.Bound{Min: mn, Max: mx}, true
}

// put inserts or replaces f. A feature without a valid bound (empty or
// non-finite geometry) is indexed by ID only.
func (l *Layer) put(f geo.Feature) {
	e := &entry{id: f.FeatureID(), f: f, g: f.Geometry()}
	e.s = shapeOf(e.g)
	e.b, e.indexed = geometryBound(e.g)
	l.putEntry(e)
}

// putEntry inserts a prepared entry and reports whether it replaced one.
func (l *Layer) putEntry(e *entry) bool {
	old, replaced := l.ids.Set(e)
	if replaced && old.indexed {
		l.treeDelete(old)
	}
	if e.indexed {
		l.treeInsert(e)
	}
	return replaced
}

func (l *Layer) treeInsert(e *entry) {
	if l.deferTree {
		l.pending = append(l.pending, treeOp{e: e})
		return
	}
	l.tree.Insert(e.b.Min, e.b.Max, e)
}

func (l *Layer) treeDelete(e *entry) {
	if l.deferTree {
		l.pending = append(l.pending, treeOp{e: e, del: true})
		return
	}
	l.tree.Delete(e.b.Min, e.b.Max, e)
}

// flush applies the queued R-tree changes. When they are many compared with
// the layer (a batch of sensor readings touching most of a small layer),
// the R-tree is rebuilt from the ID index instead: tidwall/rtree v1.10.0's
// copy-on-write re-copies a node's path on every write after a Copy (its
// node copy keeps the source node's owner id), so many writes to a shared
// tree cost far more than a fresh build. O(k log n) or O(n log n).
func (l *Layer) flush() {
	if len(l.pending) == 0 {
		return
	}
	if len(l.pending) >= max(rebuildMin, l.tree.Len()/rebuildFraction) {
		t := &rtree.RTreeG[*entry]{}
		l.ids.Scan(func(e *entry) bool {
			if e.indexed {
				t.Insert(e.b.Min, e.b.Max, e)
			}
			return true
		})
		l.tree = t
	} else {
		for _, op := range l.pending {
			if op.del {
				l.tree.Delete(op.e.b.Min, op.e.b.Max, op.e)
			} else {
				l.tree.Insert(op.e.b.Min, op.e.b.Max, op.e)
			}
		}
	}
	l.pending = l.pending[:0]
}

// A transaction's queued R-tree changes rebuild the tree when they number
// at least rebuildMin and at least 1/rebuildFraction of the layer.
const (
	rebuildMin      = 64
	rebuildFraction = 8
)

// bulkLoad fills an empty layer: the ID index is built from the entries
// sorted by ID (the B-tree appends sorted input in O(1) each), the R-tree by
// inserting them in the given order. A later entry with a repeated ID
// replaces the earlier one.
func (l *Layer) bulkLoad(entries []entry) (replaced int) {
	type key struct {
		id string
		i  int
	}
	keys := make([]key, len(entries))
	for i := range entries {
		keys[i] = key{entries[i].id, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return a.i - b.i
	})
	for k, kk := range keys {
		e := &entries[kk.i]
		if k+1 < len(keys) && keys[k+1].id == kk.id {
			e.indexed = false // replaced by the later entry with this ID
			replaced++
			continue
		}
		l.ids.Load(e)
	}
	for i := range entries {
		if e := &entries[i]; e.indexed {
			l.tree.Insert(e.b.Min, e.b.Max, e)
		}
	}
	return replaced
}

// delete removes the feature with the given ID and reports whether it existed.
func (l *Layer) delete(id string) bool {
	old, ok := l.ids.Delete(&entry{id: id})
	if ok && old.indexed {
		l.treeDelete(old)
	}
	return ok
}

// featureBound returns f's bounds and whether they are finite and the
// geometry non-empty.
func featureBound(f geo.Feature) (orb.Bound, bool) { return geometryBound(f.Geometry()) }

func geometryBound(g orb.Geometry) (orb.Bound, bool) {
	if g == nil || isEmpty(g) {
		return orb.Bound{}, false
	}
	b := g.Bound()
	for _, v := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return orb.Bound{}, false
		}
	}
	return b, true
}

func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.LineString:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0 || len(g[0]) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.MultiPoint:
		return len(g) == 0
	case orb.Ring:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}

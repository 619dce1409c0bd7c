package geojson

import (
	"reflect"
	"sync"
	"sync/atomic"

	"twin/geo"
)

// DefaultCacheBytes is a FeatureCache's budget when MaxBytes is 0.
const DefaultCacheBytes = 64 << 20

// FeatureCache keeps the encoded Feature objects of features, keyed by the
// features' identity, so that a server that writes the same features again
// and again formats each one once: projection, number formatting and the
// properties map are skipped on a hit, and the bytes are copied. Give it to
// EncodeOptions.Cache.
//
// One cache serves one set of encoding options (projection, precision):
// encodings made with other options must not share it. Features are keyed
// by pointer, so they must not change while cached (a store that replaces
// a changed feature with a new value gives it a new key). Features that are
// not pointers are not cached.
//
// It holds about MaxBytes of encodings at most (0: DefaultCacheBytes), and
// no single encoding above 1/64 of that; when full it is emptied and fills
// again, which bounds memory at the price of a burst of misses. Until then
// it also keeps the features it has seen reachable. The zero value is ready
// to use; it is safe for concurrent use.
type FeatureCache struct {
	// MaxBytes bounds the bytes of encodings held. Set it before first use.
	MaxBytes int64

	m    sync.Map // geo.Feature → []byte
	size atomic.Int64
}

// get returns the encoding of f, if cached.
func (c *FeatureCache) get(f geo.Feature) ([]byte, bool) {
	v, ok := c.m.Load(f)
	if !ok {
		return nil, false
	}
	return v.([]byte), true
}

// put stores a copy of enc as f's encoding, emptying the cache first when
// it would exceed its budget.
func (c *FeatureCache) put(f geo.Feature, enc []byte) {
	if reflect.TypeOf(f).Kind() != reflect.Pointer {
		return // no identity to key by (and maybe not comparable)
	}
	limit := c.MaxBytes
	if limit == 0 {
		limit = DefaultCacheBytes
	}
	n := int64(len(enc))
	if n > limit/64 {
		return // one huge feature would crowd out the rest
	}
	if c.size.Add(n) > limit {
		c.m.Clear()
		c.size.Store(n)
	}
	if _, loaded := c.m.LoadOrStore(f, append([]byte(nil), enc...)); loaded {
		c.size.Add(-n)
	}
}

// Len returns the number of features cached. O(n).
func (c *FeatureCache) Len() int {
	n := 0
	c.m.Range(func(_, _ any) bool { n++; return true })
	return n
}

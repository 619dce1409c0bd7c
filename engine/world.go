package engine

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"twin/geo/proj"
)

// Sentinel errors of the engine; test with errors.Is.
var (
	// ErrNoCRS: data without a CRS cannot be placed in a georeferenced World
	// (give one with Config.CRS / --crs or a .prj sidecar).
	ErrNoCRS = errors.New("engine: data has no CRS")
	// ErrCRSMismatch: the World's CRS is fixed once data is loaded.
	ErrCRSMismatch = errors.New("engine: CRS does not match the World's")
	// ErrInvalidFeature: a feature with an empty ID or non-finite coordinates.
	ErrInvalidFeature = errors.New("engine: invalid feature")
	// ErrUnknownLayer: a query named a layer the World does not have.
	ErrUnknownLayer = errors.New("engine: unknown layer")
)

// Config configures a World. The zero value is usable: the CRS is then
// chosen from the first data loaded.
type Config struct {
	// CRS is the World's local metric CRS ("EPSG:32632", "EPSG:4547",
	// "LOCAL:lon,lat"). Empty: chosen automatically on the first load — the
	// first projected CRS among the data, else the UTM zone (or, in China,
	// the CGCS2000 3° Gauss-Krüger zone) of the data's centre.
	CRS string
	// UnderTolerance is how far (metres) from a query point or line a pipe's
	// centreline may pass and still count as "under" it, on top of the pipe's
	// half width. Zero means 2 m.
	UnderTolerance float64
}

// Validate reports a configuration error: an unparsable or geographic CRS.
func (c Config) Validate() error {
	if c.CRS != "" {
		crs, err := proj.Parse(c.CRS)
		if err != nil {
			return fmt.Errorf("engine: config: %w", err)
		}
		if crs.Geographic() {
			return fmt.Errorf("engine: config: CRS %s is geographic; the World needs a metric CRS", crs)
		}
	}
	if c.UnderTolerance < 0 {
		return fmt.Errorf("engine: config: negative UnderTolerance %g", c.UnderTolerance)
	}
	return nil
}

func (c Config) underTolerance() float64 {
	if c.UnderTolerance == 0 {
		return 2
	}
	return c.UnderTolerance
}

// World is the city model: layers of features in one metric CRS, versioned.
// All methods are safe for concurrent use.
type World struct {
	cfg Config
	mu  sync.Mutex // serialises writers
	cur atomic.Pointer[Snapshot]
	// master holds the writer's copies of the layers; published snapshots
	// hold copy-on-write copies of them.
	master map[string]*Layer
}

// New returns an empty World. It fails when cfg does not validate.
func New(cfg Config) (*World, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	w := &World{cfg: cfg, master: map[string]*Layer{}}
	s := &Snapshot{layers: map[string]*Layer{}, underTol: cfg.underTolerance()}
	if cfg.CRS != "" {
		s.crs, _ = proj.Parse(cfg.CRS)
	}
	w.cur.Store(s)
	return w, nil
}

// Snapshot returns the current immutable snapshot. O(1).
func (w *World) Snapshot() *Snapshot { return w.cur.Load() }

// Update runs fn in a transaction. When fn returns nil its changes are
// published atomically as a new snapshot with the next version, which Update
// returns; when fn returns an error (or panics) nothing changes and the
// current snapshot is returned with the error. Writers are serialised;
// readers are never blocked.
func (w *World) Update(fn func(tx *Tx) error) (s *Snapshot, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	tx := &Tx{w: w, base: w.cur.Load(), layers: map[string]*Layer{}}
	tx.crs = tx.base.crs
	tx.terrain = tx.base.terrain
	tx.lonlat, tx.hasLL = tx.base.lonlat, tx.base.hasLL
	tx.seqs = tx.base.seqs
	defer func() {
		if r := recover(); r != nil {
			s, err = w.cur.Load(), fmt.Errorf("engine: update panicked: %v", r)
		}
	}()
	if err := fn(tx); err != nil {
		return tx.base, err
	}
	if !tx.dirty {
		return tx.base, nil
	}
	return w.commit(tx), nil
}

func (w *World) commit(tx *Tx) *Snapshot {
	old := tx.base
	s := &Snapshot{
		version:  old.version + 1,
		crs:      tx.crs,
		layers:   make(map[string]*Layer, len(old.layers)+len(tx.layers)),
		terrain:  tx.terrain,
		underTol: old.underTol,
		lonlat:   tx.lonlat,
		hasLL:    tx.hasLL,
		seqs:     tx.seqs,
	}
	for name, l := range old.layers {
		s.layers[name] = l
	}
	for name, l := range tx.layers {
		l.flush()
		l.deferTree = false
		w.master[name] = l
		s.layers[name] = l.clone()
	}
	w.cur.Store(s)
	return s
}

package live

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"

	"twin/engine"
	"twin/engine/wal"
)

// Sentinel errors.
var (
	// ErrFailed: the log failed after a batch was applied; the store stops
	// taking batches (restart it: the log and checkpoint are consistent).
	ErrFailed = errors.New("live: store failed")
	// ErrClosed: the store is closed.
	ErrClosed = errors.New("live: store closed")
)

// Options configure a Store. The zero value keeps nothing on disk.
type Options struct {
	// Dir holds the write-ahead log and checkpoints. Empty: in memory only.
	Dir string
	// NoSync skips fsync (benchmarks and tests only: acknowledged batches
	// may be lost on a crash).
	NoSync bool
	// CheckpointEvery writes a checkpoint after this many batches. Default
	// 10000; negative: never (except on Close).
	CheckpointEvery int
	// RingSize is how many recent batches are kept for subscribers that
	// resume. Default 4096.
	RingSize int
	// Log receives warnings (deltas that no longer apply on replay). Nil:
	// discarded.
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.CheckpointEvery == 0 {
		o.CheckpointEvery = 10000
	}
	if o.RingSize == 0 {
		o.RingSize = 4096
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Result is what Ingest reports for an acknowledged batch.
type Result struct {
	Applied    int    `json:"applied"`
	Duplicates int    `json:"duplicates"`
	Version    uint64 `json:"version"`
}

// RejectError says which delta of a batch could not be applied (Index is
// 0-based in the batch); nothing of the batch was applied.
type RejectError struct {
	Index int
	Err   error
}

func (e *RejectError) Error() string { return fmt.Sprintf("delta %d: %v", e.Index+1, e.Err) }
func (e *RejectError) Unwrap() error { return e.Err }

// Store is the live, durable side of a World. See the package doc.
type Store struct {
	opt   Options
	world *engine.World
	log   recordLog
	hub   *hub

	mu          sync.Mutex // orders batches: apply, log append, compaction
	failed      error
	closed      bool
	comp        *compactor
	sinceCkpt   int
	ckptRunning atomic.Bool
	ckptMu      sync.Mutex // one checkpoint at a time, in the order taken

	version atomic.Uint64 // last applied batch

	pubMu     sync.Mutex
	pending   map[uint64]*Batch
	published uint64
	durable   uint64

	stats Stats
}

// Stats counts what the store has seen; read with Snapshot.
type Stats struct {
	Batches, Applied, Duplicates, Rejected atomic.Uint64
}

// Open restores the store's state into w (which holds the base data) from
// opt.Dir: the latest checkpoint, then the log after it. w must not be
// changed by anyone else afterwards except through the Store.
func Open(ctx context.Context, w *engine.World, opt Options) (*Store, error) {
	opt = opt.withDefaults()
	s := &Store{opt: opt, world: w, comp: newCompactor(), pending: map[uint64]*Batch{}}
	if opt.Dir == "" {
		s.log = &memLog{}
	} else {
		l, err := wal.Open(filepath.Join(opt.Dir, "wal"), wal.Options{NoSync: opt.NoSync})
		if err != nil {
			return nil, err
		}
		s.log = l
	}
	v, err := s.restore(ctx)
	if err != nil {
		s.log.Close()
		return nil, err
	}
	s.version.Store(v)
	s.published, s.durable = v, v
	s.hub = newHub(opt.RingSize, v)
	return s, nil
}

// Version returns the live version: the number of the last applied batch.
func (s *Store) Version() uint64 { return s.version.Load() }

// World returns the World the store changes.
func (s *Store) World() *engine.World { return s.world }

// Stats returns the store's counters.
func (s *Store) Stats() *Stats { return &s.stats }

// Subscribe returns a subscription to the batches after version since (0:
// only new ones… or every kept one when the store is new), buffering up to
// buf batches (default 256).
func (s *Store) Subscribe(since uint64, buf int) *Sub {
	if buf <= 0 {
		buf = 256
	}
	return s.hub.subscribe(since, buf)
}

// Ingest applies a batch atomically and returns once it is durable. A
// batch with a delta that cannot apply is rejected whole with a
// *RejectError; duplicates (by source and seq) are counted, not applied. A
// batch of duplicates only is not logged again; it is acknowledged once the
// batches it repeats are durable. If ctx ends while waiting for the fsync
// the batch stays applied and will become durable, but is not acknowledged:
// the client resends it and gets duplicates back.
func (s *Store) Ingest(ctx context.Context, ds []engine.Delta) (Result, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return Result{}, ErrClosed
	}
	if s.failed != nil {
		s.mu.Unlock()
		return Result{}, fmt.Errorf("%w: %v", ErrFailed, s.failed)
	}
	applied, dup, err := s.apply(ds)
	if err != nil {
		s.mu.Unlock()
		s.stats.Rejected.Add(uint64(len(ds)))
		return Result{}, err
	}
	s.stats.Duplicates.Add(uint64(dup))
	if len(applied) == 0 {
		v := s.version.Load()
		s.mu.Unlock()
		// The duplicates may be a resend of a batch whose fsync is still
		// under way: acknowledge them only once it is durable.
		if err := s.log.Sync(ctx, v); err != nil {
			return Result{}, err
		}
		return Result{Duplicates: dup, Version: v}, nil
	}
	lsn, err := s.append(applied)
	if err != nil {
		s.mu.Unlock()
		return Result{}, err
	}
	checkpoint := s.opt.CheckpointEvery > 0 && s.sinceCkpt >= s.opt.CheckpointEvery
	s.mu.Unlock()
	if err := s.log.Sync(ctx, lsn); err != nil {
		if ctx.Err() == nil {
			s.fail(err)
		}
		return Result{}, err
	}
	s.publishDurable(lsn)
	s.stats.Batches.Add(1)
	s.stats.Applied.Add(uint64(len(applied)))
	if checkpoint && s.ckptRunning.CompareAndSwap(false, true) {
		go func() {
			defer s.ckptRunning.Store(false)
			if err := s.Checkpoint(); err != nil {
				s.opt.Log.Error("checkpoint failed", "err", err)
			}
		}()
	}
	return Result{Applied: len(applied), Duplicates: dup, Version: lsn}, nil
}

// apply runs the batch in one World update; called with s.mu held.
func (s *Store) apply(ds []engine.Delta) (applied []engine.Delta, dup int, err error) {
	_, err = s.world.Update(func(tx *engine.Tx) error {
		applied, dup = applied[:0], 0
		for i, d := range ds {
			ok, err := tx.Apply(d)
			if err != nil {
				return &RejectError{Index: i, Err: err}
			}
			if ok {
				applied = append(applied, d)
			} else {
				dup++
			}
		}
		return nil
	})
	return applied, dup, err
}

// append logs an applied batch and queues it for publication; called with
// s.mu held.
func (s *Store) append(applied []engine.Delta) (uint64, error) {
	rec, err := encodeBatch(applied)
	if err == nil {
		var lsn uint64
		if lsn, err = s.log.Append(rec); err == nil {
			s.version.Store(lsn)
			s.comp.add(applied)
			s.sinceCkpt++
			s.pubMu.Lock()
			s.pending[lsn] = &Batch{Version: lsn, Deltas: applied}
			s.pubMu.Unlock()
			return lsn, nil
		}
	}
	// The World already shows the batch but the log does not hold it: stop
	// taking batches, so that nothing acknowledged later depends on it.
	s.failed = err
	return 0, fmt.Errorf("%w: %v", ErrFailed, err)
}

func (s *Store) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed == nil {
		s.failed = err
	}
}

// publishDurable publishes, in version order, every queued batch up to lsn.
func (s *Store) publishDurable(lsn uint64) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	if lsn > s.durable {
		s.durable = lsn
	}
	for s.published < s.durable {
		b, ok := s.pending[s.published+1]
		if !ok {
			return // appended by a batch whose Sync has not returned yet
		}
		delete(s.pending, b.Version)
		s.published = b.Version
		s.hub.publish(b)
	}
}

// Close writes a final checkpoint, ends subscriptions and closes the log.
func (s *Store) Close() error {
	err := s.Checkpoint()
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.hub.closeAll()
	if cerr := s.log.Close(); err == nil {
		err = cerr
	}
	return err
}

func encodeBatch(ds []engine.Delta) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range ds {
		if err := enc.Encode(&ds[i]); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

func decodeBatch(rec []byte) ([]engine.Delta, error) {
	dec := json.NewDecoder(bytes.NewReader(rec))
	var out []engine.Delta
	for dec.More() {
		var d engine.Delta
		if err := dec.Decode(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

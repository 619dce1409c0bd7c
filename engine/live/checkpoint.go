package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"twin/engine"
)

// checkpointFile is the name of the checkpoint in the data directory.
const checkpointFile = "checkpoint.json"

// checkpoint is the on-disk checkpoint: the live version it reflects, the
// last sequence number of every source, and the compacted deltas.
type checkpoint struct {
	Version uint64            `json:"version"`
	Seqs    map[string]uint64 `json:"seqs"`
	Deltas  []engine.Delta    `json:"deltas"`
}

// Checkpoint writes the current state as a checkpoint (atomically: a
// temporary file, fsync, rename, fsync of the directory) and drops the log
// records it covers. It first waits until the log holds every batch the
// checkpoint covers, and concurrent calls run one after another, so a
// checkpoint on disk is never ahead of the log nor replaced by an older one.
// A store without a directory does nothing.
func (s *Store) Checkpoint() error {
	if s.opt.Dir == "" {
		return nil
	}
	s.ckptMu.Lock()
	defer s.ckptMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	ck := checkpoint{Version: s.version.Load(), Seqs: s.world.Snapshot().Seqs(), Deltas: s.comp.deltas()}
	s.sinceCkpt = 0
	s.mu.Unlock()
	// The checkpoint covers batches whose fsync may still be under way. It
	// must not reach the disk before them: after a crash the log would
	// number new batches from below the checkpoint's version.
	if err := s.log.Sync(context.Background(), ck.Version); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(s.opt.Dir, checkpointFile), ck, s.opt.NoSync); err != nil {
		return err
	}
	return s.log.Truncate(ck.Version + 1)
}

func writeFileAtomic(path string, v any, noSync bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".checkpoint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := json.NewEncoder(tmp).Encode(v); err != nil {
		tmp.Close()
		return err
	}
	if !noSync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if noSync {
		return nil
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// restore applies the checkpoint and replays the log after it, returning
// the live version reached. Deltas that no longer apply (the base data
// changed between runs) are skipped with a warning.
func (s *Store) restore(ctx context.Context) (uint64, error) {
	var v uint64
	if s.opt.Dir != "" {
		ck, err := readCheckpoint(filepath.Join(s.opt.Dir, checkpointFile))
		if err != nil {
			return 0, err
		}
		if ck != nil {
			s.restoreCheckpoint(ck)
			v = ck.Version
		}
	}
	err := s.log.Replay(v+1, func(lsn uint64, rec []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		ds, err := decodeBatch(rec)
		if err != nil {
			return fmt.Errorf("live: log record %d: %w", lsn, err)
		}
		s.replay(lsn, ds)
		v = lsn
		return nil
	})
	return v, err
}

func readCheckpoint(path string) (*checkpoint, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ck checkpoint
	if err := json.Unmarshal(b, &ck); err != nil {
		return nil, fmt.Errorf("live: %s: %w", path, err)
	}
	return &ck, nil
}

func (s *Store) restoreCheckpoint(ck *checkpoint) {
	s.world.Update(func(tx *engine.Tx) error {
		for _, d := range ck.Deltas {
			if err := tx.ApplyRestore(d); err != nil {
				s.opt.Log.Warn("checkpoint delta no longer applies", "layer", d.Layer, "id", d.ID, "err", err)
			}
		}
		for src, seq := range ck.Seqs {
			tx.SetSeq(src, seq)
		}
		return nil
	})
	s.comp.add(ck.Deltas)
}

func (s *Store) replay(lsn uint64, ds []engine.Delta) {
	s.world.Update(func(tx *engine.Tx) error {
		for _, d := range ds {
			if _, err := tx.Apply(d); err != nil {
				s.opt.Log.Warn("logged delta no longer applies", "version", lsn, "layer", d.Layer, "id", d.ID, "err", err)
			}
		}
		return nil
	})
	s.comp.add(ds)
}

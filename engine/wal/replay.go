package wal

import (
	"cmp"
	"fmt"
	"os"
	"slices"
)

// Replay calls fn for every record with an LSN of at least from, in LSN
// order, up to the last record appended when Replay was called (records
// still buffered are written out first, not fsynced). from 0 means from the
// oldest record kept. rec is only valid during the call: copy it to keep
// it. Replay stops at the first error from fn and returns it unchanged.
//
// Errors: ErrTruncated if from > 0 and records from there on were removed
// by Truncate; ErrCorrupt (with file and offset) if a record is bad, which
// Open's checks make unlikely; ErrClosed. Replay may run concurrently with
// appends and syncs; Truncate waits for it. It costs O(bytes from the
// segment holding from to the end).
func (l *Log) Replay(from uint64, fn func(lsn uint64, rec []byte) error) error {
	l.truncMu.RLock()
	defer l.truncMu.RUnlock()
	segs, last, err := l.replayView()
	if err != nil {
		return err
	}
	if from == 0 {
		from = segs[0].first
	}
	if from < segs[0].first {
		return fmt.Errorf("%w: replay from lsn %d, but the oldest kept is %d", ErrTruncated, from, segs[0].first)
	}
	if from > last {
		return nil
	}
	// Start at the last segment whose first record is at or before from.
	i, found := slices.BinarySearchFunc(segs, from, func(s segment, lsn uint64) int {
		return cmp.Compare(s.first, lsn)
	})
	if !found {
		i--
	}
	for ; i < len(segs) && segs[i].first <= last; i++ {
		end := last + 1
		if i+1 < len(segs) {
			end = min(end, segs[i+1].first)
		}
		if err := l.replaySegment(segs[i], from, end, fn); err != nil {
			return err
		}
	}
	return nil
}

// replayView writes out the buffered records and returns the segments and
// the LSN of the last record, so that Replay reads only whole records.
func (l *Log) replayView() ([]segment, uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, 0, ErrClosed
	}
	last := l.next - 1
	for l.written < last {
		switch {
		case l.err != nil:
			return nil, 0, l.err
		case l.flushing:
			l.waitLocked(nil)
		default:
			l.flushLocked(false)
		}
	}
	return slices.Clone(l.segs), last, nil
}

// replaySegment calls fn for the records of s with from ≤ LSN < end, where
// end is the first LSN of the next segment or one past the last record; a
// segment that ends early is ErrCorrupt.
func (l *Log) replaySegment(s segment, from, end uint64, fn func(uint64, []byte) error) error {
	f, err := os.Open(segmentPath(l.dir, s.name))
	if err != nil {
		return fmt.Errorf("wal: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("wal: %w", err)
	}
	sc := newScanner(f, s.name, st.Size(), s.first)
	// Check the LSN before reading: past the last record, the active
	// segment may hold one that is still being written.
	for sc.next < end && sc.scan() {
		if sc.lsn < from {
			continue
		}
		if err := fn(sc.lsn, sc.rec); err != nil {
			return err
		}
	}
	if sc.err != nil {
		return sc.err
	}
	if sc.next < end {
		return fmt.Errorf("%w: %s at offset %d: ends at lsn %d, want %d", ErrCorrupt, s.name, sc.off, sc.next-1, end-1)
	}
	return nil
}

// Truncate removes the segments whose records all have LSNs below before,
// oldest first, typically after a snapshot that covers them: Truncate(n+1)
// once a snapshot holds records up to n. It never removes the active
// segment, so fewer records may go than asked; FirstLSN tells. Each removal
// is made durable before the next, so a crash leaves no gap. Truncate waits
// for running Replays. Errors: ErrClosed, or the I/O error of a removal
// (the segments removed before it stay removed).
func (l *Log) Truncate(before uint64) error {
	l.truncMu.Lock()
	defer l.truncMu.Unlock()
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	n := 0
	for n+1 < len(l.segs) && l.segs[n+1].first <= before {
		n++
	}
	drop := slices.Clone(l.segs[:n])
	l.mu.Unlock()

	removed, err := l.removeSegments(drop)
	l.mu.Lock()
	l.segs = slices.Delete(l.segs, 0, removed)
	l.mu.Unlock()
	return err
}

// removeSegments removes segs in order, fsyncing the directory after each,
// and returns how many are gone.
func (l *Log) removeSegments(segs []segment) (int, error) {
	for i, s := range segs {
		if err := os.Remove(segmentPath(l.dir, s.name)); err != nil {
			return i, fmt.Errorf("wal: truncate: %w", err)
		}
		if !l.opt.NoSync {
			if err := l.opt.fs.syncDir(l.dir); err != nil {
				return i + 1, fmt.Errorf("wal: fsync directory after removing %s: %w", s.name, err)
			}
		}
	}
	return len(segs), nil
}

package wal

import (
	"context"
	"fmt"
	"time"
)

// Sync blocks until every record up to and including lsn is durable: written
// and fsynced (only written, with Options.NoSync). Concurrent callers share
// the work (group commit): the first one that finds no flush under way
// writes and fsyncs everything appended so far, for all of them, while the
// others wait. Sync(ctx, 0) returns nil at once.
//
// If ctx ends first, Sync returns ctx.Err() and the record may or may not
// be durable; a later Sync tells. Errors: ErrInvalid for an lsn never
// appended, ErrClosed, or the write or fsync error that poisoned the log
// (for this and every later call).
func (l *Log) Sync(ctx context.Context, lsn uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lsn >= l.next {
		return fmt.Errorf("%w: sync of lsn %d, but the last appended is %d", ErrInvalid, lsn, l.next-1)
	}
	for l.synced < lsn {
		switch {
		case l.err != nil:
			return l.err
		case l.closed && !l.flushing:
			return ErrClosed
		case ctx.Err() != nil:
			return ctx.Err()
		case l.flushing:
			if err := l.waitLocked(ctx); err != nil {
				return err
			}
		default:
			l.gatherLocked(ctx)
			l.flushLocked(true)
		}
	}
	return nil
}

// AppendSync appends rec and waits until it is durable: Append, then Sync.
// On error the record may still have been appended (lsn is then nonzero)
// and may even become durable.
func (l *Log) AppendSync(ctx context.Context, rec []byte) (lsn uint64, err error) {
	lsn, err = l.Append(rec)
	if err != nil {
		return 0, err
	}
	return lsn, l.Sync(ctx, lsn)
}

// waitLocked waits, with l.mu released, until the flush under way ends or
// ctx (if not nil) is done.
func (l *Log) waitLocked(ctx context.Context) error {
	done := l.done
	l.mu.Unlock()
	defer l.mu.Lock()
	if ctx == nil {
		<-done
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// gatherLocked waits Options.MaxBatchDelay (or until ctx is done) so that
// more records join the next flush. It holds the flush slot meanwhile, so
// other syncs wait for this caller's flush rather than start their own.
func (l *Log) gatherLocked(ctx context.Context) {
	if l.opt.MaxBatchDelay <= 0 {
		return
	}
	l.flushing = true
	l.mu.Unlock()
	t := time.NewTimer(l.opt.MaxBatchDelay)
	select {
	case <-t.C:
	case <-ctx.Done():
		t.Stop()
	}
	l.mu.Lock()
	l.flushing = false
}

// flushLocked writes out every buffered record, rolling segments where
// Append marked it, and fsyncs the active segment if sync is set. l.mu must
// be held and no flush under way; the lock is released during the I/O and
// held again on return. Waiters are woken whatever the outcome; an error
// poisons the log.
func (l *Log) flushLocked(sync bool) {
	l.flushing = true
	buf, rolls, last := l.buf, l.rolls, l.next-1
	l.buf, l.rolls = l.spare[:0], l.spareRolls[:0]
	l.mu.Unlock()

	err := l.writeOut(buf, rolls)
	if err == nil && sync && !l.opt.NoSync {
		if err = l.active.Sync(); err != nil {
			err = fmt.Errorf("wal: fsync %s at size %d: %w", l.activeName, l.activeSize, err)
		}
	}

	l.mu.Lock()
	l.spare, l.spareRolls = buf[:0], rolls[:0]
	l.flushing = false
	switch {
	case err != nil:
		if l.err == nil {
			l.err = err
		}
	case sync:
		l.written, l.synced = last, last
	default:
		l.written = last
	}
	close(l.done)
	l.done = make(chan struct{})
}

// writeOut writes buf to the active segment, rolling to a new segment at
// each roll mark. Only the goroutine holding the flush slot calls it.
func (l *Log) writeOut(buf []byte, rolls []roll) error {
	off := 0
	for _, r := range rolls {
		if err := l.write(buf[off:r.off]); err != nil {
			return err
		}
		if err := l.roll(r.first); err != nil {
			return err
		}
		off = r.off
	}
	return l.write(buf[off:])
}

// write appends p to the active segment.
func (l *Log) write(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	n, err := l.active.Write(p)
	l.activeSize += int64(n)
	if err != nil {
		return fmt.Errorf("wal: write %s at offset %d: %w", l.activeName, l.activeSize, err)
	}
	return nil
}

// roll fsyncs and closes the active segment, then creates the segment whose
// first record is first and makes its name durable, in that order, so that
// a segment on disk implies that every segment before it is complete.
func (l *Log) roll(first uint64) error {
	if !l.opt.NoSync {
		if err := l.active.Sync(); err != nil {
			return fmt.Errorf("wal: fsync %s at size %d: %w", l.activeName, l.activeSize, err)
		}
	}
	if err := l.active.Close(); err != nil {
		return fmt.Errorf("wal: close %s: %w", l.activeName, err)
	}
	name := segmentName(first)
	f, err := l.opt.fs.create(segmentPath(l.dir, name))
	if err != nil {
		return fmt.Errorf("wal: create %s: %w", name, err)
	}
	l.active, l.activeName, l.activeSize = f, name, 0
	if !l.opt.NoSync {
		if err := l.opt.fs.syncDir(l.dir); err != nil {
			return fmt.Errorf("wal: fsync directory after creating %s: %w", name, err)
		}
	}
	l.mu.Lock()
	l.segs = append(l.segs, segment{first: first, name: name})
	l.mu.Unlock()
	return nil
}

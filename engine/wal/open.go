package wal

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

// A Repair describes the torn tail that Open cut off the last segment.
type Repair struct {
	Segment string // file name of the last segment
	Offset  int64  // byte offset of the first bad record, now the file's size
	Bytes   int64  // how many bytes were cut
	Err     error  // what was wrong at Offset; wraps ErrCorrupt
}

// Open opens the log in dir, creating the directory and a first segment if
// there are none, and takes the directory lock (ErrLocked if another Log
// holds it). It reads and checks every record, O(log size): a torn or
// corrupt tail of the last segment is cut off and reported by
// [Log.Repair]; a bad record anywhere else, or a missing segment, fails
// with ErrCorrupt naming the file and offset. Everything Open keeps is
// fsynced before it returns, so it stays durable even if the process that
// wrote it died before its own fsync.
func Open(dir string, opt Options) (*Log, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("wal: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	l := &Log{dir: dir, opt: opt, lock: lock, done: make(chan struct{})}
	if err := l.recover(); err != nil {
		_ = unlockDir(lock)
		return nil, err
	}
	return l, nil
}

// recover checks the segments on disk, cuts a torn tail, and opens the last
// segment for appending.
func (l *Log) recover() error {
	segs, err := listSegments(l.dir)
	if err != nil {
		return err
	}
	if len(segs) == 0 {
		return l.createFirst()
	}
	next, size := segs[0].first, int64(0)
	for i, s := range segs {
		if s.first != next {
			return fmt.Errorf("%w: %s starts at lsn %d, want %d: a segment is missing", ErrCorrupt, s.name, s.first, next)
		}
		var err error
		next, size, err = scanSegment(l.dir, s)
		if err != nil && (i < len(segs)-1 || !errors.Is(err, ErrCorrupt)) {
			return err
		}
		if err != nil {
			if err := l.cut(s.name, size, err); err != nil {
				return err
			}
		}
	}
	last := segs[len(segs)-1]
	f, err := l.opt.fs.openAppend(segmentPath(l.dir, last.name))
	if err != nil {
		return fmt.Errorf("wal: open %s: %w", last.name, err)
	}
	if !l.opt.NoSync {
		if err := f.Sync(); err != nil {
			_ = f.Close()
			return fmt.Errorf("wal: fsync %s: %w", last.name, err)
		}
	}
	l.segs = segs
	l.next, l.written, l.synced = next, next-1, next-1
	l.active, l.activeName, l.activeSize, l.segBytes = f, last.name, size, size
	return nil
}

// createFirst starts an empty log with the segment for LSN 1. It fsyncs
// the directory and its parent, which may just have been created.
func (l *Log) createFirst() error {
	name := segmentName(1)
	f, err := l.opt.fs.create(segmentPath(l.dir, name))
	if err != nil {
		return fmt.Errorf("wal: create %s: %w", name, err)
	}
	if !l.opt.NoSync {
		for _, d := range []string{l.dir, filepath.Dir(l.dir)} {
			if err := l.opt.fs.syncDir(d); err != nil {
				_ = f.Close()
				return fmt.Errorf("wal: fsync directory %s after creating %s: %w", d, name, err)
			}
		}
	}
	l.segs = []segment{{first: 1, name: name}}
	l.next, l.written, l.synced = 1, 0, 0
	l.active, l.activeName = f, name
	return nil
}

// scanSegment reads segment s to its end or its first bad record. It
// returns the LSN after the last good record, the offset just past it, and
// the error that stopped it, if any.
func scanSegment(dir string, s segment) (next uint64, size int64, err error) {
	f, err := os.Open(segmentPath(dir, s.name))
	if err != nil {
		return s.first, 0, fmt.Errorf("wal: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return s.first, 0, fmt.Errorf("wal: %w", err)
	}
	sc := newScanner(f, s.name, st.Size(), s.first)
	for sc.scan() {
	}
	return sc.next, sc.off, sc.err
}

// cut truncates the last segment to size, dropping the torn tail that
// reason describes, and records the repair. The fsync that makes the cut
// durable is the one recover does next.
func (l *Log) cut(name string, size int64, reason error) error {
	path := segmentPath(l.dir, name)
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("wal: %w", err)
	}
	if err := os.Truncate(path, size); err != nil {
		return fmt.Errorf("wal: cut %s at offset %d: %w", name, size, err)
	}
	l.repair = &Repair{Segment: name, Offset: size, Bytes: st.Size() - size, Err: reason}
	if l.opt.Logger != nil {
		l.opt.Logger.Warn("wal: cut torn tail", slog.String("segment", name),
			slog.Int64("offset", size), slog.Int64("bytes", st.Size()-size), slog.Any("reason", reason))
	}
	return nil
}

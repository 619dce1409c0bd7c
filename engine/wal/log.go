package wal

import (
	"fmt"
	"hash/crc32"
	"os"
	"sync"
)

// Flush thresholds for records that are appended but not yet synced: past
// flushBytes an Append writes them out itself (without fsync), and past
// maxPendingBytes it waits for a write under way to finish first, so memory
// stays bounded however rarely callers sync.
const (
	flushBytes      = 1 << 20
	maxPendingBytes = 8 << 20
)

// A Log is a write-ahead log in one directory. Open it with [Open]; it is
// safe for concurrent use.
type Log struct {
	dir    string
	opt    Options
	lock   *os.File // holds the directory lock until Close
	repair *Repair  // what Open cut, if anything

	// truncMu keeps Truncate from removing segments while Replay reads them.
	truncMu sync.RWMutex

	mu         sync.Mutex
	next       uint64        // LSN the next Append gets
	written    uint64        // last LSN written to a segment file
	synced     uint64        // last LSN known durable
	segs       []segment     // segments on disk, oldest first; the last is active
	segBytes   int64         // size of the active segment, written plus buffered
	buf        []byte        // encoded records not yet written
	rolls      []roll        // where in buf new segments start
	spare      []byte        // empty buffer swapped in for buf by a flush
	spareRolls []roll        // likewise for rolls
	flushing   bool          // a goroutine is writing; it owns the fields below
	done       chan struct{} // closed and replaced whenever a flush ends
	err        error         // the first write or fsync error; sticky
	closed     bool

	// The active segment, owned by the goroutine that set flushing (and by
	// Open and Close).
	active     segmentFile
	activeName string
	activeSize int64 // bytes written to the active file
}

// A roll marks where, in the buffered records, a new segment starts.
type roll struct {
	off   int    // offset in buf of the segment's first record
	first uint64 // that record's LSN
}

// Append adds rec to the log and returns its LSN. The record is buffered:
// it is durable only once Sync(ctx, lsn) (or Close) returns nil. Append
// copies rec, so the caller may reuse it. It costs O(len(rec)) and usually
// no I/O; it writes (without fsync) once a megabyte is buffered. Errors:
// ErrTooLarge, ErrClosed, or the error that poisoned the log.
func (l *Log) Append(rec []byte) (lsn uint64, err error) {
	if len(rec) > MaxRecordSize {
		return 0, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(rec), MaxRecordSize)
	}
	crc := crc32.Checksum(rec, castagnoli)
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.buf) >= maxPendingBytes && l.flushing && l.err == nil && !l.closed {
		l.waitLocked(nil)
	}
	switch {
	case l.closed:
		return 0, ErrClosed
	case l.err != nil:
		return 0, l.err
	}
	lsn = l.next
	l.next++
	size := recordSize(len(rec))
	if l.segBytes > 0 && l.segBytes+size > l.opt.SegmentSize {
		l.rolls = append(l.rolls, roll{off: len(l.buf), first: lsn})
		l.segBytes = 0
	}
	l.segBytes += size
	l.buf = appendRecord(l.buf, lsn, rec, crc)
	if len(l.buf) >= flushBytes && !l.flushing {
		l.flushLocked(false)
	}
	return lsn, nil
}

// LastLSN returns the LSN of the last record appended, durable or not; 0
// for a log that never had a record.
func (l *Log) LastLSN() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.next - 1
}

// FirstLSN returns the LSN of the oldest record kept: 1 until Truncate
// removes segments. It is LastLSN()+1 when no record is kept.
func (l *Log) FirstLSN() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.segs[0].first
}

// Repair returns what Open cut off the end of the last segment, or nil if
// the log was whole.
func (l *Log) Repair() *Repair {
	if l.repair == nil {
		return nil
	}
	r := *l.repair
	return &r
}

// Close writes and fsyncs every record appended, then closes the files and
// releases the directory. Later calls return ErrClosed, as do Append, Sync
// of a record appended after Close, Replay and Truncate. Close returns the
// error that poisoned the log, if one did.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	l.closed = true
	for l.flushing {
		l.waitLocked(nil)
	}
	if l.err == nil && l.synced < l.next-1 {
		l.flushLocked(true)
	}
	err := l.err
	l.mu.Unlock()
	// No flush can start from here on: Sync refuses to lead once closed.
	if cerr := l.active.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("wal: close %s: %w", l.activeName, cerr)
	}
	if cerr := unlockDir(l.lock); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// Package wal is a write-ahead log of opaque records with group commit. The
// engine writes every acknowledged change here, fsynced, before it answers;
// a restart is the last snapshot plus a replay of the log from there.
//
// # Use
//
//	l, err := wal.Open(dir, wal.Options{})
//	lsn, err := l.Append(rec)            // buffered, returns the record's LSN
//	err = l.Sync(ctx, lsn)               // returns once lsn and all before it are on disk
//	err = l.Replay(from, func(lsn uint64, rec []byte) error { … })
//	err = l.Truncate(snapshotLSN + 1)    // after a snapshot covering the older records
//
// Records are numbered by log sequence numbers (LSNs): 1, 2, 3, … with no
// gaps, kept across restarts. [Log.Sync] is group commit: concurrent callers
// share one write and one fsync, so a single fsync makes every record
// appended before it durable. The first caller that finds no flush under way
// does the I/O itself for everybody; the others wait for it (no background
// goroutine). With [Options.MaxBatchDelay] set, that caller first waits up to
// the delay to gather more records.
//
// # On disk
//
// A log is a directory of segment files, each named after the LSN of its
// first record as 20 decimal digits: 00000000000000000001.wal,
// 00000000000000004097.wal, … A segment holds records back to back, with no
// file header. A record is a 16-byte header and its payload, integers
// little-endian:
//
//	offset  size  field
//	0       4     n, the payload length in bytes (at most MaxRecordSize)
//	4       4     CRC-32C (Castagnoli) of payload ‖ bytes 0–3 ‖ bytes 8–15
//	8       8     LSN
//	16      n     payload
//
// The checksum covers the length and the LSN as well as the payload, so a
// torn or stale length, a zero-filled block and a record left over from an
// older file are all caught. Records in a segment have consecutive LSNs
// starting at the one in its name, and each segment starts where the one
// before it ended. A directory also holds a LOCK file, held with flock(2)
// where the platform has it, so that only one process writes the log.
//
// The active segment rolls to a new file once it would grow past
// [Options.SegmentSize]. Rolling fsyncs the old segment before the new one is
// created, and fsyncs the directory after, so every segment but the last is
// always complete on disk.
//
// # Recovery
//
// [Open] reads every segment and checks every record: O(total log size).
// A bad record in the last segment (short header, length past the end of the
// file, checksum or LSN mismatch) is taken for the torn tail of a write that
// was never acknowledged: Open cuts the file there, fsyncs it, and reports
// the cut through [Log.Repair] (and Options.Logger, if set). A bad record in
// any other segment, or a missing segment, is damage to data that was
// acknowledged: Open fails with an error that wraps [ErrCorrupt] and names the
// file and byte offset. Like other logs of this kind (etcd, PostgreSQL), this
// one cannot tell a flipped bit in an acknowledged record of the last segment
// from a torn tail; such a record and those after it are cut and reported.
//
// # Errors and concurrency
//
// Errors wrap the sentinels below and name the file and byte offset where one
// applies. A failed write or fsync poisons the log: every later Append and
// Sync returns that error, since after a failed fsync the kernel may have
// dropped the dirty pages and retrying cannot tell what reached the disk.
// Reopen the log to recover.
//
// A Log is safe for concurrent use: Append, Sync, AppendSync, Replay,
// Truncate and LastLSN may be called from any number of goroutines.
//
// Only the standard library is used. tidwall/wal (no group commit across
// goroutines) and etcd's wal (which brings much of etcd with it) were
// considered; the part that matters here, group commit with exact recovery
// rules, is small enough to own.
package wal

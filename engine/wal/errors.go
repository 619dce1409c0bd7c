package wal

import "errors"

// Sentinel errors. Errors returned by this package wrap one of these (or an
// error from the operating system, for I/O that failed) and name the segment
// file and byte offset where one applies; test them with errors.Is.
var (
	// ErrCorrupt: a segment holds a bad record where the log must be whole
	// (any segment but the last), or a segment is missing.
	ErrCorrupt = errors.New("wal: corrupt log")
	// ErrClosed: the Log was closed.
	ErrClosed = errors.New("wal: log closed")
	// ErrLocked: another Log, in this process or another one, has the
	// directory open.
	ErrLocked = errors.New("wal: log directory in use")
	// ErrTooLarge: a record is longer than MaxRecordSize.
	ErrTooLarge = errors.New("wal: record too large")
	// ErrTruncated: Replay was asked for records that Truncate removed.
	ErrTruncated = errors.New("wal: records truncated")
	// ErrInvalid: a bad argument or option.
	ErrInvalid = errors.New("wal: invalid argument")
)

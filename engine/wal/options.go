package wal

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// DefaultSegmentSize is the segment size used when Options.SegmentSize is 0.
const DefaultSegmentSize = 64 << 20

// Options configure a Log. The zero value is the safe default: fsync on,
// 64 MiB segments, no batching delay.
type Options struct {
	// SegmentSize is the size in bytes past which the active segment rolls
	// over to a new file (0: DefaultSegmentSize). A record larger than this
	// still fits: it gets a segment to itself.
	SegmentSize int64

	// NoSync skips every fsync of files and of the directory. Records then
	// survive a crash of the process but not of the machine. Unsafe: for
	// tests and benchmarks only.
	NoSync bool

	// MaxBatchDelay bounds how long group commit waits to gather more
	// records before it writes and fsyncs. 0, the default, fsyncs as soon as
	// the previous fsync finishes, which already batches every record
	// appended meanwhile.
	MaxBatchDelay time.Duration

	// Logger, if set, receives a warning when Open cuts a torn tail.
	Logger *slog.Logger

	// fs replaces the operating system's files in tests (fault injection,
	// counting fsyncs); nil means the real ones.
	fs fileSystem
}

// Validate reports whether the options are usable.
func (o Options) Validate() error {
	var errs []error
	if o.SegmentSize < 0 {
		errs = append(errs, fmt.Errorf("%w: SegmentSize %d is negative", ErrInvalid, o.SegmentSize))
	}
	if o.MaxBatchDelay < 0 {
		errs = append(errs, fmt.Errorf("%w: MaxBatchDelay %v is negative", ErrInvalid, o.MaxBatchDelay))
	}
	return errors.Join(errs...)
}

// withDefaults fills in the zero fields.
func (o Options) withDefaults() Options {
	if o.SegmentSize == 0 {
		o.SegmentSize = DefaultSegmentSize
	}
	if o.fs == nil {
		o.fs = osFS{}
	}
	return o
}

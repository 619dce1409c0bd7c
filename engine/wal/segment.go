package wal

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// segmentExt is the file name extension of segments.
const segmentExt = ".wal"

// A segment is one file of the log, known by the LSN of its first record.
type segment struct {
	first uint64
	name  string // base name, e.g. 00000000000000000001.wal
}

// segmentName is the file name of the segment whose first record is lsn.
func segmentName(first uint64) string {
	return fmt.Sprintf("%020d%s", first, segmentExt)
}

// parseSegmentName returns the first LSN of a segment file name. Names
// that are not 20 digits and .wal are not segments (ok false); a segment
// name whose number is not a valid first LSN (0, or past 2⁶⁴−1) is
// ErrCorrupt.
func parseSegmentName(name string) (first uint64, ok bool, err error) {
	digits, found := strings.CutSuffix(name, segmentExt)
	if !found || len(digits) != 20 || strings.Trim(digits, "0123456789") != "" {
		return 0, false, nil
	}
	first, err = strconv.ParseUint(digits, 10, 64)
	if err != nil || first == 0 {
		return 0, true, fmt.Errorf("%w: %s: not a valid first LSN", ErrCorrupt, name)
	}
	return first, true, nil
}

// listSegments returns the segments in dir in LSN order, ignoring files
// that are not segments.
func listSegments(dir string) ([]segment, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("wal: %w", err)
	}
	var segs []segment
	for _, e := range entries {
		first, ok, err := parseSegmentName(e.Name())
		if err != nil {
			return nil, err
		}
		if ok && e.Type().IsRegular() {
			segs = append(segs, segment{first: first, name: e.Name()})
		}
	}
	slices.SortFunc(segs, func(a, b segment) int { return cmp.Compare(a.first, b.first) })
	return segs, nil
}

// A segmentFile is a segment open for appending.
type segmentFile interface {
	Write(p []byte) (int, error)
	Sync() error
	Close() error
}

// fileSystem is the part of the operating system the write path uses, so
// that tests can count fsyncs and inject faults. Reads, truncation at Open
// and removal use package os directly.
type fileSystem interface {
	// create creates a new, empty segment for appending; it fails if the
	// file exists.
	create(path string) (segmentFile, error)
	// openAppend opens an existing segment for appending.
	openAppend(path string) (segmentFile, error)
	// syncDir fsyncs a directory, making created and removed names durable.
	syncDir(dir string) error
}

// osFS is the real file system.
type osFS struct{}

func (osFS) create(path string) (segmentFile, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o644)
}

func (osFS) openAppend(path string) (segmentFile, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
}

func (osFS) syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// segmentPath joins the log directory and a segment name.
func segmentPath(dir, name string) string { return filepath.Join(dir, name) }

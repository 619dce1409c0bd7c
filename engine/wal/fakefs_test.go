package wal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"time"
)

var errInjected = errors.New("injected fault")

// fakeFS is a fileSystem that writes through to the real files but models
// what a power cut would keep: it mirrors every byte written, moves a
// file's durable mark only on a file fsync, and counts a new file's name as
// durable only after a directory fsync. It counts writes and fsyncs, can
// slow fsyncs down, fail the n-th write or fsync, or "lose power" at once,
// and records order violations (a segment created while an older one still
// has unsynced bytes).
type fakeFS struct {
	syncDelay   time.Duration // each file fsync takes this long
	failWriteAt int           // the n-th write (1-based) writes half, then fails; 0: never
	failSyncAt  int           // the n-th file fsync fails; 0: never

	mu         sync.Mutex
	writes     int
	fileSyncs  int
	dirSyncs   int
	crashed    bool
	files      []*fakeFile
	violations []string
}

type fakeFile struct {
	fs    *fakeFS
	f     *os.File
	path  string
	first uint64 // LSN in the name

	data       []byte // everything written
	synced     int    // bytes made durable by fsync
	named      bool   // the directory entry is durable
	parsed     int    // records in data[:parsed] have been decoded
	syncedLast uint64 // last LSN within data[:synced]
}

var _ fileSystem = (*fakeFS)(nil)

func (fs *fakeFS) create(path string) (segmentFile, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.crashed {
		return nil, errInjected
	}
	for _, o := range fs.files {
		if o.synced != len(o.data) {
			fs.violations = append(fs.violations, fmt.Sprintf("created %s while %s has %d unsynced bytes",
				filepath.Base(path), filepath.Base(o.path), len(o.data)-o.synced))
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return fs.track(f, path, nil, false), nil
}

func (fs *fakeFS) openAppend(path string) (segmentFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	// What is there may still be only in the page cache (the process that
	// wrote it died before its fsync): it is durable only after a Sync.
	return fs.track(f, path, data, true), nil
}

func (fs *fakeFS) track(f *os.File, path string, data []byte, named bool) *fakeFile {
	first, _, _ := parseSegmentName(filepath.Base(path))
	ff := &fakeFile{fs: fs, f: f, path: path, first: first, data: data, named: named, syncedLast: first - 1}
	fs.files = append(fs.files, ff)
	return ff
}

func (fs *fakeFS) syncDir(string) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.crashed {
		return errInjected
	}
	fs.dirSyncs++
	for _, f := range fs.files {
		f.named = true
	}
	return nil
}

func (f *fakeFile) Write(p []byte) (int, error) {
	fs := f.fs
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.crashed {
		return 0, errInjected
	}
	fs.writes++
	var fail error
	if fs.writes == fs.failWriteAt {
		p, fail = p[:len(p)/2], errInjected
	}
	n, err := f.f.Write(p)
	f.data = append(f.data, p[:n]...)
	if err == nil {
		err = fail
	}
	return n, err
}

func (f *fakeFile) Sync() error {
	fs := f.fs
	fs.mu.Lock()
	size := len(f.data) // an fsync covers what was written before it began
	fs.mu.Unlock()
	time.Sleep(fs.syncDelay)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.crashed {
		return errInjected
	}
	fs.fileSyncs++
	if fs.fileSyncs == fs.failSyncAt {
		return errInjected
	}
	f.synced = max(f.synced, size)
	f.advance()
	return nil
}

func (f *fakeFile) Close() error { return f.f.Close() }

// advance decodes the records now inside the durable prefix.
func (f *fakeFile) advance() {
	for f.parsed+headerSize <= f.synced {
		n := int(binary.LittleEndian.Uint32(f.data[f.parsed:]))
		if f.parsed+headerSize+n > f.synced {
			break
		}
		f.syncedLast = binary.LittleEndian.Uint64(f.data[f.parsed+8:])
		f.parsed += headerSize + n
	}
}

// durable reports whether record lsn would survive a power cut now.
func (fs *fakeFS) durable(lsn uint64) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.files {
		if f.named && f.first <= lsn && lsn <= f.syncedLast {
			return true
		}
	}
	return false
}

// crash cuts the power: every later call fails.
func (fs *fakeFS) crash() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.crashed = true
}

// image writes into dir what a disk could hold after a power cut now:
// durable bytes for sure; of the rest, names not yet made durable may or
// may not survive, and unsynced bytes may be kept in part, zeroed or with
// bytes garbled, as half-written blocks would be. Segments in src that this
// fakeFS never opened were complete before it started and are copied whole.
func (fs *fakeFS) image(src, dir string, rng *rand.Rand) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	seen := map[string]bool{}
	if err := fs.copyUntracked(src, dir); err != nil {
		return err
	}
	for i := len(fs.files) - 1; i >= 0; i-- { // newest handle of a path wins
		f := fs.files[i]
		name := filepath.Base(f.path)
		if seen[name] || (!f.named && rng.IntN(2) == 0) {
			continue
		}
		seen[name] = true
		data := append([]byte(nil), f.data[:f.synced]...)
		if extra := len(f.data) - f.synced; extra > 0 {
			tail := append([]byte(nil), f.data[f.synced:f.synced+rng.IntN(extra+1)]...)
			if rng.IntN(4) == 0 {
				clear(tail)
			}
			for range rng.IntN(3) {
				if len(tail) > 0 {
					tail[rng.IntN(len(tail))] = byte(rng.Uint32()) // a garbled byte
				}
			}
			data = append(data, tail...)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// copyUntracked copies the segments of src that no tracked file names.
func (fs *fakeFS) copyUntracked(src, dst string) error {
	segs, err := listSegments(src)
	if err != nil {
		return err
	}
next:
	for _, s := range segs {
		for _, f := range fs.files {
			if filepath.Base(f.path) == s.name {
				continue next
			}
		}
		data, err := os.ReadFile(filepath.Join(src, s.name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, s.name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// counts returns the number of writes, file fsyncs and directory fsyncs.
func (fs *fakeFS) counts() (writes, fileSyncs, dirSyncs int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.writes, fs.fileSyncs, fs.dirSyncs
}

func (fs *fakeFS) orderViolations() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.violations...)
}

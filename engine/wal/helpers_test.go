package wal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// payload is the deterministic record number i used across the tests: its
// length cycles through 0…299 bytes so records straddle every alignment.
func payload(i uint64) []byte {
	n := int(i*37) % 300
	b := make([]byte, n)
	for j := range b {
		b[j] = byte(i*131 + uint64(j)*7)
	}
	return b
}

// entry is one replayed record.
type entry struct {
	lsn uint64
	rec []byte
}

// openT opens a log or fails the test; the log is closed at cleanup if the
// test did not close it.
func openT(t testing.TB, dir string, opt Options) *Log {
	t.Helper()
	l, err := Open(dir, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// appendN appends payload(l.LastLSN()+1) … for n records and syncs them.
func appendN(t testing.TB, l *Log, n int) {
	t.Helper()
	var lsn uint64
	for range n {
		want := l.LastLSN() + 1
		got, err := l.Append(payload(want))
		if err != nil {
			t.Fatalf("Append: %v", err)
		}
		if got != want {
			t.Fatalf("Append returned lsn %d, want %d", got, want)
		}
		lsn = got
	}
	if err := l.Sync(context.Background(), lsn); err != nil {
		t.Fatalf("Sync(%d): %v", lsn, err)
	}
}

// replayAll returns every record from lsn from on.
func replayAll(t testing.TB, l *Log, from uint64) []entry {
	t.Helper()
	var out []entry
	err := l.Replay(from, func(lsn uint64, rec []byte) error {
		out = append(out, entry{lsn, bytes.Clone(rec)})
		return nil
	})
	if err != nil {
		t.Fatalf("Replay(%d): %v", from, err)
	}
	return out
}

// checkPayloads checks that got holds exactly the records first…last, each
// with payload(lsn).
func checkPayloads(t testing.TB, got []entry, first, last uint64) {
	t.Helper()
	if want := int(last + 1 - first); len(got) != want {
		t.Fatalf("replayed %d records, want %d (lsn %d…%d)", len(got), want, first, last)
	}
	for i, e := range got {
		if e.lsn != first+uint64(i) {
			t.Fatalf("record %d has lsn %d, want %d", i, e.lsn, first+uint64(i))
		}
		if !bytes.Equal(e.rec, payload(e.lsn)) {
			t.Fatalf("record lsn %d: payload differs (%d bytes, want %d)", e.lsn, len(e.rec), len(payload(e.lsn)))
		}
	}
}

// segmentFiles returns the segment file names in dir, in order.
func segmentFiles(t testing.TB, dir string) []string {
	t.Helper()
	segs, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(segs))
	for i, s := range segs {
		names[i] = s.name
	}
	return names
}

// copyDir copies the segment files of src into a new temporary directory.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range segmentFiles(t, src) {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// recordOffsets returns the offset of every record in a segment file's
// bytes, plus the end offset.
func recordOffsets(t testing.TB, data []byte) []int {
	t.Helper()
	var offs []int
	off := 0
	for off < len(data) {
		offs = append(offs, off)
		n := int(uint32(data[off]) | uint32(data[off+1])<<8 | uint32(data[off+2])<<16 | uint32(data[off+3])<<24)
		off += headerSize + n
	}
	if off != len(data) {
		t.Fatalf("segment of %d bytes ends with a partial record at %d", len(data), offs[len(offs)-1])
	}
	return append(offs, off)
}

// testRand returns a seeded generator and logs the seed; WAL_SEED replays
// a failure.
func testRand(t testing.TB) (*rand.Rand, uint64) {
	t.Helper()
	seed := rand.Uint64()
	if s := os.Getenv("WAL_SEED"); s != "" {
		if _, err := fmt.Sscan(s, &seed); err != nil {
			t.Fatalf("WAL_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (rerun with WAL_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), seed
}

// mustIs fails the test unless errors.Is(err, target).
func mustIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want one wrapping %v", err, target)
	}
}

package wal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen treats arbitrary bytes as a log's only segment. Open must never
// panic or fail on the last segment: it keeps the longest prefix of whole,
// valid records, and those records, encoded again, must be exactly that
// prefix. Then, as an older segment followed by another, the same bytes
// must open if and only if they were whole, and fail with ErrCorrupt
// otherwise.
func FuzzOpen(f *testing.F) {
	var valid []byte
	for i := uint64(1); i <= 5; i++ {
		valid = appendRecord(valid, i, payload(i), crc(payload(i)))
	}
	f.Add(valid)
	f.Add(valid[:len(valid)-7])
	f.Add(append(bytes.Clone(valid), make([]byte, 40)...))
	f.Add([]byte{})
	f.Add(make([]byte, 16))
	f.Add([]byte("\xff\xff\xff\xff garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		first := filepath.Join(dir, segmentName(1))
		if err := os.WriteFile(first, data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Open(dir, Options{NoSync: true})
		if err != nil {
			t.Fatalf("Open of a one-segment log: %v", err)
		}
		var enc []byte
		err = l.Replay(0, func(lsn uint64, rec []byte) error {
			enc = appendRecord(enc, lsn, rec, crc(rec))
			return nil
		})
		if err != nil {
			t.Fatalf("Replay: %v", err)
		}
		if !bytes.Equal(enc, data[:len(enc)]) {
			t.Fatalf("recovered records do not re-encode to a prefix of the file")
		}
		whole := len(enc) == len(data)
		if (l.Repair() == nil) != whole {
			t.Fatalf("repair %+v for %d of %d bytes kept", l.Repair(), len(enc), len(data))
		}
		k := l.LastLSN()
		if lsn, err := l.Append([]byte("next")); err != nil || lsn != k+1 {
			t.Fatalf("Append after Open: %d, %v; want %d", lsn, err, k+1)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		if onDisk, _ := os.ReadFile(first); !bytes.Equal(onDisk[:len(enc)], enc) {
			t.Fatalf("segment on disk lost its valid prefix")
		}

		if len(data) == 0 {
			return
		}
		// A second segment where the first should end; with no whole
		// record in the first, k+1 would be its own name, so take 2.
		dir2 := t.TempDir()
		write(t, dir2, segmentName(1), data)
		write(t, dir2, segmentName(max(k+1, 2)), nil)
		l2, err := Open(dir2, Options{NoSync: true})
		switch {
		case whole && err != nil:
			t.Fatalf("whole older segment: %v", err)
		case !whole && !errors.Is(err, ErrCorrupt):
			t.Fatalf("damaged older segment: Open gave %v, want ErrCorrupt", err)
		case err == nil:
			_ = l2.Close()
		}
	})
}

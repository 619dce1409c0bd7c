package wal

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildLog writes n records of payload(lsn) with the given segment size,
// closes the log, and returns its directory and segment names.
func buildLog(t *testing.T, n int, segSize int64) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	l, err := Open(dir, Options{SegmentSize: segSize, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, l, n)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, segmentFiles(t, dir)
}

// lastSegment reads the last segment of dir: its name, bytes and the LSN of
// its first record.
func lastSegment(t *testing.T, dir string) (string, []byte, uint64) {
	t.Helper()
	names := segmentFiles(t, dir)
	name := names[len(names)-1]
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := parseSegmentName(name)
	return name, data, first
}

// reopenWith copies the log in dir, replaces its last segment's bytes with
// data, and opens the copy.
func reopenWith(t *testing.T, dir, name string, data []byte) (*Log, string, error) {
	t.Helper()
	cp := copyDir(t, dir)
	if err := os.WriteFile(filepath.Join(cp, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Open(cp, Options{NoSync: true})
	if err == nil {
		t.Cleanup(func() { _ = l.Close() })
	}
	return l, cp, err
}

// checkRecovered checks that l holds exactly records 1…last, that it cut
// the tail if and only if cut is set (at offset at), and that a new record
// gets lsn last+1 and survives a reopen.
func checkRecovered(t *testing.T, l *Log, dir string, last uint64, cut bool, at int64) {
	t.Helper()
	if l.LastLSN() != last {
		t.Fatalf("LastLSN %d, want %d", l.LastLSN(), last)
	}
	checkPayloads(t, replayAll(t, l, 0), 1, last)
	r := l.Repair()
	switch {
	case cut && r == nil:
		t.Fatalf("tail cut at %d not reported", at)
	case !cut && r != nil:
		t.Fatalf("clean log reported a repair: %+v", r)
	case cut && (r.Offset != at || !errors.Is(r.Err, ErrCorrupt) || !strings.Contains(r.Err.Error(), r.Segment)):
		t.Fatalf("repair %+v (%v), want a cut at offset %d with an ErrCorrupt naming the segment", r, r.Err, at)
	}
	lsn, err := l.Append(payload(last + 1))
	if err != nil || lsn != last+1 {
		t.Fatalf("Append after recovery: lsn %d, %v; want %d", lsn, err, last+1)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if l2.Repair() != nil {
		t.Fatalf("second reopen still repairs: %+v", l2.Repair())
	}
	checkPayloads(t, replayAll(t, l2, 0), 1, last+1)
}

// TestTornTail cuts the last segment at every byte offset inside its last
// few records, as a crash in the middle of a write would, and reopens.
func TestTornTail(t *testing.T) {
	for _, segSize := range []int64{DefaultSegmentSize, 2048} {
		t.Run(fmt.Sprint("segment=", segSize), func(t *testing.T) {
			dir, _ := buildLog(t, 60, segSize)
			name, data, first := lastSegment(t, dir)
			offs := recordOffsets(t, data)
			lastFew := 4
			if testing.Short() {
				lastFew = 2
			}
			start := offs[max(0, len(offs)-1-lastFew)]
			for cut := start; cut <= len(data); cut++ {
				// Records whose end is at or before the cut survive.
				whole := 0
				for whole+1 < len(offs) && offs[whole+1] <= cut {
					whole++
				}
				l, cp, err := reopenWith(t, dir, name, data[:cut])
				if err != nil {
					t.Fatalf("cut at %d: %v", cut, err)
				}
				checkRecovered(t, l, cp, first-1+uint64(whole), cut != offs[whole], int64(offs[whole]))
			}
		})
	}
}

// TestFlippedBits flips each bit of the last record's header and one bit
// of each payload byte (a different bit from byte to byte): each flip must
// be caught and the record cut, the others kept.
func TestFlippedBits(t *testing.T) {
	dir, _ := buildLog(t, 12, DefaultSegmentSize) // record 12 has a 144-byte payload
	name, data, _ := lastSegment(t, dir)
	offs := recordOffsets(t, data)
	last := offs[len(offs)-2]
	var bits []int
	for i := last; i < len(data); i++ {
		if i < last+headerSize {
			for b := range 8 {
				bits = append(bits, i*8+b)
			}
		} else {
			bits = append(bits, i*8+i%8)
		}
	}
	for _, bit := range bits {
		bad := bytes.Clone(data)
		bad[bit/8] ^= 1 << (bit % 8)
		l, cp, err := reopenWith(t, dir, name, bad)
		if err != nil {
			t.Fatalf("bit %d: %v", bit, err)
		}
		checkRecovered(t, l, cp, 11, true, int64(last))
	}
}

// TestFlipInLastSegment: a bad record in the middle of the last segment
// cannot be told from a torn tail, so it is cut with everything after it,
// and the cut is reported (documented in doc.go).
func TestFlipInLastSegment(t *testing.T) {
	dir, _ := buildLog(t, 12, DefaultSegmentSize)
	name, data, _ := lastSegment(t, dir)
	offs := recordOffsets(t, data)
	bad := bytes.Clone(data)
	bad[offs[5]+headerSize] ^= 0x10 // payload of lsn 6
	l, cp, err := reopenWith(t, dir, name, bad)
	if err != nil {
		t.Fatal(err)
	}
	if r := l.Repair(); r == nil || r.Bytes != int64(len(data)-offs[5]) {
		t.Fatalf("repair %+v, want %d bytes cut from offset %d", r, len(data)-offs[5], offs[5])
	}
	checkRecovered(t, l, cp, 5, true, int64(offs[5]))
}

func TestJunkTail(t *testing.T) {
	rng, _ := testRand(t)
	dir, _ := buildLog(t, 20, DefaultSegmentSize)
	name, data, _ := lastSegment(t, dir)
	tails := map[string][]byte{}
	for _, n := range []int{1, 15, 16, 17, 100, 4096} {
		tails[fmt.Sprint("zeros/", n)] = make([]byte, n) // preallocated or zero-filled blocks
		junk := make([]byte, n)
		for i := range junk {
			junk[i] = byte(rng.Uint32())
		}
		tails[fmt.Sprint("garbage/", n)] = junk
	}
	// A whole valid-looking record with the wrong LSN: stale data from an
	// older file, or a record written twice.
	tails["stale record"] = appendRecord(nil, 7, payload(7), crc(payload(7)))
	// A header that claims more bytes than the file holds.
	tails["long length"] = appendRecord(nil, 21, make([]byte, 10), 0)[:20]
	for name2, tail := range tails {
		t.Run(name2, func(t *testing.T) {
			l, cp, err := reopenWith(t, dir, name, append(bytes.Clone(data), tail...))
			if err != nil {
				t.Fatal(err)
			}
			if r := l.Repair(); r == nil || r.Bytes != int64(len(tail)) {
				t.Fatalf("repair %+v, want %d bytes cut", r, len(tail))
			}
			checkRecovered(t, l, cp, 20, true, int64(len(data)))
		})
	}
}

// TestCorruptOlderSegment: damage anywhere but the last segment is an
// error naming the file and offset, never a silent loss.
func TestCorruptOlderSegment(t *testing.T) {
	dir, names := buildLog(t, 100, 1024)
	if len(names) < 4 {
		t.Fatalf("want at least 4 segments, have %d", len(names))
	}
	victim := names[1]
	orig, err := os.ReadFile(filepath.Join(dir, victim))
	if err != nil {
		t.Fatal(err)
	}
	offs := recordOffsets(t, orig)
	tests := []struct {
		name   string
		mutate func(cp string)
		want   string // in the error text
	}{
		{"flipped bit", func(cp string) {
			b := bytes.Clone(orig)
			b[offs[2]+headerSize+1] ^= 1
			write(t, cp, victim, b)
		}, fmt.Sprintf("%s at offset %d: checksum", victim, offs[2])},
		{"torn tail", func(cp string) {
			write(t, cp, victim, orig[:len(orig)-3])
		}, fmt.Sprintf("%s at offset %d", victim, offs[len(offs)-2])},
		{"missing last record", func(cp string) {
			write(t, cp, victim, orig[:offs[len(offs)-2]])
		}, "a segment is missing"},
		{"zeroed block", func(cp string) {
			b := bytes.Clone(orig)
			clear(b[offs[1]:min(len(b), offs[1]+64)])
			write(t, cp, victim, b)
		}, fmt.Sprintf("%s at offset %d", victim, offs[1])},
		{"missing segment", func(cp string) {
			if err := os.Remove(filepath.Join(cp, names[2])); err != nil {
				t.Fatal(err)
			}
		}, names[3] + " starts at lsn"},
		{"bad segment name", func(cp string) {
			write(t, cp, "00000000000000000000.wal", nil)
		}, "00000000000000000000.wal: not a valid first LSN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := copyDir(t, dir)
			tt.mutate(cp)
			_, err := Open(cp, Options{NoSync: true})
			mustIs(t, err, ErrCorrupt)
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestIgnoresOtherFiles(t *testing.T) {
	dir, _ := buildLog(t, 5, DefaultSegmentSize)
	for _, name := range []string{"snapshot.bin", "1.wal", "0000000000000000000x.wal", "notes.txt"} {
		write(t, dir, name, []byte("not a segment"))
	}
	l := openT(t, dir, Options{NoSync: true})
	checkPayloads(t, replayAll(t, l, 0), 1, 5)
}

// TestEmptyLastSegment: a crash right after a roll leaves an empty segment.
func TestEmptyLastSegment(t *testing.T) {
	dir, _ := buildLog(t, 5, DefaultSegmentSize)
	write(t, dir, segmentName(6), nil)
	l := openT(t, dir, Options{NoSync: true})
	if l.Repair() != nil {
		t.Fatalf("repair %+v on an empty last segment", l.Repair())
	}
	checkRecovered(t, l, dir, 5, false, 0)
}

func write(t testing.TB, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRepairLogged: with a Logger, Open warns about the cut it made.
func TestRepairLogged(t *testing.T) {
	dir, _ := buildLog(t, 3, DefaultSegmentSize)
	name, data, _ := lastSegment(t, dir)
	write(t, dir, name, data[:len(data)-1])
	var buf bytes.Buffer
	l := openT(t, dir, Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if l.Repair() == nil {
		t.Fatal("no repair reported")
	}
	for _, want := range []string{"level=WARN", "segment=" + name, fmt.Sprint("offset=", l.Repair().Offset), "bytes="} {
		if !strings.Contains(buf.String(), want) {
			t.Fatalf("log %q lacks %q", buf.String(), want)
		}
	}
}

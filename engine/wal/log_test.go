package wal

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	l := openT(t, t.TempDir(), Options{})
	if got := l.LastLSN(); got != 0 {
		t.Fatalf("empty log: LastLSN %d, want 0", got)
	}
	appendN(t, l, 100)
	checkPayloads(t, replayAll(t, l, 0), 1, 100)
	checkPayloads(t, replayAll(t, l, 1), 1, 100)
	checkPayloads(t, replayAll(t, l, 57), 57, 100)
	if got := replayAll(t, l, 101); len(got) != 0 {
		t.Fatalf("Replay(101) gave %d records, want none", len(got))
	}
}

func TestReplayStopsOnCallbackError(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	appendN(t, l, 10)
	stop := errors.New("stop")
	n := 0
	err := l.Replay(0, func(lsn uint64, rec []byte) error {
		n++
		if lsn == 4 {
			return stop
		}
		return nil
	})
	if err != stop || n != 4 {
		t.Fatalf("Replay returned %v after %d calls, want the callback's error after 4", err, n)
	}
}

func TestLSNsDenseAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	for round := range 5 {
		l, err := Open(dir, Options{SegmentSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := l.LastLSN(), uint64(round*30); got != want {
			t.Fatalf("round %d: LastLSN %d after reopen, want %d", round, got, want)
		}
		if r := l.Repair(); r != nil {
			t.Fatalf("round %d: clean log reported a repair: %+v", round, r)
		}
		appendN(t, l, 30) // checks each LSN as it is handed out
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	l := openT(t, dir, Options{})
	checkPayloads(t, replayAll(t, l, 0), 1, 150)
}

func TestUnsyncedRecordsSurviveClose(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{})
	for i := uint64(1); i <= 20; i++ {
		if _, err := l.Append(payload(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil { // Close syncs
		t.Fatal(err)
	}
	checkPayloads(t, replayAll(t, openT(t, dir, Options{}), 0), 1, 20)
}

func TestSegmentRolling(t *testing.T) {
	const size = 1024
	dir := t.TempDir()
	l := openT(t, dir, Options{SegmentSize: size, NoSync: true})
	appendN(t, l, 200)
	big := make([]byte, 3*size) // larger than a segment: gets one to itself
	lsnBig, err := l.AppendSync(context.Background(), big)
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, l, 1)
	names := segmentFiles(t, dir)
	if len(names) < 10 {
		t.Fatalf("%d segments for ~30 KiB in 1 KiB segments", len(names))
	}
	for i, name := range names {
		first, _, _ := parseSegmentName(name)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		offs := recordOffsets(t, data)
		if len(offs) > 2 && len(data) > size {
			t.Errorf("segment %s: %d bytes in %d records, over the %d-byte limit", name, len(data), len(offs)-1, size)
		}
		if i < len(names)-1 && len(offs) < 2 {
			t.Errorf("segment %s is empty but not last", name)
		}
		if len(offs) > 1 && first == lsnBig && len(offs) != 2 {
			t.Errorf("segment %s holds the large record and %d others", name, len(offs)-2)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got := replayAll(t, openT(t, dir, Options{SegmentSize: size}), 0)
	if len(got) != 202 || len(got[lsnBig-1].rec) != len(big) {
		t.Fatalf("after reopen: %d records, want 202 with the large one intact", len(got))
	}
	checkPayloads(t, got[:200], 1, 200)
}

func TestTruncate(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{SegmentSize: 512, NoSync: true})
	appendN(t, l, 100)
	segs := len(segmentFiles(t, dir))
	if err := l.Truncate(50); err != nil {
		t.Fatal(err)
	}
	first := l.FirstLSN()
	if first > 50 || first < 40 {
		t.Fatalf("after Truncate(50): FirstLSN %d, want the start of the segment holding 50", first)
	}
	if got := len(segmentFiles(t, dir)); got >= segs {
		t.Fatalf("Truncate removed nothing: %d segments, had %d", got, segs)
	}
	checkPayloads(t, replayAll(t, l, 0), first, 100)
	checkPayloads(t, replayAll(t, l, 50), 50, 100)
	mustIs(t, l.Replay(first-1, func(uint64, []byte) error { return nil }), ErrTruncated)

	// Truncating past the end keeps the active segment, and with it the
	// LSN sequence across a reopen.
	if err := l.Truncate(1 << 40); err != nil {
		t.Fatal(err)
	}
	if got := segmentFiles(t, dir); len(got) != 1 {
		t.Fatalf("Truncate(all) left %v, want only the active segment", got)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l = openT(t, dir, Options{SegmentSize: 512, NoSync: true})
	if l.LastLSN() != 100 {
		t.Fatalf("after truncating everything and reopening: LastLSN %d, want 100", l.LastLSN())
	}
	appendN(t, l, 10)
	got := replayAll(t, l, 0)
	checkPayloads(t, got[len(got)-10:], 101, 110)
}

func TestTruncateKeepsActiveSegment(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{SegmentSize: 64, NoSync: true})
	appendN(t, l, 5)
	// Every record here outgrows a 64-byte segment, so each has its own;
	// truncating up to the last leaves just the active one.
	appendN(t, l, 1)
	if err := l.Truncate(l.LastLSN()); err != nil {
		t.Fatal(err)
	}
	if l.FirstLSN() != l.LastLSN() {
		t.Fatalf("FirstLSN %d, LastLSN %d: want the active segment to hold only the last record", l.FirstLSN(), l.LastLSN())
	}
	checkPayloads(t, replayAll(t, l, 0), 6, 6)
}

func TestClosed(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	appendN(t, l, 3)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := l.Append([]byte("x"))
	mustIs(t, err, ErrClosed)
	mustIs(t, l.Replay(0, func(uint64, []byte) error { return nil }), ErrClosed)
	mustIs(t, l.Truncate(2), ErrClosed)
	mustIs(t, l.Close(), ErrClosed)
	if err := l.Sync(context.Background(), 3); err != nil {
		t.Fatalf("Sync of a durable record after Close: %v, want nil", err)
	}
	mustIs(t, l.Sync(context.Background(), 4), ErrInvalid)
}

func TestLocked(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true})
	_, err := Open(dir, Options{})
	mustIs(t, err, ErrLocked)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	openT(t, dir, Options{NoSync: true})
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		ok   bool
	}{
		{"zero", Options{}, true},
		{"all set", Options{SegmentSize: 1 << 20, NoSync: true, MaxBatchDelay: time.Millisecond}, true},
		{"negative segment", Options{SegmentSize: -1}, false},
		{"negative delay", Options{MaxBatchDelay: -time.Second}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				mustIs(t, err, ErrInvalid)
				_, oerr := Open(t.TempDir(), tt.opt)
				mustIs(t, oerr, ErrInvalid)
			}
		})
	}
}

func TestSyncArguments(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	ctx := context.Background()
	if err := l.Sync(ctx, 0); err != nil {
		t.Fatalf("Sync(0) on an empty log: %v", err)
	}
	mustIs(t, l.Sync(ctx, 1), ErrInvalid)
	_, err := l.Append(make([]byte, MaxRecordSize+1))
	mustIs(t, err, ErrTooLarge)
	if l.LastLSN() != 0 {
		t.Fatalf("a rejected record took lsn %d", l.LastLSN())
	}
}

// TestAppendWritesLargeBuffers: past flushBytes Append writes without
// fsync; the records are not durable until a Sync.
func TestAppendWritesLargeBuffers(t *testing.T) {
	dir := t.TempDir()
	fs := &fakeFS{}
	l := openT(t, dir, Options{fs: fs})
	rec := make([]byte, 4096)
	for range 2 * flushBytes / len(rec) {
		if _, err := l.Append(rec); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(filepath.Join(dir, segmentName(1)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() < flushBytes {
		t.Fatalf("%d bytes on disk after appending %d unsynced: Append should write past %d", st.Size(), 2*flushBytes, flushBytes)
	}
	if _, syncs, _ := fs.counts(); syncs != 0 || fs.durable(1) {
		t.Fatalf("Append fsynced (%d fsyncs) without a Sync", syncs)
	}
	if err := l.Sync(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if !fs.durable(1) {
		t.Fatal("Sync(1) returned with record 1 written but not fsynced")
	}
}

func TestConcurrentAppendSyncReplayTruncate(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{SegmentSize: 4096, NoSync: true})
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 200 {
				rec := []byte(strings.Repeat(string(rune('a'+w)), i%50))
				if _, err := l.AppendSync(ctx, rec); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			from := l.FirstLSN()
			var prev uint64
			err := l.Replay(from, func(lsn uint64, rec []byte) error {
				if prev != 0 && lsn != prev+1 {
					t.Errorf("replay: lsn %d after %d", lsn, prev)
				}
				prev = lsn
				return nil
			})
			if err != nil && !errors.Is(err, ErrTruncated) {
				t.Error(err)
			}
			if err := l.Truncate(l.LastLSN() / 2); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	if l.LastLSN() != 1600 {
		t.Fatalf("LastLSN %d after 1600 appends", l.LastLSN())
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l = openT(t, dir, Options{})
	got := replayAll(t, l, 0)
	if len(got) == 0 || got[len(got)-1].lsn != 1600 {
		t.Fatalf("after reopen: %d records, want the last to be 1600", len(got))
	}
}

package wal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// ledger remembers what writers appended and which records Sync
// acknowledged.
type ledger struct {
	mu       sync.Mutex
	appended map[uint64][]byte
	acked    map[uint64]bool
}

func newLedger() *ledger {
	return &ledger{appended: map[uint64][]byte{}, acked: map[uint64]bool{}}
}

func (g *ledger) add(lsn uint64, rec []byte, acked bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.appended[lsn] = rec
	if acked {
		g.acked[lsn] = true
	}
}

// check replays l and checks that LSNs are dense from 1, that every record
// is one that was appended with that LSN, and that every acknowledged one
// is there.
func (g *ledger) check(t *testing.T, l *Log) {
	t.Helper()
	got := replayAll(t, l, 0)
	for i, e := range got {
		if e.lsn != uint64(i+1) {
			t.Fatalf("replayed lsn %d at position %d", e.lsn, i)
		}
		if want, ok := g.appended[e.lsn]; !ok || !bytes.Equal(e.rec, want) {
			t.Fatalf("lsn %d holds %q, which was not appended with that lsn (%q)", e.lsn, e.rec, want)
		}
	}
	for lsn := range g.acked {
		if lsn > uint64(len(got)) {
			t.Fatalf("acknowledged lsn %d lost: the log ends at %d", lsn, len(got))
		}
	}
}

// hammer runs writers goroutines doing each AppendSyncs and records the
// outcome in g; with fs set, it checks each acknowledged record is durable
// the moment Sync returns. It returns the first error a writer saw.
func hammer(t *testing.T, l *Log, fs *fakeFS, g *ledger, writers, each int) error {
	t.Helper()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				rec := fmt.Appendf(nil, "writer %d record %d %s", w, i, bytes.Repeat([]byte{'x'}, (w*31+i*17)%200))
				lsn, err := l.AppendSync(context.Background(), rec)
				if lsn != 0 {
					g.add(lsn, rec, err == nil)
				}
				if err != nil {
					once.Do(func() { first = err })
					return
				}
				if fs != nil && !fs.durable(lsn) {
					t.Errorf("Sync(%d) returned nil before the record was durable", lsn)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// TestGroupCommit: many concurrent AppendSyncs share few fsyncs, and each
// returns only once its record is durable.
func TestGroupCommit(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"default", Options{}},
		{"small segments", Options{SegmentSize: 4096}},
		{"batch delay", Options{MaxBatchDelay: 200 * time.Microsecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const writers, each = 64, 20
			fs := &fakeFS{syncDelay: time.Millisecond}
			tt.opt.fs = fs
			dir := t.TempDir()
			l := openT(t, dir, tt.opt)
			g := newLedger()
			if err := hammer(t, l, fs, g, writers, each); err != nil {
				t.Fatal(err)
			}
			writes, syncs, dirSyncs := fs.counts()
			t.Logf("%d records: %d writes, %d file fsyncs, %d directory fsyncs", writers*each, writes, syncs, dirSyncs)
			if syncs*4 > writers*each {
				t.Errorf("%d fsyncs for %d records: group commit should share them", syncs, writers*each)
			}
			if v := fs.orderViolations(); len(v) > 0 {
				t.Errorf("write order: %v", v)
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			g.check(t, openT(t, dir, Options{}))
		})
	}
}

// TestFaults: a failed write or fsync poisons the log; no record is
// acknowledged unless durable, and after recovery every acknowledged one
// is there.
func TestFaults(t *testing.T) {
	rng, _ := testRand(t)
	for round := range 10 {
		fs := &fakeFS{syncDelay: 50 * time.Microsecond}
		kind := "fsync"
		if round%2 == 0 {
			fs.failSyncAt = 1 + rng.IntN(40)
		} else {
			kind, fs.failWriteAt = "write", 1+rng.IntN(40)
		}
		t.Run(fmt.Sprintf("%s/%d", kind, round), func(t *testing.T) {
			dir := t.TempDir()
			l, err := Open(dir, Options{fs: fs, SegmentSize: 2048})
			if err != nil {
				t.Fatal(err)
			}
			g := newLedger()
			err = hammer(t, l, fs, g, 8, 100)
			if !errors.Is(err, errInjected) {
				t.Fatalf("writers saw %v, want the injected fault", err)
			}
			if _, err := l.AppendSync(context.Background(), []byte("after")); !errors.Is(err, errInjected) {
				t.Fatalf("AppendSync on a poisoned log: %v, want the injected fault", err)
			}
			if err := l.Close(); !errors.Is(err, errInjected) {
				t.Fatalf("Close of a poisoned log: %v, want the injected fault", err)
			}
			for lsn := range g.acked {
				if !fs.durable(lsn) {
					t.Fatalf("acknowledged lsn %d is not durable", lsn)
				}
			}
			// The process lives on: recover from the files as written.
			g.check(t, openT(t, dir, Options{NoSync: true}))
			// The machine dies: recover from what a power cut leaves.
			img := t.TempDir()
			if err := fs.image(dir, img, rng); err != nil {
				t.Fatal(err)
			}
			g.check(t, openT(t, img, Options{NoSync: true}))
		})
	}
}

// TestPowerLoss cuts the power at random moments under load, across
// segment rolls, and recovers from what the disk could hold.
func TestPowerLoss(t *testing.T) {
	rng, _ := testRand(t)
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	for round := range rounds {
		dir := t.TempDir()
		fs := &fakeFS{syncDelay: time.Duration(rng.IntN(300)) * time.Microsecond}
		opt := Options{fs: fs, SegmentSize: int64(512 + rng.IntN(4096))}
		l, err := Open(dir, opt)
		if err != nil {
			t.Fatal(err)
		}
		g := newLedger()
		timer := time.AfterFunc(time.Duration(rng.IntN(20_000))*time.Microsecond, fs.crash)
		err = hammer(t, l, fs, g, 16, 1_000_000)
		timer.Stop()
		if !errors.Is(err, errInjected) {
			t.Fatalf("round %d: writers stopped with %v", round, err)
		}
		_ = l.Close()
		if v := fs.orderViolations(); len(v) > 0 {
			t.Fatalf("round %d: write order: %v", round, v)
		}
		img := t.TempDir()
		if err := fs.image(dir, img, rng); err != nil {
			t.Fatal(err)
		}
		l2 := openT(t, img, Options{})
		g.check(t, l2)
		if _, err := l2.AppendSync(context.Background(), []byte("next")); err != nil {
			t.Fatalf("round %d: append after recovery: %v", round, err)
		}
		t.Logf("round %d: %d appended, %d acknowledged, %d recovered", round, len(g.appended), len(g.acked), l2.LastLSN()-1)
	}
}

func TestSyncContext(t *testing.T) {
	fs := &fakeFS{syncDelay: 100 * time.Millisecond}
	l := openT(t, t.TempDir(), Options{fs: fs})
	slow := make(chan error)
	go func() {
		_, err := l.AppendSync(context.Background(), []byte("a")) // leads a slow fsync
		slow <- err
	}()
	for l.LastLSN() == 0 {
		time.Sleep(time.Millisecond)
	}
	lsn, err := l.Append([]byte("b"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Sync(ctx, lsn); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sync with a canceled context: %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	if err := l.Sync(ctx, lsn); !errors.Is(err, context.DeadlineExceeded) && err != nil {
		t.Fatalf("Sync behind a slow fsync with a short deadline: %v", err)
	}
	if err := l.Sync(context.Background(), lsn); err != nil {
		t.Fatal(err)
	}
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	if !fs.durable(lsn) {
		t.Fatal("record not durable after Sync")
	}
}

// TestBatchDelayEndsWithContext: a caller gathering records for a long
// MaxBatchDelay flushes as soon as its context ends.
func TestBatchDelayEndsWithContext(t *testing.T) {
	fs := &fakeFS{}
	l := openT(t, t.TempDir(), Options{fs: fs, MaxBatchDelay: time.Hour})
	lsn, err := l.Append([]byte("a"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	err = l.Sync(ctx, lsn)
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if err := l.Sync(context.Background(), lsn); err != nil && !fs.durable(lsn) {
		t.Fatal(err)
	}
}

// TestOpenSyncsRecoveredRecords: records written by a process that died
// before its fsync are made durable by Open before it returns, since the
// caller will act on them.
func TestOpenSyncsRecoveredRecords(t *testing.T) {
	dir, _ := buildLog(t, 10, DefaultSegmentSize) // written without fsync
	fs := &fakeFS{}
	l := openT(t, dir, Options{fs: fs})
	if !fs.durable(10) {
		t.Fatal("Open returned with recovered records not fsynced")
	}
	checkPayloads(t, replayAll(t, l, 0), 1, 10)
}

package live

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"twin/engine"
)

// Orderings that a crash can expose but a random kill rarely hits, pinned
// down with a log whose fsyncs finish when the test says so.

// gatedLog is a recordLog whose Sync(lsn) returns only once the test
// releases lsn: a slow fsync, or a waiter that is scheduled late. It keeps
// no records.
type gatedLog struct {
	mu       sync.Mutex
	appended uint64
	synced   uint64
	gates    map[uint64]chan struct{}
	waiting  map[uint64]int
}

func newGatedLog() *gatedLog {
	return &gatedLog{gates: map[uint64]chan struct{}{}, waiting: map[uint64]int{}}
}

func (g *gatedLog) gate(lsn uint64) chan struct{} {
	if g.gates[lsn] == nil {
		g.gates[lsn] = make(chan struct{})
	}
	return g.gates[lsn]
}

// release lets the Syncs of lsn return.
func (g *gatedLog) release(lsn uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.gate(lsn))
}

// waiters returns how many Syncs of lsn are blocked.
func (g *gatedLog) waiters(lsn uint64) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiting[lsn]
}

func (g *gatedLog) Append([]byte) (uint64, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.appended++
	return g.appended, nil
}

func (g *gatedLog) Sync(ctx context.Context, lsn uint64) error {
	g.mu.Lock()
	if lsn <= g.synced {
		g.mu.Unlock()
		return nil
	}
	c := g.gate(lsn)
	g.waiting[lsn]++
	g.mu.Unlock()
	var err error
	select {
	case <-c:
	case <-ctx.Done():
		err = ctx.Err()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting[lsn]--
	if err == nil {
		g.synced = max(g.synced, lsn)
	}
	return err
}

func (g *gatedLog) durable() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.synced
}

func (g *gatedLog) Replay(uint64, func(uint64, []byte) error) error { return nil }
func (g *gatedLog) Truncate(uint64) error                           { return nil }
func (g *gatedLog) LastLSN() uint64                                 { return g.appended }
func (g *gatedLog) Close() error                                    { return nil }

// gatedStore opens a Store on dir (for its checkpoints) whose log is a
// gatedLog.
func gatedStore(t *testing.T, dir string) (*Store, *gatedLog) {
	t.Helper()
	s, err := Open(context.Background(), baseWorld(t), Options{Dir: dir, CheckpointEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	s.log.Close()
	g := newGatedLog()
	s.log = g
	return s, g
}

// eventually polls cond every 5 ms for up to d.
func eventually(d time.Duration, cond func() bool) bool {
	for range d / (5 * time.Millisecond) {
		if cond() {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// ingestAsync runs Ingest in a goroutine; the channel yields its error.
func ingestAsync(s *Store, ds ...engine.Delta) <-chan error {
	c := make(chan error, 1)
	go func() {
		_, err := s.Ingest(context.Background(), ds)
		c <- err
	}()
	return c
}

// TestDuplicateAckWaitsForDurability: a client resends a batch whose
// acknowledgement it has not had yet. The resend is all duplicates, but it
// must not be acknowledged before the first copy is durable: a crash in
// between would lose deltas the client was told are stored.
func TestDuplicateAckWaitsForDurability(t *testing.T) {
	s, g := gatedStore(t, t.TempDir())
	batch := []engine.Delta{sensor("s", 1, "g", 7.42, 43.73)}
	first := ingestAsync(s, batch...)
	if !eventually(time.Second, func() bool { return g.waiters(1) == 1 }) {
		t.Fatal("the first copy never waited for its fsync")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if r, err := s.Ingest(ctx, batch); err == nil {
		t.Fatalf("resend acknowledged (%+v) while the batch is not durable", r)
	}
	g.release(1)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if r := mustIngest(t, s, batch...); r != (Result{Duplicates: 1, Version: 1}) {
		t.Errorf("resend after the fsync: %+v, want 1 duplicate at version 1", r)
	}
}

// TestCheckpointNotAheadOfLog: a checkpoint covers every applied batch,
// including ones whose fsync is still under way. It must not reach the disk
// before they do: after a crash the log would restart numbering below the
// checkpoint's version, reuse versions, and the next restart would skip the
// reused ones (acknowledged batches lost). TestCrash found this.
func TestCheckpointNotAheadOfLog(t *testing.T) {
	dir := t.TempDir()
	s, g := gatedStore(t, dir)
	pending := ingestAsync(s, sensor("s", 1, "g", 7.42, 43.73))
	if !eventually(time.Second, func() bool { return g.waiters(1) == 1 }) {
		t.Fatal("the batch never waited for its fsync")
	}
	ckDone := make(chan error, 1)
	go func() { ckDone <- s.Checkpoint() }()
	time.Sleep(50 * time.Millisecond)
	ck, err := readCheckpoint(filepath.Join(dir, checkpointFile))
	if err != nil {
		t.Fatal(err)
	}
	if ck != nil && ck.Version > g.durable() {
		t.Fatalf("checkpoint of version %d written while the log is durable only up to %d", ck.Version, g.durable())
	}
	g.release(1)
	if err := <-pending; err != nil {
		t.Fatal(err)
	}
	if err := <-ckDone; err != nil {
		t.Fatal(err)
	}
	if ck, _ := readCheckpoint(filepath.Join(dir, checkpointFile)); ck == nil || ck.Version != 1 {
		t.Errorf("checkpoint after the fsync: %+v, want version 1", ck)
	}
}

// TestConcurrentCheckpoints: two checkpoints under way at once (the
// store's own and an explicit one, or Close's) must land in the order they
// were taken. Otherwise the older one can replace the newer after the newer
// has had the log truncated, and a restart finds a checkpoint that the log
// no longer continues.
func TestConcurrentCheckpoints(t *testing.T) {
	dir := t.TempDir()
	s, g := gatedStore(t, dir)
	first := ingestAsync(s, sensor("s", 1, "g", 7.42, 43.73))
	older := make(chan error, 1)
	if eventually(time.Second, func() bool { return g.waiters(1) == 1 }) {
		go func() { older <- s.Checkpoint() }() // takes version 1
	}
	eventually(time.Second, func() bool { return g.waiters(1) == 2 })
	second := ingestAsync(s, reading("s", 2, "g", 0.5))
	eventually(time.Second, func() bool { return g.waiters(2) == 1 })
	newer := make(chan error, 1)
	go func() { newer <- s.Checkpoint() }() // version 2, unless it waits for the older
	eventually(100*time.Millisecond, func() bool { return g.waiters(2) == 2 })
	g.release(2) // the newer checkpoint may finish first…
	select {
	case err := <-newer:
		if err != nil {
			t.Fatal(err)
		}
		newer <- nil
	case <-time.After(100 * time.Millisecond):
	}
	g.release(1) // …and the older one after it
	for _, c := range []<-chan error{first, second, older, newer} {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	ck, err := readCheckpoint(filepath.Join(dir, checkpointFile))
	if err != nil || ck == nil || ck.Version != 2 {
		var v uint64
		if ck != nil {
			v = ck.Version
		}
		t.Fatalf("checkpoint on disk: version %d (%v); want 2, the newest", v, err)
	}
}

// TestCheckpointIsConsistent: a checkpoint holds the state at its version,
// even though it is written outside the store's lock while later batches
// change the same features. (It once shared the compactor's property maps
// with those batches: a data race, and after a crash a sensor value from a
// batch that never became durable.) TestCrash found this under -race.
func TestCheckpointIsConsistent(t *testing.T) {
	dir := t.TempDir()
	s, g := gatedStore(t, dir)
	g.release(1)
	mustIngest(t, s, sensor("s", 1, "g", 7.42, 43.73), reading("s", 2, "g", 1))
	second := ingestAsync(s, reading("s", 3, "g", 2))
	if !eventually(time.Second, func() bool { return g.waiters(2) == 1 }) {
		t.Fatal("batch 2 never waited for its fsync")
	}
	ckDone := make(chan error, 1)
	go func() { ckDone <- s.Checkpoint() }() // version 2, waits for its fsync
	if !eventually(time.Second, func() bool { return g.waiters(2) == 2 }) {
		t.Fatal("the checkpoint never waited for the log")
	}
	third := ingestAsync(s, reading("s", 4, "g", 3)) // changes g while the checkpoint waits
	eventually(time.Second, func() bool { return g.waiters(3) == 1 })
	g.release(2)
	if err := <-ckDone; err != nil {
		t.Fatal(err)
	}
	g.release(3)
	for _, c := range []<-chan error{second, third} {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	ck, err := readCheckpoint(filepath.Join(dir, checkpointFile))
	if err != nil || ck == nil {
		t.Fatalf("checkpoint: %v", err)
	}
	var value any
	for _, d := range ck.Deltas {
		if d.ID == "g" && d.Kind == engine.KindState {
			value = d.Properties["value"]
		}
	}
	if ck.Version != 2 || value != 2.0 {
		t.Errorf("checkpoint of version %d holds g's value %v; want version 2 and value 2 (batch 3 set 3)", ck.Version, value)
	}
}

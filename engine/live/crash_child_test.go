package live

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"twin/engine"
)

// TestCrashChild is the child role of TestCrash; it skips unless
// TWIN_LIVE_CRASH_CHILD names a data directory.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("TWIN_LIVE_CRASH_CHILD")
	if dir == "" {
		t.Skip("the child process of TestCrash")
	}
	seed, _ := strconv.ParseUint(os.Getenv("TWIN_LIVE_CRASH_CHILD_SEED"), 10, 64)
	stop, _ := strconv.Atoi(os.Getenv("TWIN_LIVE_CRASH_STOP"))
	if err := runCrashChild(t, dir, seed, stop); err != nil {
		emit("fail %v", err)
		t.Fatal(err)
	}
}

// emit prints one line for the parent in a single write, so that a kill
// never leaves half a line.
func emit(format string, args ...any) {
	os.Stdout.WriteString("crash: " + fmt.Sprintf(format, args...) + "\n")
}

// runCrashChild opens the store, reports what it restored, and ingests
// until killed (or, with stop > 0, stop batches per source, then closes).
func runCrashChild(t *testing.T, dir string, seed uint64, stop int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w := crashWorld(t)
	// Checkpoints every few batches, or rarely, so that restarts replay
	// short and long stretches of log; in half the runs explicit ones too.
	every := []int{8, 64, 1000}[seed%3]
	s, err := Open(ctx, w, Options{Dir: dir, CheckpointEvery: every, RingSize: 64})
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	snap := w.Snapshot()
	emit("restored %d %s %s", s.Version(), digest(w), orDash(formatSeqs(snap.Seqs())))
	var wg sync.WaitGroup
	errc := make(chan error, len(crashSources))
	for k, src := range crashSources {
		rng := rand.New(rand.NewPCG(seed, uint64(k)))
		wg.Go(func() { errc <- produce(ctx, s, src.name, src.batch, snap.Seq(src.name), stop, rng) })
	}
	stopCk := make(chan struct{})
	if seed%2 == 0 {
		go checkpointLoop(s, stopCk, rand.New(rand.NewPCG(seed, 99)))
	}
	wg.Wait()
	close(stopCk)
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	emit("closed %d %s %s", s.Version(), digest(w), orDash(formatSeqs(w.Snapshot().Seqs())))
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// produce ingests source src's batches from the one after seq: first the
// last batch again (all duplicates, as a client does that lost its
// acknowledgement), then new ones, one in eight sent twice at once.
func produce(ctx context.Context, s *Store, src string, n int, seq uint64, stop int, rng *rand.Rand) error {
	if seq%uint64(n) != 0 {
		return fmt.Errorf("%s restored at seq %d, inside a batch of %d", src, seq, n)
	}
	next := seq / uint64(n)
	if next > 0 {
		if err := send(ctx, s, crashBatch(src, n, next-1)); err != nil {
			return err
		}
	}
	for j := next; (stop == 0 || j < next+uint64(stop)) && ctx.Err() == nil; j++ {
		b := crashBatch(src, n, j)
		if rng.IntN(8) != 0 {
			if err := send(ctx, s, b); err != nil {
				return err
			}
			continue
		}
		var twice sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			twice.Go(func() { errs[i] = send(ctx, s, b) })
		}
		twice.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
	return nil
}

// send ingests one batch and prints its acknowledgement.
func send(ctx context.Context, s *Store, b []engine.Delta) error {
	res, err := s.Ingest(ctx, b)
	if err != nil {
		if ctx.Err() != nil {
			return nil // the minute is up
		}
		return fmt.Errorf("ingest %s %d–%d: %w", b[0].Source, b[0].Seq, b[len(b)-1].Seq, err)
	}
	emit("ack %s %d %d %d %d %d", b[0].Source, b[0].Seq, b[len(b)-1].Seq, res.Version, res.Applied, res.Duplicates)
	return nil
}

// checkpointLoop writes checkpoints at random moments, 2–20 ms apart, on
// top of the store's own every 16 batches, until stop is closed.
func checkpointLoop(s *Store, stop <-chan struct{}, rng *rand.Rand) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Duration(2+rng.IntN(18)) * time.Millisecond):
			if err := s.Checkpoint(); err != nil && !errors.Is(err, ErrClosed) {
				emit("fail checkpoint: %v", err)
			}
		}
	}
}

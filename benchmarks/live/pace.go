package livebench

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"twin/engine/live"
)

// PaceStats is what a Pace run did.
type PaceStats struct {
	Deltas  int64         // deltas acknowledged
	Batches int64         // batches acknowledged
	Elapsed time.Duration // from the first due time to the end
	Err     error         // the first Ingest error, if any
	// Acks holds, for every batch acknowledged, the time from its due
	// time to Ingest's return (apply, log write and fsync included), in
	// no particular order.
	Acks []time.Duration
}

// Rate is the acknowledged deltas per second.
func (p PaceStats) Rate() float64 { return float64(p.Deltas) / p.Elapsed.Seconds() }

// Pace ingests into s at a steady rate, in deltas per second, in batches
// of batch deltas, until ctx ends; then it waits for the batches under way
// and returns. Batch i is due at start + i·batch/rate: a scheduler hands
// every due batch to one of workers goroutines, each with its own Feed
// (sources "pace-0", "pace-1", …), so that a slow fsync delays later
// batches' acknowledgements but not their due times; each batch's deltas
// carry its due time as their timestamp. The scheduler sleeps between due
// times and catches up in bursts, so timer granularity (~0.1–1 ms) shows in
// latencies measured from the due time. Errors from Ingest end the run
// early and are reported in PaceStats.Err.
func Pace(ctx context.Context, s *live.Store, rate float64, batch, workers int, seed uint64) PaceStats {
	if rate <= 0 || batch <= 0 || workers <= 0 {
		return PaceStats{Err: fmt.Errorf("livebench: pace: rate %g, batch %d, workers %d must be positive", rate, batch, workers)}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var st PaceStats
	var deltas, batches atomic.Int64
	var errOnce sync.Once
	var acksMu sync.Mutex
	jobs := make(chan time.Time, 4096)
	var wg sync.WaitGroup
	for w := range workers {
		feed := NewFeed(s, fmt.Sprintf("pace-%d", w), seed+uint64(w))
		wg.Go(func() {
			var acks []time.Duration
			for due := range jobs {
				ds := feed.Next(batch, due)
				if _, err := s.Ingest(context.Background(), ds); err != nil {
					errOnce.Do(func() { st.Err = err; cancel() })
					continue
				}
				acks = append(acks, time.Since(due))
				deltas.Add(int64(len(ds)))
				batches.Add(1)
			}
			acksMu.Lock()
			st.Acks = append(st.Acks, acks...)
			acksMu.Unlock()
		})
	}
	interval := time.Duration(float64(batch) / rate * float64(time.Second))
	start := time.Now()
	schedule(ctx, start, interval, jobs)
	close(jobs)
	wg.Wait()
	st.Elapsed, st.Deltas, st.Batches = time.Since(start), deltas.Load(), batches.Load()
	return st
}

// schedule sends the due time of every batch to jobs, batch i at start +
// i·interval, until ctx ends.
func schedule(ctx context.Context, start time.Time, interval time.Duration, jobs chan<- time.Time) {
	t := time.NewTimer(0)
	defer t.Stop()
	for i := int64(0); ; {
		now := time.Now()
		for due := start.Add(time.Duration(i) * interval); !due.After(now); due = start.Add(time.Duration(i) * interval) {
			select {
			case jobs <- due:
				i++
			case <-ctx.Done():
				return
			}
		}
		t.Reset(time.Until(start.Add(time.Duration(i) * interval)))
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// ErrResync: a subscriber was cut off for falling behind.
var ErrResync = errors.New("livebench: subscriber fell behind and was cut off")

// Listen reads sub until it closes, recording for every batch the time
// from its first delta's timestamp (the due time Pace gave it) to its
// arrival. It returns the latencies in arrival order; ErrResync if the
// store cut the subscriber off.
func Listen(sub *live.Sub) ([]time.Duration, error) {
	var out []time.Duration
	for b := range sub.C {
		if len(b.Deltas) > 0 {
			out = append(out, time.Since(b.Deltas[0].TS))
		}
	}
	if sub.Resync() {
		return out, ErrResync
	}
	return out, nil
}

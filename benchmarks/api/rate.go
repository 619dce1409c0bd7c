package apibench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// RateResult is what Rate measured.
type RateResult struct {
	Queries int           // queries completed
	Elapsed time.Duration // wall time
	Bytes   int64         // response bytes
}

// QPS returns queries per second.
func (r RateResult) QPS() float64 { return float64(r.Queries) / r.Elapsed.Seconds() }

// Rate runs query from workers goroutines for about d (each worker
// finishes the query it is in), query i taking the i-th job in a shared
// sequence, and counts completed queries and the bytes they returned. Each
// worker reuses its own buffer (dst, returned by query). The first error
// stops every worker and is returned. Safe for concurrent use if query is.
func Rate(ctx context.Context, workers int, d time.Duration,
	query func(ctx context.Context, dst []byte, i int) ([]byte, error)) (RateResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next, bytes atomic.Int64
		wg          sync.WaitGroup
		once        sync.Once
		firstErr    error
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			var buf []byte
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := int(next.Add(1) - 1)
				var err error
				buf, err = query(ctx, buf[:0], i)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				bytes.Add(int64(len(buf)))
			}
		})
	}
	wg.Wait()
	res := RateResult{Queries: int(next.Load()), Elapsed: time.Since(start), Bytes: bytes.Load()}
	if firstErr != nil {
		return res, firstErr
	}
	return res, nil
}

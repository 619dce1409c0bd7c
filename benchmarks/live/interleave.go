package livebench

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"twin/engine/live"
)

// Windows is what Interleave measured: the query rate of each window
// without ingest and of each window with it (queries per second, in the
// order run), and the ingest rate reached in each loaded window (deltas
// per second).
type Windows struct {
	Idle, Loaded, Ingest []float64
}

// Ratio returns the median over the pairs of loaded/idle query rates: 1
// means ingest costs queries nothing, 0.8 a 20 % drop. Pairing each loaded
// window with the idle one just before it cancels the slower drifts of a
// shared machine's load. 0 without pairs.
func (w Windows) Ratio() float64 {
	var rs []float64
	for i := range min(len(w.Idle), len(w.Loaded)) {
		if w.Idle[i] > 0 {
			rs = append(rs, w.Loaded[i]/w.Idle[i])
		}
	}
	return median(rs)
}

// median returns the median of xs (sorting a copy); 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Interleave runs query from workers goroutines without pause, and
// measures their rate in pairs of windows, one without ingest and one with
// Pace ingesting into s at rate deltas/s in batches of batch (4 producers),
// rounds times. Each window is preceded by 100 ms that are not counted, for
// Pace to reach its rate or to wind down. query gets a running counter, to
// pick its input. It stops early when ctx ends; Pace's errors are
// returned.
func Interleave(ctx context.Context, s *live.Store, rate float64, batch int, workers int,
	window time.Duration, rounds int, query func(i int64)) (Windows, error) {
	var count atomic.Int64
	qctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for qctx.Err() == nil {
				query(count.Add(1))
			}
		})
	}
	defer func() { stop(); wg.Wait() }()
	const settle = 100 * time.Millisecond
	measure := func() float64 {
		time.Sleep(settle)
		n0, t0 := count.Load(), time.Now()
		time.Sleep(window)
		return float64(count.Load()-n0) / time.Since(t0).Seconds()
	}
	var w Windows
	for r := 0; r < rounds && ctx.Err() == nil; r++ {
		w.Idle = append(w.Idle, measure())
		pctx, cancel := context.WithTimeout(ctx, 2*settle+window)
		done := make(chan PaceStats, 1)
		go func() { done <- Pace(pctx, s, rate, batch, 4, uint64(r)) }()
		w.Loaded = append(w.Loaded, measure())
		st := <-done
		cancel()
		if st.Err != nil {
			return w, st.Err
		}
		w.Ingest = append(w.Ingest, st.Rate())
	}
	return w, nil
}

package livebench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/engine/api"
	"twin/engine/live"
	"twin/geo"
)

// newStore loads the sample city, opens a store on a fresh directory with
// fsync on, and populates the sensors and units. The store is closed at the
// end of the benchmark.
func newStore(tb testing.TB) *live.Store {
	tb.Helper()
	ctx := context.Background()
	w, err := Monaco(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := live.Open(ctx, w, live.Options{Dir: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := Populate(ctx, s, 1); err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkIngest: sustained ingest through Store.Ingest, fsync on, from
// concurrent producers (one source each) sending batches of a fixed size.
// An op is one delta; deltas/s is the figure to read.
func BenchmarkIngest(b *testing.B) {
	for _, c := range []struct{ batch, producers int }{
		{1, 1}, {1, 16}, {1, 256}, {100, 16}, {1000, 4}, {1000, 16},
	} {
		b.Run(fmt.Sprintf("batch=%d/producers=%d", c.batch, c.producers), func(b *testing.B) {
			benchIngest(b, c.batch, c.producers)
		})
	}
}

func benchIngest(b *testing.B, batch, producers int) {
	s := newStore(b)
	ctx := context.Background()
	total := int64(b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for p := range producers {
		feed := NewFeed(s, fmt.Sprintf("p%d", p), uint64(p))
		wg.Go(func() {
			for {
				n := min(int64(batch), total-next.Add(int64(batch))+int64(batch))
				if n <= 0 {
					return
				}
				if _, err := s.Ingest(ctx, feed.Next(int(n), time.Now())); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/1e3/float64(b.N), "cpu-µs/delta")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deltas/s")
	b.ReportMetric(float64(s.Stats().Batches.Load())/b.Elapsed().Seconds(), "batches/s")
}

// Ingest rates, in deltas per second, that the query benchmarks run
// against: idle, the latency target's rate, and five times it.
var loads = []float64{0, 10000, 50000}

// underLoad runs fn (the timed part of a benchmark) while Pace ingests
// into s at rate deltas/s in batches of 100 from 4 producers, and reports
// the rate reached.
func underLoad(b *testing.B, s *live.Store, rate float64, fn func()) {
	if rate == 0 {
		b.ResetTimer()
		fn()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan PaceStats, 1)
	go func() { done <- Pace(ctx, s, rate, 100, 4, 7) }()
	time.Sleep(200 * time.Millisecond) // reach the steady state
	b.ResetTimer()
	fn()
	b.StopTimer()
	cancel()
	st := <-done
	if st.Err != nil {
		b.Fatal(st.Err)
	}
	b.ReportMetric(st.Rate(), "ingest-deltas/s")
}

// queryBoxes returns 1000 seeded boxes, side metres wide, centred on
// buildings of the World (projected metres).
func queryBoxes(s *engine.Snapshot, side float64) []orb.Bound {
	l := s.Layer(geo.LayerBuildings)
	out := make([]orb.Bound, 1000)
	for i := range out {
		f, _ := l.At(int(mix(uint64(i)) % uint64(l.Len())))
		c := f.Geometry().Bound().Center()
		out[i] = orb.Bound{Min: orb.Point{c[0] - side/2, c[1] - side/2}, Max: orb.Point{c[0] + side/2, c[1] + side/2}}
	}
	return out
}

// mix is splitmix64, a well-spread hash for picking features.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// BenchmarkQueryBBox: bbox queries on the buildings layer through the
// engine (a fresh snapshot per query, as a request takes one), 250 m
// boxes, from GOMAXPROCS goroutines, idle and while ingest runs at a
// steady rate. An op is one query.
func BenchmarkQueryBBox(b *testing.B) {
	for _, rate := range loads {
		b.Run("ingest="+strconv.Itoa(int(rate)), func(b *testing.B) {
			s := newStore(b)
			w := s.World()
			boxes := queryBoxes(w.Snapshot(), 250)
			var matched, next atomic.Int64
			b.ReportAllocs()
			underLoad(b, s, rate, func() {
				b.RunParallel(func(pb *testing.PB) {
					n := 0
					for pb.Next() {
						l := w.Snapshot().Layer(geo.LayerBuildings)
						l.Search(boxes[next.Add(1)%int64(len(boxes))], func(geo.Feature) bool { n++; return true })
					}
					matched.Add(int64(n))
				})
			})
			b.ReportMetric(float64(matched.Load())/float64(b.N), "matched/op")
		})
	}
}

// BenchmarkQueryHTTP: the same boxes as OGC API items requests (limit
// 100, GeoJSON) to an api.Server over loopback HTTP, idle and under ingest.
// The client runs in this process and shares the two cores. An op is one
// request.
func BenchmarkQueryHTTP(b *testing.B) {
	for _, rate := range loads {
		b.Run("ingest="+strconv.Itoa(int(rate)), func(b *testing.B) {
			s := newStore(b)
			srv, err := api.New(s.World(), api.Config{}, nil)
			if err != nil {
				b.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			urls := itemsURLs(b, ts.URL, s.World().Snapshot())
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			var next atomic.Int64
			b.ReportAllocs()
			underLoad(b, s, rate, func() {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := get(client, urls[next.Add(1)%int64(len(urls))]); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		})
	}
}

// itemsURLs turns queryBoxes into items URLs with lon/lat bboxes.
func itemsURLs(tb testing.TB, base string, s *engine.Snapshot) []string {
	var out []string
	for _, m := range queryBoxes(s, 250) {
		ll, ok := s.LonLatHull(m)
		if !ok {
			tb.Fatal("no lon/lat hull")
		}
		out = append(out, fmt.Sprintf("%s/collections/%s/items?limit=100&bbox=%.7f,%.7f,%.7f,%.7f",
			base, geo.LayerBuildings, ll.Min[0], ll.Min[1], ll.Max[0], ll.Max[1]))
	}
	return out
}

func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}

// BenchmarkSubscribeLatency: ingest at 10,000 deltas/s (in batches of 1,
// 10 or 100), fsync on, and measure for every batch the time from its due
// time to its arrival at a Store.Subscribe subscriber: p50, p99 and max;
// ack-p99-ms is the same percentile of the time to Ingest's return (the
// durable write, which publication waits for), and cpu-cores the CPU the
// whole ingest path used meanwhile (1 = one core busy). An op is one batch; the run lasts b.N batches at the rate (use
// -benchtime=10s or more for a stable p99).
func BenchmarkSubscribeLatency(b *testing.B) {
	const rate = 10000
	for _, batch := range []int{1, 10, 100} {
		b.Run("batch="+strconv.Itoa(batch), func(b *testing.B) {
			s := newStore(b)
			sub := s.Subscribe(s.Version(), 1<<16)
			got := make(chan []time.Duration, 1)
			errc := make(chan error, 1)
			go func() {
				lat, err := Listen(sub)
				got <- lat
				errc <- err
			}()
			d := time.Duration(float64(b.N) * float64(batch) / rate * float64(time.Second))
			ctx, cancel := context.WithTimeout(context.Background(), d)
			defer cancel()
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			st := Pace(ctx, s, rate, batch, 64, 3)
			b.StopTimer()
			cores := float64(cpuTime()-cpu0) / float64(st.Elapsed)
			sub.Close()
			lat, err := <-got, <-errc
			if st.Err != nil || err != nil {
				b.Fatal(st.Err, err)
			}
			if int64(len(lat)) != st.Batches {
				b.Fatalf("subscriber got %d batches, %d were acknowledged", len(lat), st.Batches)
			}
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			b.ReportMetric(st.Rate(), "deltas/s")
			b.ReportMetric(cores, "cpu-cores")
			b.ReportMetric(ms(Percentile(lat, 0.50)), "p50-ms")
			b.ReportMetric(ms(Percentile(lat, 0.99)), "p99-ms")
			b.ReportMetric(ms(Percentile(lat, 1)), "max-ms")
			b.ReportMetric(ms(Percentile(st.Acks, 0.99)), "ack-p99-ms")
		})
	}
}

// BenchmarkQueryInterleaved: query throughput without and with ingest at
// 10,000 deltas/s (batches of 100), measured in alternating 250 ms windows
// so that both sides see the same background load; an op is one pair of
// windows (run with -benchtime=40x or more). It reports the median
// query rates, the median of the pairwise ratios (ratio-%: 100 = no cost,
// the target is ≥ 80) and the ingest rate reached. engine: bbox searches
// from two goroutines, as BenchmarkQueryBBox; http: items requests from
// four loopback clients, as BenchmarkQueryHTTP.
func BenchmarkQueryInterleaved(b *testing.B) {
	b.Run("engine", func(b *testing.B) {
		s := newStore(b)
		w := s.World()
		boxes := queryBoxes(w.Snapshot(), 250)
		interleaved(b, s, 2, func(i int64) {
			w.Snapshot().Layer(geo.LayerBuildings).Search(boxes[i%int64(len(boxes))], func(geo.Feature) bool { return true })
		})
	})
	b.Run("http", func(b *testing.B) {
		s := newStore(b)
		srv, err := api.New(s.World(), api.Config{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		urls := itemsURLs(b, ts.URL, s.World().Snapshot())
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		interleaved(b, s, 4, func(i int64) {
			if err := get(client, urls[i%int64(len(urls))]); err != nil {
				b.Error(err)
			}
		})
	})
}

func interleaved(b *testing.B, s *live.Store, workers int, query func(int64)) {
	b.ResetTimer()
	w, err := Interleave(context.Background(), s, 10000, 100, workers, 250*time.Millisecond, b.N, query)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(median(w.Idle), "idle-q/s")
	b.ReportMetric(median(w.Loaded), "loaded-q/s")
	b.ReportMetric(100*w.Ratio(), "ratio-%")
	b.ReportMetric(median(w.Ingest), "ingest-deltas/s")
}

// BenchmarkFsync is the floor under every durable figure above: append 4
// KiB to a file in the same temporary directory and fsync it, one at a
// time, and report the p50, p99 and max of the fsync. An op is one append
// and fsync. Run it beside the latency benchmark to tell a slow disk from
// a slow store.
func BenchmarkFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "probe"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := f.Write(buf); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(Percentile(lat, 0.50)), "p50-ms")
	b.ReportMetric(ms(Percentile(lat, 0.99)), "p99-ms")
	b.ReportMetric(ms(Percentile(lat, 1)), "max-ms")
}

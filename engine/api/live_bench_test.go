package api

// Benchmarks of the live path over real loopback HTTP with the write-ahead
// log fsynced (group commit): ingest throughput in batches of 1000 deltas,
// and the latency from a delta's timestamp to its arrival at an SSE client
// at 10,000 deltas/s.
//
//	go test -run='^$' -bench='PostDeltas|StreamLatency' -benchtime=5s ./engine/api/

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"twin/engine"
	"twin/engine/live"
)

// benchSensors is how many sensors the benchmark city has; readings cycle
// through them.
const benchSensors = 1000

// benchFixture serves smallWorld plus benchSensors sensors (s0…s999) on a
// 40 × 25 grid of about 2 km × 2 km over Monaco, with a store on disk
// (fsync on) in a temporary directory.
func benchFixture(b *testing.B) *liveFixture {
	b.Helper()
	f := newLiveFixture(b, smallWorld(b), Config{MaxBody: 64 << 20}, live.Options{Dir: b.TempDir()}, nil)
	f.srv.live.now = time.Now
	var sb strings.Builder
	for i := range benchSensors {
		fmt.Fprintf(&sb, `{"source":"setup","seq":%d,"ts":"2026-01-01T00:00:00Z","kind":"upsert","layer":"sensors","id":"s%d","geometry":{"type":"Point","coordinates":[%.5f,%.5f]},"properties":{"type":"water_level","unit":"m"}}`+"\n",
			i+1, i, 7.40+float64(i%40)*0.0006, 43.72+float64(i/40)*0.0007)
	}
	if r := mustPost(b, f.ts.URL, sb.String()); r.Applied != benchSensors {
		b.Fatalf("setup: %+v", r)
	}
	return f
}

// readingBatch appends n NDJSON readings of source src, sequence numbers
// from seq on, all stamped ts, cycling through the sensors.
func readingBatch(dst []byte, src string, seq uint64, n int, ts time.Time) []byte {
	stamp := ts.UTC().AppendFormat(nil, time.RFC3339Nano)
	for i := range n {
		s := seq + uint64(i)
		dst = append(dst, `{"source":"`...)
		dst = append(dst, src...)
		dst = append(dst, `","seq":`...)
		dst = strconv.AppendUint(dst, s, 10)
		dst = append(dst, `,"ts":"`...)
		dst = append(dst, stamp...)
		dst = append(dst, `","kind":"reading","layer":"sensors","id":"s`...)
		dst = strconv.AppendUint(dst, s%benchSensors, 10)
		dst = append(dst, `","value":`...)
		dst = strconv.AppendFloat(dst, float64(s%1000)/100, 'f', 2, 64)
		dst = append(dst, "}\n"...)
	}
	return dst
}

// post sends an NDJSON body and fails unless it is acknowledged.
func post(b *testing.B, client *http.Client, url string, body []byte) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+liveToken)
	resp, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	var r live.Result
	err = json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	if resp.StatusCode != 200 || err != nil {
		b.Errorf("POST /deltas: %d %v", resp.StatusCode, err)
	}
}

// BenchmarkPostDeltas: batches of 1000 sensor readings (≈ 120 bytes each)
// POSTed by 1 or 4 concurrent clients; one op is one batch. Target (issue
// 4): ≥ 100,000 deltas/s.
func BenchmarkPostDeltas(b *testing.B) {
	const batch = 1000
	for _, clients := range []int{1, 4} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			f := benchFixture(b)
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
			work := make(chan int)
			var wg sync.WaitGroup
			b.ReportAllocs()
			b.ResetTimer()
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					src, seq := "bench"+strconv.Itoa(c), uint64(1)
					var body []byte
					for range work {
						body = readingBatch(body[:0], src, seq, batch, time.Now())
						seq += batch
						post(b, client, f.ts.URL+"/deltas", body)
					}
				}()
			}
			for i := range b.N {
				work <- i
			}
			close(work)
			wg.Wait()
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "deltas/s")
		})
	}
}

// BenchmarkStreamLatency ingests 10,000 deltas/s over HTTP (batches of 10,
// 100 or 1000, sent on schedule by 4 clients) and measures, at an SSE
// client, the time from each delta's timestamp (its scheduled send time,
// so a producer that falls behind counts against the latency) to its
// arrival. One op is one batch. Target (issue 4): p99 < 50 ms.
func BenchmarkStreamLatency(b *testing.B) {
	const rate = 10000 // deltas/s
	for _, batch := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			f := benchFixture(b)
			c := openSSE(b, nil, f.ts.URL+"/deltas/stream", "")
			lat := make(chan []time.Duration)
			go collectLatencies(c, b.N*batch, lat)
			b.ResetTimer()
			sendOnSchedule(b, f.ts.URL+"/deltas", b.N, batch, time.Duration(batch)*time.Second/rate)
			ds := <-lat
			b.StopTimer()
			if len(ds) < b.N*batch {
				b.Fatalf("received %d of %d deltas", len(ds), b.N*batch)
			}
			slices.Sort(ds)
			q := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))]) / 1e6 }
			b.ReportMetric(q(0.5), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
			b.ReportMetric(q(1), "max-ms")
		})
	}
}

// sendOnSchedule POSTs n batches of size readings, batch i due at
// start+i·every, from 4 clients (each its own source, so its sequence
// numbers stay in order).
func sendOnSchedule(b *testing.B, url string, n, size int, every time.Duration) {
	const clients = 4
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	due := make(chan time.Time, n)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src, seq := "lat"+strconv.Itoa(c), uint64(1)
			var body []byte
			for ts := range due {
				body = readingBatch(body[:0], src, seq, size, ts)
				seq += uint64(size)
				post(b, client, url, body)
			}
		}()
	}
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * every)
		time.Sleep(time.Until(at))
		due <- at
	}
	close(due)
	wg.Wait()
}

// collectLatencies reads batch events until want deltas have arrived and
// sends their latencies (arrival − ts).
func collectLatencies(c *sseClient, want int, out chan<- []time.Duration) {
	ds := make([]time.Duration, 0, want)
	var b struct {
		Deltas []engine.Delta `json:"deltas"`
	}
	for len(ds) < want {
		ev, err := c.next()
		if err != nil {
			break
		}
		if ev.event != "batch" {
			continue
		}
		now := time.Now()
		b.Deltas = b.Deltas[:0]
		if json.Unmarshal([]byte(ev.data), &b) != nil {
			break
		}
		for _, d := range b.Deltas {
			ds = append(ds, now.Sub(d.TS))
		}
	}
	out <- ds
}

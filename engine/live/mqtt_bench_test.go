package live

import (
	"context"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"

	"twin/engine"
	"twin/internal/sharedtest"
)

// BenchmarkMQTTIngest measures sustained ingest through a real Mosquitto
// broker into a Store with fsync on: readings of 100 sensors, one per QoS 1
// message, and the clock stops when the Store has applied all b.N. The
// deltas/s metric is the figure the live-twin issue asks for (≥ 50,000/s);
// cpu-µs/delta (this process) and broker-cpu-µs/delta say what the rate
// costs, which stays put when other work shares the cores. Run:
//
//	go test -run='^$' -bench=MQTTIngest -benchtime=200000x -count=4 ./engine/live
//
// live: the publishers run in this process beside the twin, sharing its
// cores with the broker. backlog: the messages are published while the
// twin is away, queued by the broker in the twin's persistent session, and
// the clock runs while the twin drains them: the twin's own capacity.
//
// On the 2-core development machine, shared with other work (load average
// 6 to 8), backlog gave 19,000 to 62,000 deltas/s at 19 to 22 µs of CPU per
// delta in the twin and 4.2 µs in Mosquitto, which puts two idle cores'
// ceiling near 80,000/s; live gave 14,000 to 33,000/s at 37 to 38 µs here
// (publishers included) and 11 to 15 µs in the broker.
func BenchmarkMQTTIngest(b *testing.B) {
	b.Run("live", func(b *testing.B) { benchMQTTIngest(b, 2, false) })
	b.Run("backlog", func(b *testing.B) { benchMQTTIngest(b, 2, true) })
}

func benchMQTTIngest(b *testing.B, workers int, backlog bool) {
	broker := sharedtest.Mosquitto(b)
	w := mqttWorld(b)
	s, err := Open(context.Background(), w, Options{Dir: b.TempDir(), CheckpointEvery: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const sensors = 100
	ups := make([]engine.Delta, sensors)
	for i := range ups {
		ups[i] = sensor("setup", uint64(i+1), fmt.Sprintf("g%d", i), 7.42+float64(i)*1e-4, 43.73)
	}
	mustIngest(b, s, ups...)
	opt := MQTTOptions{URL: broker.URL, ClientID: "twin-bench"}
	m := startMQTT(b, s, opt)
	if backlog {
		m.Close(context.Background())
		publishBench(b, broker.Addr, workers, sensors)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0, bcpu0 := time.Now(), cpuTime(), broker.CPUTime()
	if backlog {
		m = startMQTT(b, s, opt)
	} else {
		publishBench(b, broker.Addr, workers, sensors)
	}
	for deadline := time.Now().Add(5 * time.Minute); m.Stats().Applied < uint64(b.N); {
		if time.Now().After(deadline) || b.Failed() {
			b.Fatalf("applied %d of %d", m.Stats().Applied, b.N)
		}
		time.Sleep(100 * time.Microsecond)
	}
	elapsed, cpu, bcpu := time.Since(start), cpuTime()-cpu0, broker.CPUTime()-bcpu0
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "deltas/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/delta")
	b.ReportMetric(float64(bcpu.Microseconds())/float64(b.N), "broker-cpu-µs/delta")
	b.ReportMetric(float64(b.N)/float64(max(m.Stats().Batches, 1)), "deltas/batch")
}

// cpuTime returns the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// publishBench publishes b.N readings of the sensors g0… with QoS 1 from
// workers concurrent clients, each a source of its own, each keeping up to
// the broker's Receive Maximum in flight and waiting for its last PUBACK.
func publishBench(b *testing.B, addr string, workers, sensors int) {
	var wg sync.WaitGroup
	for k := range workers {
		p := newPublisher(b, addr, fmt.Sprintf("bench-%d", k))
		wg.Go(func() {
			src := fmt.Sprintf("w%d", k)
			ctx := context.Background()
			for i := k; i < b.N; i += workers {
				payload := fmt.Appendf(nil, `{"source":%q,"seq":%d,"ts":"2026-11-23T08:00:00Z","kind":"reading","layer":"sensors","id":"g%d","value":%d}`,
					src, i+1, i%sensors, i)
				opt := paho.PublishOptions{Method: paho.PublishMethod_AsyncSend}
				if i+workers >= b.N {
					opt.Method = paho.PublishMethod_Blocking // the broker acknowledges in order
				}
				if _, err := p.c.PublishWithOptions(ctx, &paho.Publish{Topic: "twin/bench/reading/g", QoS: 1, Payload: payload}, opt); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

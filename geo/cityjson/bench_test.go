package cityjson

import (
	"bytes"
	"os"
	"testing"

	"twin/internal/sharedtest"
)

// BenchmarkDecodeDelft decodes the Delft file (570 city objects, 18,262
// vertices, 1.4 MB) from memory.
func BenchmarkDecodeDelft(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, delft))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	features := 0
	for b.Loop() {
		ds, err := Decode(bytes.NewReader(data), delft, Options{})
		if err != nil {
			b.Fatal(err)
		}
		features += len(ds.Layers["buildings"]) + len(ds.Layers[LayerCityObjects])
	}
	b.ReportMetric(float64(features)/b.Elapsed().Seconds(), "features/s")
}

package swmm

import (
	"bytes"
	"io"
	"os"
	"testing"

	"twin/internal/sharedtest"
)

func benchDecode(b *testing.B, rel string) {
	data, err := os.ReadFile(sharedtest.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var features int
	for b.Loop() {
		m, err := Decode(bytes.NewReader(data), "bench.inp", Options{})
		if err != nil {
			b.Fatal(err)
		}
		features = len(m.Conduits) + len(m.Junctions) + len(m.Storage) + len(m.Outfalls) + len(m.Subcatchments)
	}
	b.ReportMetric(float64(features)*float64(b.N)/b.Elapsed().Seconds(), "features/s")
}

func BenchmarkDecodeExample1(b *testing.B) { benchDecode(b, "pipes/swmm/usepa-swmm-Example1.inp") }
func BenchmarkDecodeBellinge(b *testing.B) {
	benchDecode(b, "pipes/swmm/swmmanywhere-bellinge_small.inp")
}

func BenchmarkEncodeExample1(b *testing.B) {
	m := decodeShared(b, "pipes/swmm/usepa-swmm-Example1.inp")
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

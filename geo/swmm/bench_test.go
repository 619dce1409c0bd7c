package swmm

import (
	"io"
	"testing"

	"twin/geo/internal/inp/inptest"
)

func benchDecode(b *testing.B, rel string) {
	inptest.BenchDecode(b, rel, func(r io.Reader) (int, error) {
		m, err := Decode(r, "bench.inp", Options{})
		if err != nil {
			return 0, err
		}
		return len(m.Conduits) + len(m.Junctions) + len(m.Storage) + len(m.Outfalls) + len(m.Subcatchments), nil
	})
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

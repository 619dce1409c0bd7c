package scenarios

import (
	"context"
	"testing"
	"time"

	"twin/scenarios/examples"
)

// BenchmarkDecode decodes and validates the combined example.
func BenchmarkDecode(b *testing.B) {
	src, err := examples.Read(examples.Demo)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Decode("combined.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunSurface runs the coupling scenario (surface flood at 40 m,
// dispatch, two runs) for 20 simulated minutes on the sample city.
func BenchmarkRunSurface(b *testing.B) {
	snap := sampleCity(b)
	sc, err := Decode("coupling.yaml", []byte(stormFile))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), snap, sc, RunOptions{Duration: 20 * time.Minute}); err != nil {
			b.Fatal(err)
		}
	}
}

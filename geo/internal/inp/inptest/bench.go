package inptest

import (
	"bytes"
	"io"
	"os"
	"testing"

	"twin/internal/sharedtest"
)

// BenchDecode benchmarks decode on the shared data file rel, reporting
// bytes/s, allocations and features/s, where decode returns the number of
// features (nodes, links, …) it read. It skips b (fails it under CI=true)
// when the file is missing.
func BenchDecode(b *testing.B, rel string, decode func(r io.Reader) (features int, err error)) {
	data, err := os.ReadFile(sharedtest.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var features int
	for b.Loop() {
		if features, err = decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(features)*float64(b.N)/b.Elapsed().Seconds(), "features/s")
}

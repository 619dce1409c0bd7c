package floodout

import (
	"io"
	"testing"
)

// BenchmarkDepthMap draws a 500 × 500 grid at one pixel per cell.
func BenchmarkDepthMap(b *testing.B) {
	g := testDEM(500, 500)
	depth := testDepth(g, 160, 250, 120, 2)
	b.ReportAllocs()
	for b.Loop() {
		if err := DepthMap(io.Discard, g, depth, MapOptions{PixelsPerCell: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

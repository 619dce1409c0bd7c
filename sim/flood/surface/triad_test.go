package surface

import (
	"fmt"
	"testing"
)

// BenchmarkTriad measures the machine's memory bandwidth as STREAM's triad
// does, a[i] = b[i] + s·c[i] over float32 arrays much larger than the last
// level cache (3 × 64 MiB), split across the workers of a pool like the
// solver's. GB/s counts 12 bytes per element (two reads, one write; the
// write's read-for-ownership is not counted), STREAM's convention.
//
// BenchmarkStep reports its own GB/s in the same convention from
// stepBytes: together they say how close the kernel is to the memory
// bound, and the ceiling triad GB/s ÷ stepBytes in cell updates/s.
func BenchmarkTriad(b *testing.B) {
	const n = 1 << 24
	x, y, z := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range y {
		y[i], z[i] = 1, float32(i&1023)
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			p := newPool(w, func(_, band int) {
				lo, hi := band*n/w, (band+1)*n/w
				triad(x[lo:hi], y[lo:hi], z[lo:hi], 3)
			})
			defer p.stop()
			p.do(0) // fault the pages in
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				p.do(0)
			}
			b.ReportMetric(float64(b.N)*12*n/b.Elapsed().Seconds()/1e9, "GB/s")
		})
	}
}

// triad sets a[i] = b[i] + s·c[i].
func triad(a, b, c []float32, s float32) {
	b, c = b[:len(a)], c[:len(a)]
	for i := range a {
		a[i] = b[i] + s*c[i]
	}
}

// stepBytes is what one cell update moves to or from memory in a step of
// the fused sweep without rain field or losses, counted as STREAM counts
// (each array read once and each written once per step; rows reused while
// in cache are not counted again, nor read-for-ownership): reads of h, z,
// n/2, qx, qy, the maximum depth and its time, writes of the new h, qx,
// qy, the maximum depth and its time. The time of the maximum (float32)
// is counted both ways: on the benchmark's sloshing lake about half the
// cells raise their maximum at each step, so every cache line of it is
// touched (and the eight-wide float32 kernel writes it back whole).
// 48 bytes in float32, 88 in float64.
func stepBytes(p Precision) float64 {
	if p == Float64 {
		return 10*8 + 2*4
	}
	return 12 * 4
}

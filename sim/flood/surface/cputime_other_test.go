//go:build !unix

package surface

// cpuSeconds is not measured here; benchmarks omit the CPU-time metric.
func cpuSeconds() float64 { return 0 }

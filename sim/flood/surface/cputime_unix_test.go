//go:build unix

package surface

import "syscall"

// cpuSeconds returns the CPU time this process has used (user + system,
// all threads), s. On a machine shared with other work it measures the
// kernel's cost better than wall time does.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

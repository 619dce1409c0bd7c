//go:build !unix

package dispatch

import "time"

// cpuTime is unavailable here; the cpu-µs/op metric reads 0.
func cpuTime() time.Duration { return 0 }

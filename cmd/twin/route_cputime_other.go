//go:build !unix

package main

import "time"

// processCPU is unavailable here: --timing reports 0 ms of CPU.
func processCPU() time.Duration { return 0 }

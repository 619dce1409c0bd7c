//go:build amd64 && !purego

package surface

import "golang.org/x/sys/cpu"

// haveAVX2 says whether denRowAVX2 may run (the processor and the OS
// support AVX2). Set once at start-up, read-only after.
var haveAVX2 = cpu.X86.HasAVX2

// denRowAVX2 is denRow for float32, eight faces at a time: it processes
// the first len(den) &^ 7 elements. fn and hf must be at least as long.
//
//go:noescape
func denRowAVX2(den, fn, hf []float32, gdt float32)

//go:build amd64 && !purego

package surface

import "golang.org/x/sys/cpu"

// haveAVX2 says whether faceRowAVX2 may run (the processor and the OS
// support AVX2). Set once at start-up, read-only after.
var haveAVX2 = cpu.X86.HasAVX2

// faceRowAVX2 is faceRow's loops for float32, eight faces at a time, over
// the a.n faces (a multiple of 8) that a describes.
//
//go:noescape
func faceRowAVX2(a *simdRow)

// depthRowAVX2 is depthRow's arithmetic for float32, eight cells at a
// time, over the a.n cells (a multiple of 8) that a describes.
//
//go:noescape
func depthRowAVX2(a *depthArgs)

// faceRowAVX2x64 is faceRowAVX2 for float64, four faces at a time, over
// the a.n faces (a multiple of 4) that a describes.
//
//go:noescape
func faceRowAVX2x64(a *simdRow64)

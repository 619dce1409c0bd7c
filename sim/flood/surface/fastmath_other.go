//go:build !amd64 || purego

package surface

const haveAVX2 = false

func faceRowAVX2(*simdRow) { panic("surface: no AVX2 kernel on this platform") }

func depthRowAVX2(*depthArgs) { panic("surface: no AVX2 kernel on this platform") }

func faceRowAVX2x64(*simdRow64) { panic("surface: no AVX2 kernel on this platform") }

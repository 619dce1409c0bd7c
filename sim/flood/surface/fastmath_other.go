//go:build !amd64 || purego

package surface

const haveAVX2 = false

func denRowAVX2(den, fn, hf []float32, gdt float32) {
	panic("surface: no AVX2 kernel on this platform")
}

package surface

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPow73: x^(−7/3) from invCbrt's first guess and two Newton steps is
// within 1e-4 relative of math.Pow over depths 1e-4 … 1e3 m (200,001
// log-spaced points; the bound is 7× invCbrt's 1.2e-5, since y⁷ multiplies
// a relative error by 7; measured 7.7e-5), in both precisions.
func TestPow73(t *testing.T) {
	var e32, e64 float64
	for i := 0; i <= 200000; i++ {
		x := math.Pow(10, -4+7*float64(i)/200000)
		want := math.Pow(float64(float32(x)), -7.0/3)
		e32 = max(e32, math.Abs(float64(pow73(float32(x)))/want-1))
		e64 = max(e64, math.Abs(pow73(x)/math.Pow(x, -7.0/3)-1))
	}
	if e32 > 1e-4 || e64 > 1e-4 {
		t.Errorf("largest relative error %.3g (float32), %.3g (float64), want ≤ 1e-4", e32, e64)
	}
}

// TestDenRow: denRow gives the same bits whichever path computes a face
// (eight-wide assembly where the processor has AVX2, the scalar loop for
// the tail and elsewhere): expected values come from the scalar formula,
// compared bit for bit, over seeded random inputs that include dry faces
// (hf ≤ 0), zero speed and depths from 1e-6 to 1e3 m, at every length
// from 0 to 40 (every tail).
func TestDenRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	const gdt = float32(9.81 * 0.7)
	for n := 0; n <= 40; n++ {
		den, fn, hf := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range den {
			den[i] = float32(rng.ExpFloat64()) * float32(rng.IntN(2))
			fn[i] = 0.01 + 0.1*rng.Float32()
			hf[i] = float32(math.Pow(10, -6+9*rng.Float64()))
			if rng.IntN(8) == 0 {
				hf[i] = -hf[i]
			}
		}
		want := make([]float32, n)
		for i := range want {
			want[i] = 1 + gdt*fn[i]*fn[i]*sqrt(den[i])*pow73(hf[i])
		}
		denRow(den, fn, hf, gdt)
		for i := range den {
			if hf[i] > 0 && math.Float32bits(den[i]) != math.Float32bits(want[i]) {
				t.Fatalf("n=%d face %d (hf %g): %g, want %g (avx2 %v)", n, i, hf[i], den[i], want[i], haveAVX2)
			}
		}
	}
}

package surface

import "math"

// real is the element type of the state arrays.
type real interface{ ~float32 | ~float64 }

// invCbrt returns x^(-1/3) for normal x > 0 with a relative error below
// 1.2e-5 over 1e-4 ≤ x ≤ 1e3 (TestPow73 checks y⁷): a bit-level first
// guess (the exponent divided by −3, as in the well-known fast inverse
// square root, with the constant tuned here for the cube root) refined by
// two Newton steps y ← y·(4 − x·y³)/3, which need no division. The friction
// term uses x^(-7/3) = y⁷, accurate to 1e-4: far below the uncertainty of
// any Manning's n. About 4× faster than math.Cbrt in the kernel;
// faceRowAVX2 runs it eight faces at a time in float32.
func invCbrt[T real](x T) T {
	y := T(math.Float32frombits(0x54a22000 - math.Float32bits(float32(x))/3))
	x3 := x * (1.0 / 3)
	y *= 4.0/3 - T(x3*y*y*y)
	y *= 4.0/3 - T(x3*y*y*y)
	return y
}

// fmax returns the larger of a and b (b when either is NaN). Cheaper than
// the builtin max, which must propagate NaN and order ±0.
func fmax[T real](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func fabs[T real](a T) T {
	if a < 0 {
		return -a
	}
	return a
}

// sqrt is math.Sqrt in T (float32 square roots are exact to rounding).
func sqrt[T real](x T) T { return T(math.Sqrt(float64(x))) }

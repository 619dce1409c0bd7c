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

// TestFaceRow: faceRow gives the same bits whichever path computes a face
// (assembly where the processor has AVX2: eight faces at a time in
// float32, four in float64; the scalar loops for the tail and elsewhere).
// Expected values come from the scheme's formula written out here,
// compared bit for bit, over seeded random rows that include dry faces,
// faces to blocked cells, zero and uphill flows, at every length from 0 to
// 40 (every tail), in both precisions.
func TestFaceRow(t *testing.T) {
	t.Run("float32", func(t *testing.T) { testFaceRow[float32](t) })
	t.Run("float64", func(t *testing.T) { testFaceRow[float64](t) })
}

func testFaceRow[T real](t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	k := &stepConst[T]{gdt: 9.81 * 0.7, thr: 1e-3, theta: 0.7, side: 0.15}
	gdtd := T(9.81 * 0.7 / 5)
	rnd := func(n int, f func() T) []T {
		s := make([]T, n)
		for i := range s {
			s[i] = f()
		}
		return s
	}
	bits := func(x T) uint64 { return math.Float64bits(float64(x)) }
	for n := 0; n <= 40; n++ {
		depth := func() T { return T(math.Pow(10, -4+4*rng.Float64())) * T(rng.IntN(4)) }
		bed := func() T {
			if rng.IntN(10) == 0 {
				return 1000 // a blocked cell's wall
			}
			return T(3 * rng.Float64())
		}
		flow := func() T { return T(rng.NormFloat64()) * T(rng.IntN(3)) }
		rough := func() T { return T(0.005 + 0.03*rng.Float64()) }
		v := faceRows[T]{
			ha: rnd(n, depth), hb: rnd(n, depth), za: rnd(n, bed), zb: rnd(n, bed), na: rnd(n, rough), nb: rnd(n, rough),
			q0: rnd(n, flow), qa: rnd(n, flow), qb: rnd(n, flow),
			p0: rnd(n, flow), p1: rnd(n, flow), p2: rnd(n, flow), p3: rnd(n, flow),
		}
		want := make([]T, n)
		for i := range want {
			hf := fmax(v.za[i]+v.ha[i], v.zb[i]+v.hb[i]) - fmax(v.za[i], v.zb[i])
			if !(hf > k.thr) {
				continue
			}
			fn := v.na[i] + v.nb[i]
			qt := 0.25 * (v.p0[i] + v.p1[i] + v.p2[i] + v.p3[i])
			q := v.q0[i]
			den := 1 + T(k.gdt*fn*fn*sqrt(T(q*q)+T(qt*qt))*pow73(hf))
			de := (v.zb[i] - v.za[i]) + (v.hb[i] - v.ha[i])
			num := T(k.theta*q) + T(k.side*(v.qa[i]+v.qb[i])) - T(gdtd*hf*de)
			if num*de > 0 {
				num = q - T(gdtd*hf*de)
			}
			want[i] = num / den
		}
		got := make([]T, n)
		sc := newScratch[T](n)
		faceRow(got, &v, &sc, gdtd, k)
		for i := range got {
			if bits(got[i]) != bits(want[i]) {
				t.Fatalf("n=%d face %d: %g, want %g (avx2 %v)", n, i, got[i], want[i], haveAVX2)
			}
		}
	}
}

// TestDepthRow: depthRow gives the same depths, maxima, times of maxima,
// largest depth and list of negative cells whichever path computes a cell
// (assembly where available, scalar for the tail), with uniform rain and
// with a rain field. Expected values: the continuity formula written out
// here in float32, compared bit for bit, over seeded random rows with
// cells drawn negative and rising above their maxima, lengths 0 to 40.
func TestDepthRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	k := &stepConst[float32]{dtdx: 0.1, dtdy: 0.12, rainDt: 1e-5, dt: 0.5, t: 42}
	for n := 0; n <= 40; n++ {
		for _, field := range []bool{false, true} {
			rnd := func(m int, f func() float32) []float32 {
				s := make([]float32, m)
				for i := range s {
					s[i] = f()
				}
				return s
			}
			src := rnd(n, func() float32 { return rng.Float32() })
			qx := rnd(n+1, func() float32 { return 3 * float32(rng.NormFloat64()) })
			qyN := rnd(n, func() float32 { return 3 * float32(rng.NormFloat64()) })
			qyS := rnd(n, func() float32 { return 3 * float32(rng.NormFloat64()) })
			hmax := rnd(n, func() float32 { return 1.2 * rng.Float32() })
			tmax := rnd(n, func() float32 { return 10 * rng.Float32() })
			var rain []float32
			if field {
				rain = rnd(n, func() float32 { return 1e-4 * rng.Float32() })
			}
			wantH, wantMax, wantT := make([]float32, n), append([]float32(nil), hmax...), append([]float32(nil), tmax...)
			var wantTop float32
			var wantNeg []int32
			for c := range n {
				r := k.rainDt
				if field {
					r = float32(rain[c] * k.dt)
				}
				hn := src[c] + r + float32(k.dtdx*(qx[c]-qx[c+1])) + float32(k.dtdy*(qyS[c]-qyN[c]))
				wantH[c] = hn
				wantTop = max(wantTop, hn)
				if hn > wantMax[c] {
					wantMax[c], wantT[c] = hn, k.t
				} else if !(hn >= 0) {
					wantNeg = append(wantNeg, 100+int32(c))
				}
			}
			dst := make([]float32, n)
			top, neg := depthRow(dst, src, qx, qyN, qyS, rain, hmax, tmax, 100, nil, k)
			same := func(a, b []float32) bool {
				for i := range a {
					if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
						return false
					}
				}
				return true
			}
			if !same(dst, wantH) || !same(hmax, wantMax) || !same(tmax, wantT) || top != wantTop || len(neg) != len(wantNeg) {
				t.Fatalf("n=%d field=%v: outputs differ from the formula (top %g want %g, %d negative want %d)", n, field, top, wantTop, len(neg), len(wantNeg))
			}
			for i := range neg {
				if neg[i] != wantNeg[i] {
					t.Fatalf("n=%d field=%v: negative cells %v, want %v", n, field, neg, wantNeg)
				}
			}
		}
	}
}

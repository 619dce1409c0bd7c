package surface

import "unsafe"

// The glue between the kernels' generic code and the assembly of
// fastmath_amd64.s: the arguments are passed as one struct of pointers
// and constants, built on the stack for each row (nothing escapes).

// faceRowSIMD runs faceRowAVX2 on the first m faces (m a multiple of 8);
// T is float32.
func faceRowSIMD[T real](qn []T, v *faceRows[T], sc *scratch[T], m int, gdtd T, k *stepConst[T]) {
	a := simdRow{
		p: [17]unsafe.Pointer{
			unsafe.Pointer(&qn[0]), unsafe.Pointer(&v.ha[0]), unsafe.Pointer(&v.hb[0]),
			unsafe.Pointer(&v.za[0]), unsafe.Pointer(&v.zb[0]), unsafe.Pointer(&v.na[0]), unsafe.Pointer(&v.nb[0]),
			unsafe.Pointer(&v.q0[0]), unsafe.Pointer(&v.qa[0]), unsafe.Pointer(&v.qb[0]),
			unsafe.Pointer(&v.p0[0]), unsafe.Pointer(&v.p1[0]), unsafe.Pointer(&v.p2[0]), unsafe.Pointer(&v.p3[0]),
			unsafe.Pointer(&sc.hf[0]), unsafe.Pointer(&sc.den[0]), unsafe.Pointer(&sc.fn[0]),
		},
		n: m,
		c: [5]float32{as32(k.gdt), as32(gdtd), as32(k.thr), as32(k.theta), as32(k.side)},
	}
	faceRowAVX2(&a)
}

// faceRowSIMD64 runs faceRowAVX2x64 on the first m faces (m a multiple of
// 4); T is float64.
func faceRowSIMD64[T real](qn []T, v *faceRows[T], sc *scratch[T], m int, gdtd T, k *stepConst[T]) {
	a := simdRow64{n: m, c: [5]float64{as64(k.gdt), as64(gdtd), as64(k.thr), as64(k.theta), as64(k.side)}}
	a.p = [17]unsafe.Pointer{
		unsafe.Pointer(&qn[0]), unsafe.Pointer(&v.ha[0]), unsafe.Pointer(&v.hb[0]),
		unsafe.Pointer(&v.za[0]), unsafe.Pointer(&v.zb[0]), unsafe.Pointer(&v.na[0]), unsafe.Pointer(&v.nb[0]),
		unsafe.Pointer(&v.q0[0]), unsafe.Pointer(&v.qa[0]), unsafe.Pointer(&v.qb[0]),
		unsafe.Pointer(&v.p0[0]), unsafe.Pointer(&v.p1[0]), unsafe.Pointer(&v.p2[0]), unsafe.Pointer(&v.p3[0]),
		unsafe.Pointer(&sc.hf[0]), unsafe.Pointer(&sc.den[0]), unsafe.Pointer(&sc.fn[0]),
	}
	faceRowAVX2x64(&a)
}

// simdRow64 is simdRow with float64 constants, for faceRowAVX2x64.
type simdRow64 struct {
	p [17]unsafe.Pointer
	n int
	c [5]float64
}

// as64 returns an 8-byte real as float64.
func as64[T real](x T) float64 { return *(*float64)(unsafe.Pointer(&x)) }

// simdRow is faceRowAVX2's argument: the first elements of qn, the views
// (faceRows order) and the scratch rows (hf, den, fn), the number of faces
// (a multiple of 8), and the constants g·Δt, g·Δt/Δ, threshold, θ, (1−θ)/2.
type simdRow struct {
	p [17]unsafe.Pointer
	n int
	c [5]float32
}

// as32 returns a 4-byte real as float32.
func as32[T real](x T) float32 { return *(*float32)(unsafe.Pointer(&x)) }

// depthRowSIMD runs depthRowAVX2 on the first m cells of the row (m a
// multiple of 8; T is float32) and returns the largest new depth, with the
// cells left negative (or NaN) appended to neg in column order: the
// assembly only says whether there are any, and this finds them.
func depthRowSIMD[T real](dst, src, qx, qyN, qyS, rain, hmax []T, tmax []float32, m int, base int32, neg []int32, k *stepConst[T]) (T, []int32) {
	a := depthArgs{
		p: [8]unsafe.Pointer{unsafe.Pointer(&dst[0]), unsafe.Pointer(&src[0]), unsafe.Pointer(&qx[0]),
			unsafe.Pointer(&qyN[0]), unsafe.Pointer(&qyS[0]), nil, unsafe.Pointer(&hmax[0]), unsafe.Pointer(&tmax[0])},
		n: m,
		c: [4]float32{as32(k.dtdx), as32(k.dtdy), as32(k.rainDt), k.t},
	}
	if rain != nil {
		a.p[5] = unsafe.Pointer(&rain[0])
		a.c[2] = as32(k.dt)
	}
	depthRowAVX2(&a)
	var top T
	for _, v := range a.top {
		top = fmax(T(v), top)
	}
	if a.ok != 0xff {
		for c, v := range dst[:m] {
			if !(v >= 0) {
				neg = append(neg, base+int32(c))
			}
		}
	}
	return top, neg
}

// depthArgs is depthRowAVX2's argument: the first elements of dst, src,
// qx, qyN, qyS, rain (nil for uniform rain), hmax and tmax; the number of
// cells (a multiple of 8); Δt/Δx, Δt/Δy, the uniform rain depth of the
// step or (with a rain field) Δt, and the time of the step's end. The
// assembly returns the lane-wise largest depths in top and, in ok, the
// lanes where every new depth was ≥ 0 (0xff: no cell to fix).
type depthArgs struct {
	p   [8]unsafe.Pointer
	n   int
	c   [4]float32
	top [8]float32
	ok  int
}

package surface

import "unsafe"

// This file holds the hot loops of the local-inertial scheme. Each works on
// one row (of cells or of faces) so that the worker pool can split rows
// across cores. They never allocate.
//
// Face flows q are per unit width (m²/s), positive east (x faces) and north
// (y faces). For a face between cells a (west or south) and b (east or
// north), de Almeida et al. (2012) eq. 11 with Bates et al. (2010) friction:
//
//	hf    = max(η_a, η_b) − max(z_a, z_b)                    (flow depth)
//	q'    = θ·q + (1−θ)/2·(q_prev + q_next)                  (old flows along the line)
//	q_new = (q' − g·hf·Δt·(η_b − η_a)/Δx) / (1 + g·Δt·n²·|q⃗|/hf^{7/3})
//
// where |q⃗| is the magnitude of the old unit flow at the face: the face's
// own q and the mean of the four nearest faces of the other direction, as
// LISFLOOD-FP's default 2D friction does (fricSolver2D); n is the mean of
// the two cells' Manning's n.
//
// and q_new = 0 where hf ≤ the depth threshold. Where the θ-weighted
// update would send water up the water-surface slope, the face takes the
// θ = 1 update instead (q' = q), as LISFLOOD-FP's ACC solver does, so θ's
// smoothing only ever helps water downhill. The θ-scheme's own 2D
// stability limit is kept by the time step (step.go, stabilityLength).
// The bed difference and the depth difference are summed separately,
// (z_b − z_a) + (h_b − h_a), so that the slope keeps its precision in
// float32 over high ground.

// stepConst holds the per-step constants of the kernels.
type stepConst[T real] struct {
	gdt    T // g·Δt
	gdtdx  T // g·Δt/Δx
	gdtdy  T // g·Δt/Δy
	dtdx   T // Δt/Δx
	dtdy   T // Δt/Δy
	theta  T // θ
	side   T // (1−θ)/2
	thr    T // depth threshold, m
	rainDt T // uniform rain depth of the step, m (when no rain field)
	dt     T
	t      float32 // time at the end of the step, s (for the time of maximum)
}

// flowsX updates the interior x faces of one row: qn[c] for 1 ≤ c < nx is
// the face between cells c−1 and c. qo holds the old flows of the row
// (nx+1 faces), h, z and nh (Manning's n halved) the row's cells, and qyN,
// qyS the old flows of the row's northern and southern y faces (for the
// friction speed). hf and den are scratch rows of nx+1.
//
// The work is split into short loops over the row: flow depths, squared
// flow speeds, friction denominators, then numerators and the division.
// The denominator's power and square root are long chains of dependent
// operations; in a short loop body the processor overlaps them across many
// faces, and each loop touches few arrays, so their pointers stay in
// registers. The scratch rows stay in L1 cache. The uphill test is made on
// the numerator, whose sign is the new flow's (the denominator is ≥ 1), so
// that one division serves both branches.
func flowsX[T real](qn, qo, h, z, nh, qyN, qyS []T, sc *scratch[T], k *stepConst[T]) {
	nx := len(h)
	if nx < 2 {
		return
	}
	hf, den, fn := sc.hf[:nx+1], sc.den[:nx+1], sc.fn[:nx+1]
	qn, qo = qn[:nx+1], qo[:nx+1]
	z, nh = z[:nx], nh[:nx]
	qyN, qyS = qyN[:nx], qyS[:nx]
	thr, theta, side, gdtdx, gdt := k.thr, k.theta, k.side, k.gdtdx, k.gdt
	for c := 1; c < nx; c++ {
		ha, hb, za, zb := h[c-1], h[c], z[c-1], z[c]
		hf[c] = fmax(za+ha, zb+hb) - fmax(za, zb)
		fn[c] = nh[c-1] + nh[c]
	}
	for c := 1; c < nx; c++ {
		q0 := qo[c]
		qt := 0.25 * (qyN[c-1] + qyN[c] + qyS[c-1] + qyS[c])
		den[c] = q0*q0 + qt*qt
	}
	denRow(den[1:nx], fn[1:nx], hf[1:nx], gdt)
	for c := 1; c < nx; c++ {
		f := hf[c]
		if !(f > thr) {
			qn[c] = 0
			continue
		}
		q0 := qo[c]
		de := (z[c] - z[c-1]) + (h[c] - h[c-1])
		num := theta*q0 + side*(qo[c-1]+qo[c+1]) - gdtdx*f*de
		if num*de > 0 { // uphill: the θ = 1 update (see the file comment)
			num = q0 - gdtdx*f*de
		}
		qn[c] = num / den[c]
	}
}

// flowsY updates one row of interior y faces: the faces between row s (the
// southern cells hs, zs, ns) and row n (northern: hn, zn, nn). qo is the old
// flow of these faces, qoN and qoS those of the face rows north and south,
// qxN and qxS the old x-face flows of the two cell rows (nx+1 each). hf and
// den are scratch rows of nx (or more). The same loops as flowsX.
func flowsY[T real](qn, qo, qoN, qoS, hn, hs, zn, zs, nn, ns, qxN, qxS []T, sc *scratch[T], k *stepConst[T]) {
	nx := len(qn)
	hf, den, fn := sc.hf[:nx], sc.den[:nx], sc.fn[:nx]
	qo, qoN, qoS = qo[:nx], qoN[:nx], qoS[:nx]
	qxN, qxS = qxN[:nx+1], qxS[:nx+1]
	hn, hs, zn, zs, nn, ns = hn[:nx], hs[:nx], zn[:nx], zs[:nx], nn[:nx], ns[:nx]
	thr, theta, side, gdtdy, gdt := k.thr, k.theta, k.side, k.gdtdy, k.gdt
	for c := 0; c < nx; c++ {
		ha, hb, za, zb := hs[c], hn[c], zs[c], zn[c]
		hf[c] = fmax(za+ha, zb+hb) - fmax(za, zb)
		fn[c] = ns[c] + nn[c]
	}
	for c := 0; c < nx; c++ {
		q0 := qo[c]
		qt := 0.25 * (qxN[c] + qxN[c+1] + qxS[c] + qxS[c+1])
		den[c] = q0*q0 + qt*qt
	}
	denRow(den, fn, hf, gdt)
	for c := 0; c < nx; c++ {
		f := hf[c]
		if !(f > thr) {
			qn[c] = 0
			continue
		}
		q0 := qo[c]
		de := (zn[c] - zs[c]) + (hn[c] - hs[c])
		num := theta*q0 + side*(qoN[c]+qoS[c]) - gdtdy*f*de
		if num*de > 0 { // uphill: the θ = 1 update
			num = q0 - gdtdy*f*de
		}
		qn[c] = num / den[c]
	}
}

// scratch holds one row of per-face intermediate values (nx+1 each).
type scratch[T real] struct {
	hf  []T // flow depth, m
	den []T // squared flow speed, then the friction denominator
	fn  []T // the sum of the two cells' Manning's n halves (the face's n)
}

func newScratch[T real](nx int) scratch[T] {
	return scratch[T]{hf: make([]T, nx+1), den: make([]T, nx+1), fn: make([]T, nx+1)}
}

// denRow turns squared flow speeds into friction denominators, den[i] =
// 1 + g·Δt·fn[i]²·√den[i]·hf[i]^(−7/3) with gdt = g·Δt, for faces whose
// flow depth exceeds the threshold (others get a value that is not used).
// In float32 on processors with AVX2 it does eight faces at a time in
// assembly (fastmath_amd64.s) with the same operations in the same order,
// so the results are the same bits as the loop below.
func denRow[T real](den, fn, hf []T, gdt T) {
	n := len(den)
	fn, hf = fn[:n], hf[:n]
	i := 0
	if unsafe.Sizeof(gdt) == 4 && haveAVX2 && n >= 8 {
		i = n &^ 7
		denRowAVX2(asFloat32(den[:i]), asFloat32(fn[:i]), asFloat32(hf[:i]), *(*float32)(unsafe.Pointer(&gdt)))
	}
	for ; i < n; i++ {
		den[i] = 1 + gdt*fn[i]*fn[i]*sqrt(den[i])*pow73(hf[i])
	}
}

// asFloat32 views a slice of a 4-byte real type as []float32.
func asFloat32[T real](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

// pow73 returns x^(-7/3) for x > 0 as y⁷, y = invCbrt(x) (relative error
// below 1e-4, TestPow73).
func pow73[T real](x T) T {
	r := invCbrt(x)
	r2 := r * r
	return r2 * r2 * r2 * r
}

// depthRow applies continuity to one row: dst = src + Δt·(net inflow)/area
// + rain (dst and src may be the same row). qx holds the row's nx+1 new x
// faces, qyN and qyS its new north and south y faces. rain, when not nil,
// is the rain rate per cell (m/s); otherwise k.rainDt is added to every
// cell. It tracks the maximum depth and its time, appends the index
// (base + c) of every cell left negative to neg, and returns the row's
// largest depth.
func depthRow[T real](dst, src, qx, qyN, qyS, rain, hmax []T, tmax []float32, base int32, neg []int32, k *stepConst[T]) (T, []int32) {
	nx := len(dst)
	src, qx = src[:nx], qx[:nx+1]
	qyN, qyS, hmax, tmax = qyN[:nx], qyS[:nx], hmax[:nx], tmax[:nx]
	dtdx, dtdy, t := k.dtdx, k.dtdy, k.t
	var top T
	if rain == nil {
		rd := k.rainDt
		for c := 0; c < nx; c++ {
			hn := src[c] + rd + dtdx*(qx[c]-qx[c+1]) + dtdy*(qyS[c]-qyN[c])
			dst[c] = hn
			if hn > top {
				top = hn
			}
			if hn > hmax[c] {
				hmax[c], tmax[c] = hn, t
			} else if !(hn >= 0) { // negative, or NaN (caught by the limiter)
				neg = append(neg, base+int32(c))
			}
		}
		return top, neg
	}
	rain = rain[:nx]
	dt := k.dt
	for c := 0; c < nx; c++ {
		hn := src[c] + rain[c]*dt + dtdx*(qx[c]-qx[c+1]) + dtdy*(qyS[c]-qyN[c])
		dst[c] = hn
		if hn > top {
			top = hn
		}
		if hn > hmax[c] {
			hmax[c], tmax[c] = hn, t
		} else if !(hn >= 0) { // negative, or NaN (caught by the limiter)
			neg = append(neg, base+int32(c))
		}
	}
	return top, neg
}

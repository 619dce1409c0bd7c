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
// friction speed). sc is scratch space.
func flowsX[T real](qn, qo, h, z, nh, qyN, qyS []T, sc *scratch[T], k *stepConst[T]) {
	nx := len(h)
	if nx < 2 {
		return
	}
	n := nx - 1 // face c is element c−1 of each view
	v := faceRows[T]{
		ha: h[:n], hb: h[1:nx], za: z[:n], zb: z[1:nx], na: nh[:n], nb: nh[1:nx],
		q0: qo[1:nx], qa: qo[:n], qb: qo[2 : nx+1],
		p0: qyN[:n], p1: qyN[1:nx], p2: qyS[:n], p3: qyS[1:nx],
	}
	faceRow(qn[1:nx], &v, sc, k.gdtdx, k)
}

// flowsY updates one row of interior y faces: the faces between row s (the
// southern cells hs, zs, ns) and row n (northern: hn, zn, nn). qo is the old
// flow of these faces, qoN and qoS those of the face rows north and south,
// qxN and qxS the old x-face flows of the two cell rows (nx+1 each).
func flowsY[T real](qn, qo, qoN, qoS, hn, hs, zn, zs, nn, ns, qxN, qxS []T, sc *scratch[T], k *stepConst[T]) {
	nx := len(qn)
	v := faceRows[T]{
		ha: hs[:nx], hb: hn[:nx], za: zs[:nx], zb: zn[:nx], na: ns[:nx], nb: nn[:nx],
		q0: qo[:nx], qa: qoN[:nx], qb: qoS[:nx],
		p0: qxN[:nx], p1: qxN[1 : nx+1], p2: qxS[:nx], p3: qxS[1 : nx+1],
	}
	faceRow(qn, &v, sc, k.gdtdy, k)
}

// faceRows views the inputs of a row of faces so that element i of every
// slice belongs to face i: the cells a (west or south) and b on either
// side, the face's old flow q0, the old flows qa and qb of the faces
// before and after it along its direction (for the θ average), and the
// four nearest old flows of the other direction, p0…p3 (for the friction
// speed, summed in that order).
type faceRows[T real] struct {
	ha, hb, za, zb, na, nb []T
	q0, qa, qb             []T
	p0, p1, p2, p3         []T
}

// faceRow computes the new flows qn of a row of faces (the views v; gdtd
// is g·Δt over the distance between the cell centres). The work is split
// into short loops over the row: flow depths and face roughness, friction
// denominators (squared speed, power, square root), then numerators and
// the division. The power and square root are long chains of dependent
// operations; in a short loop body the processor overlaps them across
// many faces, and each loop touches few arrays, so their pointers stay in
// registers; the scratch rows stay in L1 cache. The uphill test is made on
// the numerator, whose sign is the new flow's (the denominator is ≥ 1), so
// that one division serves both branches.
//
// On processors with AVX2 the loops run eight faces at a time in float32,
// four in float64, in assembly (fastmath_amd64.s) up to the last multiple
// of eight or four, with the same operations in the same order (no fused
// multiply-add), so every face gets the same bits as in the loops below,
// which finish the row. The T(…) conversions around products keep the
// compiler from fusing them into multiply-adds (as it may with
// GOAMD64=v3), which would change the last bit.
func faceRow[T real](qn []T, v *faceRows[T], sc *scratch[T], gdtd T, k *stepConst[T]) {
	n := len(qn)
	hf, den, fn := sc.hf[:n], sc.den[:n], sc.fn[:n]
	ha, hb, za, zb, na, nb := v.ha[:n], v.hb[:n], v.za[:n], v.zb[:n], v.na[:n], v.nb[:n]
	q0, qa, qb := v.q0[:n], v.qa[:n], v.qb[:n]
	p0, p1, p2, p3 := v.p0[:n], v.p1[:n], v.p2[:n], v.p3[:n]
	thr, theta, side, gdt := k.thr, k.theta, k.side, k.gdt
	i0 := 0
	if unsafe.Sizeof(gdt) == 4 && haveAVX2 && n >= 8 {
		i0 = n &^ 7
		faceRowSIMD(qn, v, sc, i0, gdtd, k)
	}
	if unsafe.Sizeof(gdt) == 8 {
		if haveAVX2 && n >= 4 {
			i0 = n &^ 3
			faceRowSIMD64(qn, v, sc, i0, gdtd, k)
		}
		faceRowFused(qn, v, i0, gdtd, k)
		return
	}
	for i := i0; i < n; i++ {
		hf[i] = fmax(za[i]+ha[i], zb[i]+hb[i]) - fmax(za[i], zb[i])
		fn[i] = na[i] + nb[i]
	}
	for i := i0; i < n; i++ {
		q := q0[i]
		qt := 0.25 * (p0[i] + p1[i] + p2[i] + p3[i])
		den[i] = T(q*q) + T(qt*qt)
	}
	for i := i0; i < n; i++ {
		den[i] = 1 + T(gdt*fn[i]*fn[i]*sqrt(den[i])*pow73(hf[i]))
	}
	for i := i0; i < n; i++ {
		f := hf[i]
		if !(f > thr) {
			qn[i] = 0
			continue
		}
		q := q0[i]
		de := (zb[i] - za[i]) + (hb[i] - ha[i])
		num := T(theta*q) + T(side*(qa[i]+qb[i])) - T(gdtd*f*de)
		if num*de > 0 { // uphill: the θ = 1 update (see the file comment)
			num = q - T(gdtd*f*de)
		}
		qn[i] = num / den[i]
	}
}

// faceRowFused is faceRow in one loop from face i0 on, each face from
// start to end: in float64 this is faster than the split loops, whose
// scratch rows are twice the size. Same operations, same bits.
func faceRowFused[T real](qn []T, v *faceRows[T], i0 int, gdtd T, k *stepConst[T]) {
	n := len(qn)
	ha, hb, za, zb, na, nb := v.ha[:n], v.hb[:n], v.za[:n], v.zb[:n], v.na[:n], v.nb[:n]
	q0, qa, qb := v.q0[:n], v.qa[:n], v.qb[:n]
	p0, p1, p2, p3 := v.p0[:n], v.p1[:n], v.p2[:n], v.p3[:n]
	thr, theta, side, gdt := k.thr, k.theta, k.side, k.gdt
	for i := i0; i < n; i++ {
		f := fmax(za[i]+ha[i], zb[i]+hb[i]) - fmax(za[i], zb[i])
		if !(f > thr) {
			qn[i] = 0
			continue
		}
		q := q0[i]
		qt := 0.25 * (p0[i] + p1[i] + p2[i] + p3[i])
		fn := na[i] + nb[i]
		den := 1 + T(gdt*fn*fn*sqrt(T(q*q)+T(qt*qt))*pow73(f))
		de := (zb[i] - za[i]) + (hb[i] - ha[i])
		num := T(theta*q) + T(side*(qa[i]+qb[i])) - T(gdtd*f*de)
		if num*de > 0 { // uphill: the θ = 1 update
			num = q - T(gdtd*f*de)
		}
		qn[i] = num / den
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
	c0 := 0
	if unsafe.Sizeof(top) == 4 && haveAVX2 && nx >= 8 {
		c0 = nx &^ 7
		top, neg = depthRowSIMD(dst, src, qx, qyN, qyS, rain, hmax, tmax, c0, base, neg, k)
	}
	if rain == nil {
		rd := k.rainDt
		for c := c0; c < nx; c++ {
			hn := src[c] + rd + T(dtdx*(qx[c]-qx[c+1])) + T(dtdy*(qyS[c]-qyN[c]))
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
	for c := c0; c < nx; c++ {
		hn := src[c] + T(rain[c]*dt) + T(dtdx*(qx[c]-qx[c+1])) + T(dtdy*(qyS[c]-qyN[c]))
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

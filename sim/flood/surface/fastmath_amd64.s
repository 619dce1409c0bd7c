//go:build amd64 && !purego

#include "textflag.h"

// simdRow offsets: the pointers (qn, ha, hb, za, zb, na, nb, q0, qa, qb,
// p0, p1, p2, p3, hf, den, fn), the count, the constants.
#define QN 0
#define HA 8
#define HB 16
#define ZA 24
#define ZB 32
#define NA 40
#define NB 48
#define Q0 56
#define QA 64
#define QB 72
#define P0 80
#define P1 88
#define P2 96
#define P3 104
#define HF 112
#define DEN 120
#define FN 128
#define CNT 136
#define GDT 144
#define GDTD 148
#define THR 152
#define THETA 156
#define SIDE 160

// func faceRowAVX2(a *simdRow)
//
// faceRow's four loops, eight faces at a time, with the scalar code's
// operations in its order and no fused multiply-add, so that every lane
// gets the bits the scalar code gives. fmax(a, b) is VMAXPS with a as the
// first source (it returns the second source unless the first is greater,
// as fmax does). invCbrt's bits(x)/3 is an unsigned division by 3 done as
// (bits·0xaaaaaaab) >> 33 on the even and the odd 32-bit lanes in turn.
TEXT ·faceRowAVX2(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), AX
	MOVQ CNT(AX), BX

	// Loop 1: hf = fmax(za+ha, zb+hb) − fmax(za, zb); fn = na + nb.
	MOVQ HA(AX), R8
	MOVQ HB(AX), R9
	MOVQ ZA(AX), R10
	MOVQ ZB(AX), R11
	MOVQ NA(AX), R12
	MOVQ NB(AX), R13
	MOVQ HF(AX), SI
	MOVQ FN(AX), DI
	XORQ CX, CX

depth:
	VMOVUPS (R10)(CX*4), Y2
	VMOVUPS (R11)(CX*4), Y3
	VADDPS  (R8)(CX*4), Y2, Y4
	VADDPS  (R9)(CX*4), Y3, Y5
	VMAXPS  Y5, Y4, Y4
	VMAXPS  Y3, Y2, Y6
	VSUBPS  Y6, Y4, Y4
	VMOVUPS Y4, (SI)(CX*4)
	VMOVUPS (R12)(CX*4), Y7
	VADDPS  (R13)(CX*4), Y7, Y7
	VMOVUPS Y7, (DI)(CX*4)
	ADDQ    $8, CX
	CMPQ    CX, BX
	JLT     depth

	// Loop 2: den = 1 + gdt·fn·fn·√(q0² + qt²)·hf^(−7/3),
	// qt = 0.25·(((p0 + p1) + p2) + p3).
	MOVQ Q0(AX), R8
	MOVQ P0(AX), R9
	MOVQ P1(AX), R10
	MOVQ P2(AX), R11
	MOVQ P3(AX), R12
	MOVQ HF(AX), SI
	MOVQ DEN(AX), DI
	MOVQ FN(AX), DX

	VBROADCASTSS GDT(AX), Y15
	MOVQ         $0xaaaaaaab, R13
	MOVQ         R13, X14
	VPBROADCASTQ X14, Y14         // the multiplier of the division by 3
	MOVL         $0x54a22000, R13
	MOVD         R13, X13
	VPBROADCASTD X13, Y13         // invCbrt's constant
	MOVL         $0x3eaaaaab, R13
	MOVD         R13, X12
	VPBROADCASTD X12, Y12         // float32(1/3)
	MOVL         $0x3faaaaab, R13
	MOVD         R13, X11
	VPBROADCASTD X11, Y11         // float32(4/3)
	MOVL         $0x3f800000, R13
	MOVD         R13, X10
	VPBROADCASTD X10, Y10         // 1
	MOVL         $0x3e800000, R13
	MOVD         R13, X9
	VPBROADCASTD X9, Y9           // 0.25
	XORQ         CX, CX

friction:
	VMOVUPS (R8)(CX*4), Y0        // q0
	VMOVUPS (R9)(CX*4), Y1
	VADDPS  (R10)(CX*4), Y1, Y1
	VADDPS  (R11)(CX*4), Y1, Y1
	VADDPS  (R12)(CX*4), Y1, Y1
	VMULPS  Y9, Y1, Y1            // qt
	VMULPS  Y0, Y0, Y0
	VMULPS  Y1, Y1, Y1
	VADDPS  Y1, Y0, Y0            // q0² + qt²

	VMOVUPS  (SI)(CX*4), Y2       // x = hf
	VPMULUDQ Y14, Y2, Y3          // even lanes: bits·m
	VPSRLQ   $33, Y3, Y3
	VPSRLQ   $32, Y2, Y4          // odd lanes
	VPMULUDQ Y14, Y4, Y4
	VPSRLQ   $33, Y4, Y4
	VPSLLQ   $32, Y4, Y4
	VPBLENDD $0xaa, Y4, Y3, Y3    // bits/3
	VPSUBD   Y3, Y13, Y3          // y
	VMULPS   Y12, Y2, Y4          // x3 = x·(1/3)

	VMULPS Y3, Y4, Y5
	VMULPS Y3, Y5, Y5
	VMULPS Y3, Y5, Y5
	VSUBPS Y5, Y11, Y5
	VMULPS Y5, Y3, Y3

	VMULPS Y3, Y4, Y5
	VMULPS Y3, Y5, Y5
	VMULPS Y3, Y5, Y5
	VSUBPS Y5, Y11, Y5
	VMULPS Y5, Y3, Y3

	VMULPS Y3, Y3, Y5             // r2
	VMULPS Y5, Y5, Y6
	VMULPS Y5, Y6, Y6
	VMULPS Y3, Y6, Y6             // hf^(−7/3)

	VMOVUPS (DX)(CX*4), Y7        // fn
	VMULPS  Y7, Y15, Y8
	VMULPS  Y7, Y8, Y8
	VSQRTPS Y0, Y0
	VMULPS  Y0, Y8, Y8
	VMULPS  Y6, Y8, Y8
	VADDPS  Y10, Y8, Y8
	VMOVUPS Y8, (DI)(CX*4)
	ADDQ    $8, CX
	CMPQ    CX, BX
	JLT     friction

	// Loop 3: qn = (f > thr) ? num/den : 0, with
	// num = θ·q0 + side·(qa + qb) − (gdtd·f)·de, or q0 − (gdtd·f)·de
	// where num·de > 0, and de = (zb − za) + (hb − ha).
	VBROADCASTSS THR(AX), Y15
	VBROADCASTSS THETA(AX), Y14
	VBROADCASTSS SIDE(AX), Y13
	VBROADCASTSS GDTD(AX), Y12
	VXORPS       Y11, Y11, Y11
	MOVQ         QN(AX), DX
	MOVQ         Q0(AX), R8
	MOVQ         QA(AX), R9
	MOVQ         QB(AX), R10
	MOVQ         ZA(AX), R11
	MOVQ         ZB(AX), R12
	MOVQ         HA(AX), R13
	MOVQ         HB(AX), SI
	MOVQ         HF(AX), DI
	MOVQ         DEN(AX), AX
	XORQ         CX, CX

flux:
	VMOVUPS   (DI)(CX*4), Y0      // f
	VMOVUPS   (R8)(CX*4), Y1      // q
	VMOVUPS   (R12)(CX*4), Y2
	VSUBPS    (R11)(CX*4), Y2, Y2 // zb − za
	VMOVUPS   (SI)(CX*4), Y3
	VSUBPS    (R13)(CX*4), Y3, Y3 // hb − ha
	VADDPS    Y3, Y2, Y2          // de
	VMULPS    Y1, Y14, Y4         // θ·q
	VMOVUPS   (R9)(CX*4), Y5
	VADDPS    (R10)(CX*4), Y5, Y5
	VMULPS    Y5, Y13, Y5         // side·(qa + qb)
	VADDPS    Y5, Y4, Y4
	VMULPS    Y0, Y12, Y6
	VMULPS    Y2, Y6, Y6          // (gdtd·f)·de
	VSUBPS    Y6, Y4, Y4          // num
	VSUBPS    Y6, Y1, Y7          // the θ = 1 numerator
	VMULPS    Y2, Y4, Y8
	VCMPPS    $0x1e, Y11, Y8, Y8  // num·de > 0 (ordered)
	VBLENDVPS Y8, Y7, Y4, Y4
	VDIVPS    (AX)(CX*4), Y4, Y4
	VCMPPS    $0x1e, Y15, Y0, Y9  // f > thr (ordered)
	VANDPS    Y9, Y4, Y4
	VMOVUPS   Y4, (DX)(CX*4)
	ADDQ      $8, CX
	CMPQ      CX, BX
	JLT       flux

	VZEROUPPER
	RET

// depthArgs offsets.
#define D_DST 0
#define D_SRC 8
#define D_QX 16
#define D_QYN 24
#define D_QYS 32
#define D_RAIN 40
#define D_HMAX 48
#define D_TMAX 56
#define D_CNT 64
#define D_DTDX 72
#define D_DTDY 76
#define D_RD 80
#define D_T 84
#define D_TOP 88
#define D_OK 120

// One block of eight cells: Y0 holds src + rain on entry.
#define DEPTH_BLOCK \
	VMOVUPS   (DX)(CX*4), Y1      \
	VSUBPS    4(DX)(CX*4), Y1, Y1 \
	VMULPS    Y1, Y15, Y1         \
	VADDPS    Y1, Y0, Y0          \
	VMOVUPS   (R9)(CX*4), Y3      \
	VSUBPS    (R8)(CX*4), Y3, Y3  \
	VMULPS    Y3, Y14, Y3         \
	VADDPS    Y3, Y0, Y0          \
	VMOVUPS   Y0, (DI)(CX*4)      \
	VMAXPS    Y11, Y0, Y11        \
	VMOVUPS   (R11)(CX*4), Y4     \
	VCMPPS    $0x1e, Y4, Y0, Y5   \
	VBLENDVPS Y5, Y0, Y4, Y4      \
	VMOVUPS   Y4, (R11)(CX*4)     \
	VMOVUPS   (R12)(CX*4), Y6     \
	VBLENDVPS Y5, Y12, Y6, Y6     \
	VMOVUPS   Y6, (R12)(CX*4)     \
	VCMPPS    $0x1d, Y9, Y0, Y7   \
	VANDPS    Y7, Y10, Y10        \
	ADDQ      $8, CX

// func depthRowAVX2(a *depthArgs)
//
// depthRow's loop eight cells at a time, with its operations in its
// order: hn = ((src + rain) + (Δt/Δx)·(qx[c] − qx[c+1])) + (Δt/Δy)·(qyS −
// qyN), rain being the uniform depth or rain[c]·Δt; where hn > hmax (an
// ordered compare, as the scalar test) hmax and tmax take hn and the time.
// It keeps the lane-wise maximum of hn (VMAXPS with hn as first source:
// NaN never enters) and the AND of the lanes' hn ≥ 0 tests.
TEXT ·depthRowAVX2(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), AX
	MOVQ D_DST(AX), DI
	MOVQ D_SRC(AX), SI
	MOVQ D_QX(AX), DX
	MOVQ D_QYN(AX), R8
	MOVQ D_QYS(AX), R9
	MOVQ D_RAIN(AX), R10
	MOVQ D_HMAX(AX), R11
	MOVQ D_TMAX(AX), R12
	MOVQ D_CNT(AX), BX

	VBROADCASTSS D_DTDX(AX), Y15
	VBROADCASTSS D_DTDY(AX), Y14
	VBROADCASTSS D_RD(AX), Y13
	VBROADCASTSS D_T(AX), Y12
	VXORPS       Y11, Y11, Y11    // largest depth so far: 0, as the scalar loop starts
	VPCMPEQD     Y10, Y10, Y10    // every hn ≥ 0 so far
	VXORPS       Y9, Y9, Y9
	XORQ         CX, CX
	TESTQ        R10, R10
	JNZ          field

uniform:
	VMOVUPS (SI)(CX*4), Y0
	VADDPS  Y13, Y0, Y0
	DEPTH_BLOCK
	CMPQ    CX, BX
	JLT     uniform
	JMP     out

field:
	VMOVUPS (R10)(CX*4), Y1
	VMULPS  Y13, Y1, Y1
	VMOVUPS (SI)(CX*4), Y0
	VADDPS  Y1, Y0, Y0
	DEPTH_BLOCK
	CMPQ    CX, BX
	JLT     field

out:
	VMOVUPS   Y11, D_TOP(AX)
	VMOVMSKPS Y10, BX
	MOVQ      BX, D_OK(AX)
	VZEROUPPER
	RET

// simdRow64 constants' offsets (the pointers and the count are as in
// simdRow).
#define GDT64 144
#define GDTD64 152
#define THR64 160
#define THETA64 168
#define SIDE64 176

// func faceRowAVX2x64(a *simdRow64)
//
// faceRowAVX2 in float64, four faces at a time. invCbrt's first guess is
// made from float32(x) as the scalar code makes it: VCVTPD2PS, the
// division by 3 on the four 32-bit lanes, VCVTPS2PD back; the Newton
// steps and everything after run in float64.
TEXT ·faceRowAVX2x64(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), AX
	MOVQ CNT(AX), BX

	MOVQ HA(AX), R8
	MOVQ HB(AX), R9
	MOVQ ZA(AX), R10
	MOVQ ZB(AX), R11
	MOVQ NA(AX), R12
	MOVQ NB(AX), R13
	MOVQ HF(AX), SI
	MOVQ FN(AX), DI
	XORQ CX, CX

depth64:
	VMOVUPD (R10)(CX*8), Y2
	VMOVUPD (R11)(CX*8), Y3
	VADDPD  (R8)(CX*8), Y2, Y4
	VADDPD  (R9)(CX*8), Y3, Y5
	VMAXPD  Y5, Y4, Y4
	VMAXPD  Y3, Y2, Y6
	VSUBPD  Y6, Y4, Y4
	VMOVUPD Y4, (SI)(CX*8)
	VMOVUPD (R12)(CX*8), Y7
	VADDPD  (R13)(CX*8), Y7, Y7
	VMOVUPD Y7, (DI)(CX*8)
	ADDQ    $4, CX
	CMPQ    CX, BX
	JLT     depth64

	MOVQ Q0(AX), R8
	MOVQ P0(AX), R9
	MOVQ P1(AX), R10
	MOVQ P2(AX), R11
	MOVQ P3(AX), R12
	MOVQ HF(AX), SI
	MOVQ DEN(AX), DI
	MOVQ FN(AX), DX

	VBROADCASTSD GDT64(AX), Y15
	MOVQ         $0xaaaaaaab, R13
	MOVQ         R13, X14
	VPBROADCASTQ X14, Y14                // the multiplier of the division by 3
	MOVL         $0x54a22000, R13
	MOVD         R13, X13
	VPBROADCASTD X13, Y13                // invCbrt's constant
	MOVQ         $0x3fd5555555555555, R13
	MOVQ         R13, X12
	VPBROADCASTQ X12, Y12                // 1/3
	MOVQ         $0x3ff5555555555555, R13
	MOVQ         R13, X11
	VPBROADCASTQ X11, Y11                // 4/3
	MOVQ         $0x3ff0000000000000, R13
	MOVQ         R13, X10
	VPBROADCASTQ X10, Y10                // 1
	MOVQ         $0x3fd0000000000000, R13
	MOVQ         R13, X9
	VPBROADCASTQ X9, Y9                  // 0.25
	XORQ         CX, CX

friction64:
	VMOVUPD (R8)(CX*8), Y0
	VMOVUPD (R9)(CX*8), Y1
	VADDPD  (R10)(CX*8), Y1, Y1
	VADDPD  (R11)(CX*8), Y1, Y1
	VADDPD  (R12)(CX*8), Y1, Y1
	VMULPD  Y9, Y1, Y1
	VMULPD  Y0, Y0, Y0
	VMULPD  Y1, Y1, Y1
	VADDPD  Y1, Y0, Y0

	VMOVUPD    (SI)(CX*8), Y2           // x = hf
	VCVTPD2PSY Y2, X3                   // float32(x)
	VPMULUDQ   X14, X3, X4
	VPSRLQ     $33, X4, X4
	VPSRLQ     $32, X3, X5
	VPMULUDQ   X14, X5, X5
	VPSRLQ     $33, X5, X5
	VPSLLQ     $32, X5, X5
	VPBLENDD   $0x0a, X5, X4, X4        // bits/3
	VPSUBD     X4, X13, X4
	VCVTPS2PD  X4, Y3                   // y
	VMULPD     Y12, Y2, Y4              // x3

	VMULPD Y3, Y4, Y5
	VMULPD Y3, Y5, Y5
	VMULPD Y3, Y5, Y5
	VSUBPD Y5, Y11, Y5
	VMULPD Y5, Y3, Y3

	VMULPD Y3, Y4, Y5
	VMULPD Y3, Y5, Y5
	VMULPD Y3, Y5, Y5
	VSUBPD Y5, Y11, Y5
	VMULPD Y5, Y3, Y3

	VMULPD Y3, Y3, Y5
	VMULPD Y5, Y5, Y6
	VMULPD Y5, Y6, Y6
	VMULPD Y3, Y6, Y6

	VMOVUPD (DX)(CX*8), Y7
	VMULPD  Y7, Y15, Y8
	VMULPD  Y7, Y8, Y8
	VSQRTPD Y0, Y0
	VMULPD  Y0, Y8, Y8
	VMULPD  Y6, Y8, Y8
	VADDPD  Y10, Y8, Y8
	VMOVUPD Y8, (DI)(CX*8)
	ADDQ    $4, CX
	CMPQ    CX, BX
	JLT     friction64

	VBROADCASTSD THR64(AX), Y15
	VBROADCASTSD THETA64(AX), Y14
	VBROADCASTSD SIDE64(AX), Y13
	VBROADCASTSD GDTD64(AX), Y12
	VXORPD       Y11, Y11, Y11
	MOVQ         QN(AX), DX
	MOVQ         Q0(AX), R8
	MOVQ         QA(AX), R9
	MOVQ         QB(AX), R10
	MOVQ         ZA(AX), R11
	MOVQ         ZB(AX), R12
	MOVQ         HA(AX), R13
	MOVQ         HB(AX), SI
	MOVQ         HF(AX), DI
	MOVQ         DEN(AX), AX
	XORQ         CX, CX

flux64:
	VMOVUPD   (DI)(CX*8), Y0
	VMOVUPD   (R8)(CX*8), Y1
	VMOVUPD   (R12)(CX*8), Y2
	VSUBPD    (R11)(CX*8), Y2, Y2
	VMOVUPD   (SI)(CX*8), Y3
	VSUBPD    (R13)(CX*8), Y3, Y3
	VADDPD    Y3, Y2, Y2
	VMULPD    Y1, Y14, Y4
	VMOVUPD   (R9)(CX*8), Y5
	VADDPD    (R10)(CX*8), Y5, Y5
	VMULPD    Y5, Y13, Y5
	VADDPD    Y5, Y4, Y4
	VMULPD    Y0, Y12, Y6
	VMULPD    Y2, Y6, Y6
	VSUBPD    Y6, Y4, Y4
	VSUBPD    Y6, Y1, Y7
	VMULPD    Y2, Y4, Y8
	VCMPPD    $0x1e, Y11, Y8, Y8
	VBLENDVPD Y8, Y7, Y4, Y4
	VDIVPD    (AX)(CX*8), Y4, Y4
	VCMPPD    $0x1e, Y15, Y0, Y9
	VANDPD    Y9, Y4, Y4
	VMOVUPD   Y4, (DX)(CX*8)
	ADDQ      $4, CX
	CMPQ      CX, BX
	JLT       flux64

	VZEROUPPER
	RET

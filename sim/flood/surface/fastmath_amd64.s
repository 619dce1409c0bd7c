//go:build amd64 && !purego

#include "textflag.h"

// func denRowAVX2(den, fn, hf []float32, gdt float32)
//
// For each block of eight faces, with the operations of denRow's scalar
// loop in the same order (no fused multiply-add), so that every lane is
// bit-for-bit what the scalar code gives:
//
//	y   = bits(0x54a22000 − bits(x)/3)      (invCbrt's first guess; x = hf)
//	y  *= 4/3 − ((x·(1/3))·y·y)·y            (twice)
//	p   = ((y²·y²)·y²)·y                    (x^(−7/3))
//	den = 1 + (((gdt·fn)·fn)·√den)·p
//
// bits(x)/3 is an unsigned division by 3 done as (bits·0xaaaaaaab) >> 33
// on the even and the odd 32-bit lanes separately (VPMULUDQ).
TEXT ·denRowAVX2(SB), NOSPLIT, $0-76
	MOVQ den_base+0(FP), DI
	MOVQ den_len+8(FP), CX
	MOVQ fn_base+24(FP), SI
	MOVQ hf_base+48(FP), DX
	SHRQ $3, CX
	JZ   done

	VBROADCASTSS gdt+72(FP), Y15
	MOVQ         $0xaaaaaaab, AX
	MOVQ         AX, X14
	VPBROADCASTQ X14, Y14        // the multiplier of the division by 3
	MOVL         $0x54a22000, AX
	MOVD         AX, X13
	VPBROADCASTD X13, Y13        // the first guess's constant
	MOVL         $0x3eaaaaab, AX
	MOVD         AX, X12
	VPBROADCASTD X12, Y12        // float32(1/3)
	MOVL         $0x3faaaaab, AX
	MOVD         AX, X11
	VPBROADCASTD X11, Y11        // float32(4/3)
	MOVL         $0x3f800000, AX
	MOVD         AX, X10
	VPBROADCASTD X10, Y10        // 1

loop:
	VMOVUPS  (DX), Y0            // x
	VPMULUDQ Y14, Y0, Y1         // even lanes: bits·m
	VPSRLQ   $33, Y1, Y1
	VPSRLQ   $32, Y0, Y2         // odd lanes
	VPMULUDQ Y14, Y2, Y2
	VPSRLQ   $33, Y2, Y2
	VPSLLQ   $32, Y2, Y2
	VPBLENDD $0xaa, Y2, Y1, Y1   // bits/3
	VPSUBD   Y1, Y13, Y1         // y
	VMULPS   Y12, Y0, Y3         // x3 = x·(1/3)

	VMULPS Y1, Y3, Y4
	VMULPS Y1, Y4, Y4
	VMULPS Y1, Y4, Y4
	VSUBPS Y4, Y11, Y4
	VMULPS Y4, Y1, Y1

	VMULPS Y1, Y3, Y4
	VMULPS Y1, Y4, Y4
	VMULPS Y1, Y4, Y4
	VSUBPS Y4, Y11, Y4
	VMULPS Y4, Y1, Y1

	VMULPS Y1, Y1, Y5            // r2
	VMULPS Y5, Y5, Y6
	VMULPS Y5, Y6, Y6
	VMULPS Y1, Y6, Y6            // p

	VMOVUPS (SI), Y7             // fn
	VMULPS  Y7, Y15, Y8
	VMULPS  Y7, Y8, Y8
	VSQRTPS (DI), Y9
	VMULPS  Y9, Y8, Y8
	VMULPS  Y6, Y8, Y8
	VADDPS  Y10, Y8, Y8
	VMOVUPS Y8, (DI)

	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	DECQ CX
	JNZ  loop
	VZEROUPPER

done:
	RET

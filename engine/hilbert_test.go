package engine

import "testing"

// TestHilbert16 checks the curve's defining properties on a 16×16 corner of
// the grid: every cell gets a distinct index and consecutive indices are
// adjacent cells (the curve never jumps).
func TestHilbert16(t *testing.T) {
	// The order-1 curve visits (0,0), (0,1), (1,1), (1,0) at distances 0..3
	// when scaled to the top level: check the first-level quadrant order.
	const half = 1 << 15
	want := map[[2]uint32]uint64{{0, 0}: 0, {0, half}: 1 << 30, {half, half}: 2 << 30, {half, 0}: 3 << 30}
	for p, d := range want {
		if got := hilbert16(p[0], p[1]) &^ (1<<30 - 1); got != d {
			t.Errorf("quadrant of %v: %d, want %d", p, got>>30, d>>30)
		}
	}
	// Within the first quadrant's first 16×16 block the curve is contiguous.
	pos := map[uint64][2]uint32{}
	for x := uint32(0); x < 16; x++ {
		for y := uint32(0); y < 16; y++ {
			pos[hilbert16(x, y)] = [2]uint32{x, y}
		}
	}
	for d := uint64(0); d < 256; d++ {
		p, ok := pos[d]
		if !ok {
			t.Fatalf("index %d not in the first 16×16 block", d)
		}
		if d > 0 {
			q := pos[d-1]
			if dx, dy := int(p[0])-int(q[0]), int(p[1])-int(q[1]); dx*dx+dy*dy != 1 {
				t.Fatalf("indices %d and %d are cells %v and %v: not adjacent", d-1, d, q, p)
			}
		}
	}
}

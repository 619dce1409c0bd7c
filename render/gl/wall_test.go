//go:build cgo

package gl

import (
	"testing"

	"twin/render"
)

// TestWallTilesStitch: the four tiles of a 2×2 wall, each drawn into its own
// 200×150 framebuffer through WallConfig.TileCamera (an off-axis
// sub-frustum), equal the matching quarters of one 400×300 frame of the
// whole wall. Tolerance: at most 2 % of pixels may differ by more than 8
// levels on a channel. The tiles rasterise the same triangles in the same
// pixel grid, but each tile's projection matrix is computed separately, so
// vertex positions differ in the last float bits and pixels along triangle
// edges (and multisample coverage there) can flip; interiors must match.
func TestWallTilesStitch(t *testing.T) {
	wall := render.WallConfig{Cols: 2, Rows: 2, Width: 200, Height: 150}
	vw, vh := wall.VirtualSize()
	cam := testCamera()
	full := draw(t, openDriver(t, Options{Width: vw, Height: vh}), testScene(), cam)
	tile := openDriver(t, Options{Width: 200, Height: 150})
	diff, total := 0, 0
	for r := 0; r < 2; r++ {
		for c := 0; c < 2; c++ {
			img := draw(t, tile, testScene(), wall.TileCamera(cam, r, c))
			rect := wall.TileRect(r, c)
			for y := 0; y < rect.Height; y++ {
				for x := 0; x < rect.Width; x++ {
					if !near(img.RGBAAt(x, y), full.RGBAAt(rect.X+x, rect.Y+y), 8) {
						diff++
					}
					total++
				}
			}
		}
	}
	if frac := float64(diff) / float64(total); frac > 0.02 {
		t.Errorf("%d of %d pixels (%.2f %%) differ by > 8 levels, want ≤ 2 %%", diff, total, 100*frac)
	} else {
		t.Logf("%d of %d pixels (%.3f %%) differ by > 8 levels", diff, total, 100*frac)
	}
}

// TestWallViewports: drawing each tile's camera into its own viewport of
// one wall-sized framebuffer (one process, one context, several tiles)
// gives the same image as drawing the whole wall at once, within the same
// tolerance as TestWallTilesStitch.
func TestWallViewports(t *testing.T) {
	wall := render.WallConfig{Cols: 2, Rows: 2, Width: 160, Height: 120}
	vw, vh := wall.VirtualSize()
	cam := testCamera()
	d := openDriver(t, Options{Width: vw, Height: vh})
	full := draw(t, d, testScene(), cam)
	list, seen := testScene(), map[render.BufferID]bool{}
	if err := render.Sync(d, list, seen); err != nil {
		t.Fatal(err)
	}
	for r := 0; r < 2; r++ {
		for c := 0; c < 2; c++ {
			if err := d.Draw(list, wall.TileCamera(cam, r, c), wall.TileRect(r, c)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tiled, err := d.ReadPixels()
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for y := 0; y < vh; y++ {
		for x := 0; x < vw; x++ {
			if !near(tiled.RGBAAt(x, y), full.RGBAAt(x, y), 8) {
				diff++
			}
		}
	}
	if frac := float64(diff) / float64(vw*vh); frac > 0.02 {
		t.Errorf("%d of %d pixels (%.2f %%) differ by > 8 levels, want ≤ 2 %%", diff, vw*vh, 100*frac)
	}
}

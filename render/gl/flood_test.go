//go:build cgo

package gl

import (
	"image/color"
	"testing"

	"twin/render"
)

// floodRamp colours water by depth (metres): pale blue when shallow, deep
// blue from 1 m on; alpha 0.8.
var floodRamp = render.Ramp{Stops: []render.RampStop{
	{Value: 0, Color: render.Color{R: 0.55, G: 0.75, B: 0.95, A: 0.8}},
	{Value: 1, Color: water},
}}

// wetPatch is a 40×40 depth raster of 10 m cells over [-200, 200]² with
// water only in columns 24..31, rows 4..9 (x 40..120 m, y -160..-100 m, open
// ground south of the road): depth 0.5 m in the west half, 1 m in the east.
func wetPatch() (depth []float64, cols, rows int, cell, x0, y0 float64) {
	cols, rows, cell, x0, y0 = 40, 40, 10, -200, -200
	depth = make([]float64, cols*rows)
	for r := 4; r < 10; r++ {
		for c := 24; c < 32; c++ {
			depth[r*cols+c] = 0.5
			if c >= 28 {
				depth[r*cols+c] = 1
			}
		}
	}
	return
}

// waterMesh turns the wet cells (depth > 0.05 m) of a raster into flat quads
// 0.2 m above the ground, coloured by floodRamp.
func waterMesh(depth []float64, cols, rows int, cell, x0, y0 float64) *render.Mesh {
	m := &render.Mesh{}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if d := depth[r*cols+c]; d > 0.05 {
				x, y := float32(x0+float64(c)*cell), float32(y0+float64(r)*cell)
				quad(m, x, y, x+float32(cell), y+float32(cell), 0.2, [3]float32{}, floodRamp.At(d))
			}
		}
	}
	return m
}

// blend is the expected result of glBlendFunc(SRC_ALPHA, ONE_MINUS_SRC_ALPHA)
// of src over an opaque dst.
func blend(src, dst render.Color) color.RGBA {
	a := src.A
	return rgba8(render.Color{R: a*src.R + (1-a)*dst.R, G: a*src.G + (1-a)*dst.G, B: a*src.B + (1-a)*dst.B, A: 1})
}

// TestFloodColourWhereWet: the centre of every open wet cell shows the
// ramp colour alpha-blended over the grass (expected from the blend
// equation, ±6 levels), and dry cells next to the patch show plain grass.
func TestFloodColourWhereWet(t *testing.T) {
	const w, h = 480, 360
	d := openDriver(t, Options{Width: w, Height: h})
	list := testScene()
	depth, cols, rows, cell, x0, y0 := wetPatch()
	list.Items = append(list.Items, render.DrawItem{ID: idWater, Layer: render.LayerWater,
		Mesh: waterMesh(depth, cols, rows, cell, x0, y0), Visible: true,
		Material: render.Material{Translucent: true, Unlit: true}})
	cam := render.Camera{Distance: 500, Yaw: -1.4, Pitch: 1.3}
	img := draw(t, d, list, cam)
	vp := render.Viewport{Width: w, Height: h}
	ground := shade(grass, [3]float64{0, 0, 1})
	checked := 0
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			cx, cy := x0+(float64(c)+0.5)*cell, y0+(float64(r)+0.5)*cell
			if underBuilding(cx, cy, cell) || (r < 2 || r > 11 || c < 22 || c > 33) {
				continue
			}
			x, y, ok := cam.Project([3]float64{cx, cy, 0.2}, vp)
			if !ok {
				continue
			}
			want := rgba8(ground)
			if dd := depth[r*cols+c]; dd > 0.05 {
				want = blend(floodRamp.At(dd), ground)
			}
			if got := at(img, x, y); !near(got, want, 6) {
				t.Errorf("cell (%d,%d) depth %.1f m at pixel (%.0f,%.0f) = %v, want %v ±6", c, r, depth[r*cols+c], x, y, got, want)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Fatalf("only %d cells probed, want ≥ 40", checked)
	}
}

// underBuilding reports whether a cell centred at (x, y) lies within margin
// of a test building's footprint (hidden or shaded by the walls).
func underBuilding(x, y, margin float64) bool {
	for _, b := range testBuildings {
		if x > float64(b[0])-margin && x < float64(b[2])+margin && y > float64(b[1])-margin && y < float64(b[3])+margin {
			return true
		}
	}
	return false
}

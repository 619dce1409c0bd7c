//go:build cgo

package gl

import (
	"image"
	"image/color"
	"testing"

	"twin/render"
)

// TestInstancedIcons: three billboards in one instance set (one instanced
// draw call) appear at their projected centres in their colour (unlit,
// ±6 levels); the ground between them stays grass.
func TestInstancedIcons(t *testing.T) {
	const w, h = 400, 300
	d := openDriver(t, Options{Width: w, Height: h})
	list := testScene()
	icons := &render.InstanceSet{Origin: [3]float64{0, 0, 0}, Icon: render.IconSensor}
	yellow := render.Color{R: 1, G: 0.85, B: 0, A: 1}
	centres := [][3]float32{{-150, 150, 20}, {150, -150, 20}, {0, -100, 20}}
	for _, c := range centres {
		icons.Add(c, 24, yellow)
	}
	list.Items = append(list.Items, render.DrawItem{ID: idIcons, Layer: render.LayerIcons, Instances: icons,
		Visible: true, Material: render.Material{Unlit: true}})
	cam := testCamera()
	img := draw(t, d, list, cam)
	if got := d.Stats().DrawCalls; got != 4 {
		t.Errorf("draw calls = %d, want 4 (ground, buildings, road, one instanced icon set)", got)
	}
	vp := render.Viewport{Width: w, Height: h}
	for _, c := range centres {
		x, y, _ := cam.Project([3]float64{float64(c[0]), float64(c[1]), float64(c[2])}, vp)
		if got := at(img, x, y); !near(got, rgba8(yellow), 6) {
			t.Errorf("icon at %v, pixel (%.0f,%.0f) = %v, want %v ±6", c, x, y, got, rgba8(yellow))
		}
	}
	x, y, _ := cam.Project([3]float64{-150, -150, 0}, vp)
	if got := at(img, x, y); near(got, rgba8(yellow), 40) {
		t.Errorf("ground away from the icons is icon-coloured: %v", got)
	}
}

// TestHUDOverlay: the HUD image is blended at one texel per pixel at the
// top-left corner: an opaque red texel covers its pixel, a half-transparent
// white one gives (white + beneath)/2 (the blend equation, ±3 levels), a
// transparent one leaves the scene, and nothing outside the overlay moves.
func TestHUDOverlay(t *testing.T) {
	const w, h = 200, 150
	d := openDriver(t, Options{Width: w, Height: h})
	list := testScene()
	plain := cloneImage(draw(t, d, list, testCamera()))
	hud := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			switch {
			case x < 10:
				hud.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
			case x < 20:
				hud.SetRGBA(x, y, color.RGBA{255, 255, 255, 128})
			}
		}
	}
	list.HUD = &render.HUD{Overlay: hud}
	img := draw(t, d, list, testCamera())
	if got := img.RGBAAt(5, 10); !near(got, color.RGBA{255, 0, 0, 255}, 1) {
		t.Errorf("opaque HUD texel: %v, want red", got)
	}
	b := plain.RGBAAt(15, 10)
	half := func(v uint8) uint8 { return uint8((128*255 + 127*int(v) + 127) / 255) }
	if got, want := img.RGBAAt(15, 10), (color.RGBA{half(b.R), half(b.G), half(b.B), 255}); !near(got, want, 3) {
		t.Errorf("half-transparent HUD texel over %v: %v, want %v ±3", b, got, want)
	}
	for _, p := range [][2]int{{30, 10}, {100, 75}, {5, 30}} {
		if got, want := img.RGBAAt(p[0], p[1]), plain.RGBAAt(p[0], p[1]); got != want {
			t.Errorf("pixel %v changed under a transparent or absent HUD: %v → %v", p, want, got)
		}
	}
}

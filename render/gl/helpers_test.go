//go:build cgo

package gl

import (
	"errors"
	"image"
	"image/color"
	"math"
	"os"
	"testing"

	"twin/render"
)

// openDriver opens a driver, skipping when there is no display unless
// REQUIRE_GL=1 (CI), where a missing display fails the test.
func openDriver(t testing.TB, opt Options) *Driver {
	t.Helper()
	d, err := New(opt)
	if errors.Is(err, ErrNoDisplay) && os.Getenv("REQUIRE_GL") != "1" {
		t.Skipf("no display (run under xvfb-run, or set REQUIRE_GL=1 to fail instead): %v", err)
	}
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Colours of the synthetic scene, chosen far apart so probes can tell them.
var (
	grass    = render.Color{R: 0.20, G: 0.55, B: 0.20, A: 1}
	concrete = render.Color{R: 0.85, G: 0.25, B: 0.20, A: 1}
	asphalt  = render.Color{R: 0.15, G: 0.15, B: 0.15, A: 1}
	closed   = render.Color{R: 0.95, G: 0.05, B: 0.85, A: 1}
	water    = render.Color{R: 0.05, G: 0.25, B: 0.95, A: 0.8}
)

var up = [3]float32{0, 0, 1}

// quad adds an axis-aligned horizontal rectangle [x0,x1]×[y0,y1] at height z.
func quad(m *render.Mesh, x0, y0, x1, y1, z float32, n [3]float32, c render.Color) {
	a := m.AddVertex([3]float32{x0, y0, z}, n, c)
	m.AddVertex([3]float32{x1, y0, z}, n, c)
	m.AddVertex([3]float32{x1, y1, z}, n, c)
	m.AddVertex([3]float32{x0, y1, z}, n, c)
	m.Indices = append(m.Indices, a, a+1, a+2, a, a+2, a+3)
}

// box adds a building: an axis-aligned prism with four walls and a roof.
func box(m *render.Mesh, x0, y0, x1, y1, h float32, c render.Color) {
	quad(m, x0, y0, x1, y1, h, up, c)
	walls := [4][5]float32{{x0, y0, x1, y0, -1}, {x1, y0, x1, y1, 1}, {x1, y1, x0, y1, 1}, {x0, y1, x0, y0, -1}}
	for i, w := range walls {
		n := [3]float32{0, w[4], 0}
		if i%2 == 1 {
			n = [3]float32{w[4], 0, 0}
		}
		a := m.AddVertex([3]float32{w[0], w[1], 0}, n, c)
		m.AddVertex([3]float32{w[2], w[3], 0}, n, c)
		m.AddVertex([3]float32{w[2], w[3], h}, n, c)
		m.AddVertex([3]float32{w[0], w[1], h}, n, c)
		m.Indices = append(m.Indices, a, a+1, a+2, a, a+2, a+3)
	}
}

// Scene buffer ids.
const (
	idGround render.BufferID = iota + 1
	idBuildings
	idRoad
	idWater
	idIcons
)

// testBuildings are the footprints (x0, y0, x1, y1, height) of the synthetic
// buildings, metres.
var testBuildings = [][5]float32{{60, 40, 110, 90, 35}, {-120, -100, -70, -40, 20}, {-40, 80, 10, 130, 15}}

// testScene is a 400 m square of grass with three buildings, an east-west
// road and no water; the road is the last item so a test can recolour it.
func testScene() *render.DrawList {
	ground := &render.Mesh{}
	quad(ground, -200, -200, 200, 200, 0, up, grass)
	bld := &render.Mesh{}
	for _, b := range testBuildings {
		box(bld, b[0], b[1], b[2], b[3], b[4], concrete)
	}
	road := &render.Mesh{}
	quad(road, -190, -15, 190, -5, 0.3, [3]float32{}, asphalt)
	return &render.DrawList{Items: []render.DrawItem{
		{ID: idGround, Layer: render.LayerTerrain, Mesh: ground, Visible: true},
		{ID: idBuildings, Layer: render.LayerBuildings, Mesh: bld, Visible: true},
		{ID: idRoad, Layer: render.LayerRoads, Mesh: road, Visible: true, Material: render.Material{Unlit: true}},
	}}
}

// testCamera looks at the origin from 600 m, 55° above the horizon, from
// the south-east.
func testCamera() render.Camera {
	return render.Camera{Distance: 600, Yaw: -math.Pi / 3, Pitch: 55 * math.Pi / 180}
}

// near reports whether c is within tol levels of want on each of R, G, B.
func near(c color.RGBA, want color.RGBA, tol int) bool {
	d := func(a, b uint8) int { return int(math.Abs(float64(int(a) - int(b)))) }
	return d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol
}

func rgba8(c render.Color) color.RGBA {
	q := func(v float32) uint8 { return uint8(math.Round(float64(v) * 255)) }
	return color.RGBA{q(c.R), q(c.G), q(c.B), q(c.A)}
}

// at returns the pixel nearest to (x, y).
func at(img *image.RGBA, x, y float64) color.RGBA {
	return img.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
}

// draw uploads list (whole) and draws one frame through cam.
func draw(t testing.TB, d *Driver, list *render.DrawList, cam render.Camera) *image.RGBA {
	t.Helper()
	return frame(t, d, list, cam, map[render.BufferID]bool{})
}

// frame syncs list's new and dirty buffers (seen tracks what d holds) and
// draws one frame through cam over the whole framebuffer.
func frame(t testing.TB, d *Driver, list *render.DrawList, cam render.Camera, seen map[render.BufferID]bool) *image.RGBA {
	t.Helper()
	if err := render.Sync(d, list, seen); err != nil {
		t.Fatal(err)
	}
	w, h := d.Size()
	if err := d.Draw(list, cam, render.Viewport{Width: w, Height: h}); err != nil {
		t.Fatal(err)
	}
	img, err := d.ReadPixels()
	if err != nil {
		t.Fatal(err)
	}
	return img
}

//go:build cgo

package gl

import (
	"math"
	"testing"

	"twin/render"
)

// TestDrawNotBlank: a frame of the synthetic scene holds sky, grass and
// building colours, each over a sizeable share of the pixels.
func TestDrawNotBlank(t *testing.T) {
	d := openDriver(t, Options{Width: 320, Height: 240})
	img := draw(t, d, testScene(), testCamera())
	counts := map[string]int{}
	sky := rgba8(skyColor)
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			c := img.RGBAAt(x, y)
			switch {
			case near(c, sky, 3):
				counts["sky"]++
			case c.G > c.R && c.G > c.B:
				counts["grass"]++
			case c.R > 2*c.G && c.R > 2*c.B:
				counts["building"]++
			}
		}
	}
	// Each class should cover at least 1 % of the 76,800 pixels: the
	// ground square fills most of the view, the buildings several thousand
	// pixels, and at 55° pitch the sky shows above the far edge.
	for _, k := range []string{"sky", "grass", "building"} {
		if counts[k] < 768 {
			t.Errorf("%s pixels = %d, want ≥ 768 (1 %%); counts %v", k, counts[k], counts)
		}
	}
}

// TestBuildingsWhereProjected: the roof centre of each building, projected
// with render.Camera.Project, is drawn in the building colour (lit roof:
// Lambert shade of an upward normal), and a point on the open ground is
// grass. Tolerance: 6 levels for multisample and rounding.
func TestBuildingsWhereProjected(t *testing.T) {
	const w, h = 400, 300
	d := openDriver(t, Options{Width: w, Height: h})
	cam := testCamera()
	img := draw(t, d, testScene(), cam)
	vp := render.Viewport{Width: w, Height: h}
	roof := rgba8(shade(concrete, [3]float64{0, 0, 1}))
	for _, b := range testBuildings {
		c := [3]float64{float64(b[0]+b[2]) / 2, float64(b[1]+b[3]) / 2, float64(b[4])}
		x, y, ok := cam.Project(c, vp)
		if !ok {
			t.Fatalf("building %v roof centre projects outside the view", b)
		}
		if got := at(img, x, y); !near(got, roof, 6) {
			t.Errorf("roof centre %v at pixel (%.0f,%.0f) = %v, want %v ±6", c, x, y, got, roof)
		}
	}
	x, y, _ := cam.Project([3]float64{150, 150, 0}, vp)
	if got, want := at(img, x, y), rgba8(shade(grass, [3]float64{0, 0, 1})); !near(got, want, 6) {
		t.Errorf("open ground at (%.0f,%.0f) = %v, want grass %v ±6", x, y, got, want)
	}
}

// shade is the mesh shader's lighting, for expected colours: ambient 0.6
// plus 0.4 × the cosine to the sun.
func shade(c render.Color, n [3]float64) render.Color {
	s := [3]float64{0.35, 0.55, 0.76}
	l := 0.0
	for i := range s {
		l += s[i] * s[i]
	}
	cos := (n[0]*s[0] + n[1]*s[1] + n[2]*s[2]) / math.Sqrt(l)
	f := float32(0.6 + 0.4*max(cos, 0))
	return render.Color{R: c.R * f, G: c.G * f, B: c.B * f, A: c.A}
}

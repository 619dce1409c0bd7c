package render

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestProjectLookAt checks Project against hand-computed projections: an
// eye 10 m from the origin on +x (yaw 0, pitch 0), 90° vertical field of
// view, 200×100 viewport (aspect 2). Eye space: right = +y, up = +z, depth
// along −x, so a point (x, y, z) has ndc (y/(2·d), z/d) with d = 10 − x.
func TestProjectLookAt(t *testing.T) {
	cam := Camera{Distance: 10, FovY: math.Pi / 2}
	vp := Viewport{Width: 200, Height: 100}
	tests := []struct {
		name    string
		p       [3]float64
		x, y    float64
		visible bool
	}{
		{"target at centre", [3]float64{0, 0, 0}, 100, 50, true},
		{"5 m up", [3]float64{0, 0, 5}, 100, 25, true},
		{"5 m right", [3]float64{0, 5, 0}, 125, 50, true},
		{"nearer point, 2 m up and left", [3]float64{5, -2, 2}, 100 - 2.0/(2*5)*100, 50 - 2.0/5*50, true},
		{"top-left corner", [3]float64{0, -20, 10}, 0, 0, true},
		{"outside to the right", [3]float64{0, 25, 0}, 225, 50, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, y, vis := cam.Project(tc.p, vp)
			if math.Abs(x-tc.x) > 1e-9 || math.Abs(y-tc.y) > 1e-9 || vis != tc.visible {
				t.Errorf("Project(%v) = %.9f, %.9f, %v; want %.9f, %.9f, %v", tc.p, x, y, vis, tc.x, tc.y, tc.visible)
			}
		})
	}
	if _, _, vis := cam.Project([3]float64{20, 0, 0}, vp); vis {
		t.Error("point behind the eye reported visible")
	}
}

// TestProjectPitched: looking down at 45° from 10 m, a point 1 m up from
// the target lies on the view's up axis at cos 45° m, depth 10 − sin 45° m
// (analytic).
func TestProjectPitched(t *testing.T) {
	cam := Camera{Target: [3]float64{500000, 4e6, 20}, Distance: 10, Pitch: math.Pi / 4, Yaw: 1.1, FovY: math.Pi / 2}
	vp := Viewport{X: 7, Y: 3, Width: 100, Height: 100}
	x, y, vis := cam.Project([3]float64{500000, 4e6, 21}, vp)
	ndcY := math.Cos(math.Pi/4) / (10 - math.Sin(math.Pi/4))
	if wantY := 3 + (1-ndcY)/2*100; math.Abs(x-57) > 1e-6 || math.Abs(y-wantY) > 1e-6 || !vis {
		t.Errorf("got %.9f, %.9f, %v; want 57, %.9f, true", x, y, vis, wantY)
	}
}

// TestWallTilesStitch: for a 2×2 wall with bezels, a point projects to the
// same virtual-wall pixel through its tile's off-axis frustum as through
// the single large frustum (1e-6 px), and points that fall on a bezel are
// visible in no tile.
func TestWallTilesStitch(t *testing.T) {
	w := WallConfig{Cols: 2, Rows: 2, Width: 1920, Height: 1080, BezelXPx: 40, BezelYPx: 30}
	vw, vh := w.VirtualSize()
	if vw != 3880 || vh != 2190 {
		t.Fatalf("virtual size %d×%d, want 3880×2190", vw, vh)
	}
	cam := Camera{Target: [3]float64{1000, 2000, 0}, Distance: 800, Yaw: 0.7, Pitch: 0.6}
	full := Viewport{Width: vw, Height: vh}
	rng := rand.New(rand.NewPCG(2, 2))
	var inTile, onBezel int
	for k := 0; k < 2000; k++ {
		p := [3]float64{1000 + 800*(rng.Float64()-0.5), 2000 + 800*(rng.Float64()-0.5), 100 * rng.Float64()}
		X, Y, vis := cam.Project(p, full)
		if !vis {
			continue
		}
		hits := 0
		for r := 0; r < 2; r++ {
			for c := 0; c < 2; c++ {
				rect := w.TileRect(r, c)
				x, y, tv := w.TileCamera(cam, r, c).Project(p, Viewport{Width: rect.Width, Height: rect.Height})
				if !tv {
					continue
				}
				hits++
				if math.Abs(x+float64(rect.X)-X) > 1e-6 || math.Abs(y+float64(rect.Y)-Y) > 1e-6 {
					t.Fatalf("tile %d,%d: %v at %.7f,%.7f, full image %.7f,%.7f", r, c, p, x+float64(rect.X), y+float64(rect.Y), X, Y)
				}
			}
		}
		bezel := (X > 1920 && X < 1960) || (Y > 1080 && Y < 1110)
		switch {
		case bezel && hits != 0:
			t.Fatalf("%v on the bezel at %.2f,%.2f shows in %d tiles", p, X, Y, hits)
		case bezel:
			onBezel++
		case hits == 0:
			t.Fatalf("%v at %.2f,%.2f shows in no tile", p, X, Y)
		default:
			inTile++
		}
	}
	if onBezel == 0 || inTile < 100 {
		t.Errorf("weak sample: %d points in tiles, %d on bezels", inTile, onBezel)
	}
}

func TestControls(t *testing.T) {
	c := Camera{Target: [3]float64{0, 0, 0}, Distance: 100, Yaw: 0, Pitch: 0.5}
	if got := c.Zoom(2).Distance; got != 50 {
		t.Errorf("Zoom(2) distance %g, want 50", got)
	}
	if got := c.Orbit(0, 10).Pitch; got != MaxPitch {
		t.Errorf("Orbit clamps pitch to %g, got %g", MaxPitch, got)
	}
	// Yaw 0: the eye is on +x, so forward on the ground is −x and right is −y.
	p := c.Pan(3, 4)
	if math.Abs(p.Target[0]+4) > 1e-12 || math.Abs(p.Target[1]+3) > 1e-12 {
		t.Errorf("Pan(3, 4) target %v, want (-4, -3, 0)", p.Target)
	}
	to := Camera{Target: [3]float64{100, 0, 0}, Distance: 400, Yaw: 1, Pitch: 0.5}
	f := FlyTo{From: c, To: to, Start: 10, Duration: 2}
	if f.At(9) != c || f.At(12) != to {
		t.Error("FlyTo ends are not From and To")
	}
	// Midway: smoothstep(0.5) = 0.5, distance the geometric mean 200.
	m := f.At(11)
	if math.Abs(m.Target[0]-50) > 1e-9 || math.Abs(m.Distance-200) > 1e-9 || math.Abs(m.Yaw-0.5) > 1e-12 {
		t.Errorf("FlyTo midway %+v", m)
	}
}

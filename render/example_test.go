package render_test

import (
	"fmt"
	"math"
	"strings"
	"time"

	"twin/render"
)

// A camera 10 m east of the origin, looking west with a 90° field of view:
// a point 5 m above the target lands a quarter of the height above centre.
func ExampleCamera_Project() {
	cam := render.Camera{Distance: 10, FovY: math.Pi / 2}
	x, y, ok := cam.Project([3]float64{0, 0, 5}, render.Viewport{Width: 200, Height: 100})
	fmt.Printf("%.1f %.1f %v\n", x, y, ok)
	// Output: 100.0 25.0 true
}

// A 3×3 wall of 1080p monitors whose active areas are 10 pixels apart: each
// monitor draws its own off-axis part of one 5780×3260 image.
func ExampleWallConfig_TileCamera() {
	w, err := render.DecodeWallYAML(strings.NewReader("cols: 3\nrows: 3\nbezel_x_px: 10\nbezel_y_px: 10\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	vw, vh := w.VirtualSize()
	tile := w.TileCamera(render.Camera{Distance: 500}, 1, 2)
	fmt.Println(vw, vh, w.TileRect(1, 2))
	fmt.Printf("%.4f %.4f %.4f %.4f\n", tile.Window.X0, tile.Window.Y0, tile.Window.X1, tile.Window.Y1)
	// Output:
	// 5780 3260 {3860 1090 1920 1080}
	// 0.6678 0.3344 1.0000 0.6656
}

// A frame loop runs the fixed 60 Hz updates due at each frame time.
func ExampleClock() {
	var c render.Clock
	for _, ms := range []int{0, 10, 20, 50} {
		fmt.Print(c.UpdateFrame(time.Duration(ms)*time.Millisecond), " ")
	}
	fmt.Println()
	// Output: 1 0 1 2
}

package gl

import (
	"fmt"

	"twin/render"
)

// Options configure a Driver. The zero value is a hidden 1280×720 offscreen
// driver with 4× multisampling.
type Options struct {
	// Width and Height of the framebuffer, pixels; 0 means 1280×720.
	Width, Height int
	// Samples per pixel for multisampling; 0 means 4, 1 turns it off.
	Samples int
	// Visible opens a window on the display and presents each frame in it,
	// besides the offscreen framebuffer.
	Visible bool
	// Title of a visible window.
	Title string
	// X, Y place a visible window on the desktop, pixels (wall tiles).
	X, Y int
	// Undecorated drops the window border (wall tiles, bezel compensation).
	Undecorated bool
	// Clear is the background (sky) colour; the zero value means a pale sky blue (0.70, 0.80, 0.90).
	Clear render.Color
}

// skyColor is the default background colour.
var skyColor = render.Color{R: 0.70, G: 0.80, B: 0.90, A: 1}

// Maximum framebuffer side that the driver accepts, pixels. Mesa's llvmpipe
// and every GL 3.3 GPU support at least 8192.
const maxSide = 8192

// Validate reports ErrBadOptions for negative or oversized fields.
func (o Options) Validate() error {
	if o.Width < 0 || o.Height < 0 || o.Width > maxSide || o.Height > maxSide {
		return fmt.Errorf("%w: size %dx%d outside 0..%d", ErrBadOptions, o.Width, o.Height, maxSide)
	}
	if o.Samples < 0 || o.Samples > 16 {
		return fmt.Errorf("%w: samples %d outside 0..16", ErrBadOptions, o.Samples)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Width == 0 {
		o.Width = 1280
	}
	if o.Height == 0 {
		o.Height = 720
	}
	if o.Samples == 0 {
		o.Samples = 4
	}
	if o.Clear == (render.Color{}) {
		o.Clear = skyColor
	}
	if o.Title == "" {
		o.Title = "twin"
	}
	return o
}

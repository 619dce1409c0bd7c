package gl

import "errors"

// Errors returned by the driver.
var (
	// ErrUnavailable: the binary was built without cgo, so there is no OpenGL.
	ErrUnavailable = errors.New("gl: built without OpenGL (CGO_ENABLED=0)")
	// ErrNoDisplay: no X11 or Wayland display to create a GL context on
	// (set DISPLAY, or run under xvfb-run).
	ErrNoDisplay = errors.New("gl: no display (DISPLAY and WAYLAND_DISPLAY unset, or the display refused a GL 3.3 core context)")
	// ErrClosed: the driver was used after Close.
	ErrClosed = errors.New("gl: driver closed")
	// ErrBadOptions: Options.Validate rejected a field.
	ErrBadOptions = errors.New("gl: bad options")
	// ErrBadRange: UpdateRange outside the uploaded buffer, or an unknown buffer id.
	ErrBadRange = errors.New("gl: buffer range out of bounds")
	// ErrShader: a shader failed to compile or link (a driver bug, not user input).
	ErrShader = errors.New("gl: shader")
)

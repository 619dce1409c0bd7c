// Package gl draws render/scene draw lists with OpenGL 3.3 core through GLFW
// and go-gl: into an offscreen framebuffer that is read back as an
// image.RGBA or a PNG (snapshots, reports and tests), or into visible windows
// (one per wall tile, several per process).
//
// This is the only package of the module that uses cgo. Built with
// CGO_ENABLED=0 it compiles to a stub whose constructors return
// ErrUnavailable, so the rest of the module builds without a C toolchain.
//
// # Threading
//
// OpenGL contexts belong to one OS thread. Every Driver owns a goroutine
// locked to its OS thread (runtime.LockOSThread); exported methods send a
// closure to it and wait for the result. A Driver is therefore safe for
// concurrent use, but calls are serialised.
//
// # Displays
//
// GLFW needs an X11 or Wayland display even for a hidden window. glfw.Init
// can succeed without one and the following CreateWindow then fails (and the
// go-gl binding panics on some of those errors), so the driver checks the
// DISPLAY and WAYLAND_DISPLAY environment variables first, recovers panics
// from GLFW, and reports ErrNoDisplay. Under CI the tests run inside
// `xvfb-run -a` with Mesa's llvmpipe software rasteriser.
//
// # Units and conventions
//
// Vertex positions are projected metres in the scene's local frame (x east,
// y north, z up). Colours are linear RGBA in [0, 1]. Framebuffer sizes are
// pixels; images come back top row first.
package gl

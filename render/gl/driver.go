//go:build cgo

package gl

import (
	"fmt"
	"image"

	gogl "github.com/go-gl/gl/v3.3-core/gl"
	"github.com/go-gl/glfw/v3.3/glfw"

	"twin/render"
)

var _ render.Driver = (*Driver)(nil)

// Driver owns one GL context (a hidden or visible GLFW window), its
// offscreen framebuffer and the buffers uploaded to it. It implements
// render.Driver. Safe for concurrent use: every call runs on the package's
// GL thread, one at a time.
type Driver struct {
	t       *thread
	opt     Options
	win     *glfw.Window
	fb      *framebuffer
	progs   [3]program // mesh, billboard, overlay
	bufs    map[render.BufferID]*buffer
	hud     uint32 // overlay texture
	emptyVA uint32 // attribute-less VAO for billboards' corners and the overlay
	stats   Stats
	closed  bool
}

// New opens a GL 3.3 core context and an offscreen framebuffer of
// opt.Width×opt.Height. Errors: ErrBadOptions, ErrNoDisplay, or a wrapped GL
// error when the framebuffer or shaders cannot be made.
func New(opt Options) (*Driver, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	d := &Driver{t: sharedThread(), opt: opt.withDefaults(), bufs: map[render.BufferID]*buffer{}}
	if err := d.t.do(d.open); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Driver) open() (err error) {
	if err := acquireGLFW(); err != nil {
		return err
	}
	if d.win, err = createWindow(d.opt, nil); err != nil {
		releaseGLFW()
		return err
	}
	defer func() {
		if err != nil {
			d.win.Destroy()
			releaseGLFW()
		}
	}()
	d.win.MakeContextCurrent()
	if err := gogl.Init(); err != nil {
		return fmt.Errorf("gl: loading GL 3.3 functions: %w", err)
	}
	if d.fb, err = newFramebuffer(d.opt.Width, d.opt.Height, d.opt.Samples); err != nil {
		return err
	}
	srcs := [3][2]string{{meshVS, colorFS}, {billboardVS, colorFS}, {overlayVS, overlayFS}}
	for i, s := range srcs {
		if d.progs[i], err = newProgram(s[0], s[1]); err != nil {
			return err
		}
	}
	gogl.GenVertexArrays(1, &d.emptyVA)
	gogl.GenTextures(1, &d.hud)
	return glError("open")
}

// call runs f on the GL thread with this driver's context current.
func (d *Driver) call(f func() error) error {
	return d.t.do(func() error {
		if d.closed {
			return ErrClosed
		}
		d.win.MakeContextCurrent()
		return f()
	})
}

// Size returns the framebuffer size, pixels.
func (d *Driver) Size() (w, h int) { return d.opt.Width, d.opt.Height }

// Stats returns the figures of the last Draw.
func (d *Driver) Stats() Stats {
	var st Stats
	_ = d.call(func() error { st = d.stats; return nil })
	return st
}

// Upload creates or replaces buffer id with m. O(vertices+indices).
func (d *Driver) Upload(id render.BufferID, m *render.Mesh) error {
	return d.call(func() error {
		d.bufs[id] = uploadMesh(d.bufs[id], m)
		return glError("upload")
	})
}

// UploadInstances creates or replaces buffer id with s. O(instances).
func (d *Driver) UploadInstances(id render.BufferID, s *render.InstanceSet) error {
	return d.call(func() error {
		d.bufs[id] = uploadInstances(d.bufs[id], s)
		return glError("upload instances")
	})
}

// UpdateRange overwrites vertices (or instances) of buffer id from
// firstVertex on with glBufferSubData: a delta rewrites only what it
// touches. ErrBadRange for an unknown id or a range past the buffer's end.
// O(len(vertices)).
func (d *Driver) UpdateRange(id render.BufferID, firstVertex int, vertices []float32) error {
	return d.call(func() error {
		b := d.bufs[id]
		if b == nil {
			return fmt.Errorf("%w: no buffer %d", ErrBadRange, id)
		}
		return b.update(firstVertex, vertices)
	})
}

// Draw renders the visible items of list (opaque, then translucent blended
// without depth writes, then billboards, then the HUD overlay) through cam
// into viewport of the offscreen framebuffer, clearing the viewport to
// Options.Clear first. A visible window then shows the frame. Lines are
// one pixel wide: GL 3.3 core with a forward-compatible context rejects
// wider lines, so Material.LineWidth is not applied.
func (d *Driver) Draw(list *render.DrawList, cam render.Camera, vp render.Viewport) error {
	return d.call(func() error {
		d.stats = d.draw(list, cam, vp)
		if d.opt.Visible {
			d.present()
		}
		return glError("draw")
	})
}

// ReadPixels reads the last frame back, top row first. O(width·height).
func (d *Driver) ReadPixels() (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, d.opt.Width, d.opt.Height))
	err := d.call(func() error {
		gogl.BindFramebuffer(gogl.READ_FRAMEBUFFER, d.fb.readFramebuffer())
		gogl.PixelStorei(gogl.PACK_ALIGNMENT, 1)
		gogl.ReadPixels(0, 0, d.fb.w, d.fb.h, gogl.RGBA, gogl.UNSIGNED_BYTE, ptr(img.Pix))
		return glError("read pixels")
	})
	if err != nil {
		return nil, err
	}
	flipRows(img)
	return img, nil
}

// Finish waits until the GL has executed every queued command (timing).
func (d *Driver) Finish() error {
	return d.call(func() error { gogl.Finish(); return nil })
}

// ShouldClose reports whether the user asked to close a visible window.
func (d *Driver) ShouldClose() bool {
	var c bool
	_ = d.call(func() error { glfw.PollEvents(); c = d.win.ShouldClose(); return nil })
	return c
}

// Close frees the GL objects and the window. Calling it twice is a no-op.
func (d *Driver) Close() error {
	return d.t.do(func() error {
		if d.closed {
			return nil
		}
		d.win.MakeContextCurrent()
		for _, b := range d.bufs {
			b.delete()
		}
		d.fb.delete()
		d.win.Destroy()
		d.closed = true
		releaseGLFW()
		return nil
	})
}

// present blits the frame to the window's back buffer and swaps.
func (d *Driver) present() {
	gogl.BindFramebuffer(gogl.READ_FRAMEBUFFER, d.fb.readFramebuffer())
	gogl.BindFramebuffer(gogl.DRAW_FRAMEBUFFER, 0)
	w, h := d.win.GetFramebufferSize()
	gogl.BlitFramebuffer(0, 0, d.fb.w, d.fb.h, 0, 0, int32(w), int32(h), gogl.COLOR_BUFFER_BIT, gogl.LINEAR)
	d.win.SwapBuffers()
	glfw.PollEvents()
}

func glError(what string) error {
	if e := gogl.GetError(); e != gogl.NO_ERROR {
		return fmt.Errorf("gl: %s: GL error 0x%x", what, e)
	}
	return nil
}

// Renderer returns the GL_RENDERER and GL_VERSION strings, for example
// "llvmpipe (LLVM 15.0.6, 256 bits)" under Mesa's software rasteriser.
func (d *Driver) Renderer() (renderer, version string) {
	_ = d.call(func() error {
		renderer = gogl.GoStr(gogl.GetString(gogl.RENDERER))
		version = gogl.GoStr(gogl.GetString(gogl.VERSION))
		return nil
	})
	return renderer, version
}

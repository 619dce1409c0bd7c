//go:build cgo

package gl

import (
	"fmt"

	gogl "github.com/go-gl/gl/v3.3-core/gl"
)

// framebuffer is an offscreen target: colour and depth renderbuffers, and
// with multisampling a second single-sample colour target to resolve into.
type framebuffer struct {
	w, h          int32
	draw, resolve uint32 // framebuffer objects; resolve is 0 without MSAA
	rbos          []uint32
}

func newFramebuffer(w, h, samples int) (*framebuffer, error) {
	f := &framebuffer{w: int32(w), h: int32(h)}
	var err error
	if f.draw, err = f.attach(samples, true); err != nil {
		return nil, err
	}
	if samples > 1 {
		if f.resolve, err = f.attach(1, false); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// attach makes a framebuffer with an RGBA8 colour renderbuffer and, when
// depth is set, a 24-bit depth renderbuffer.
func (f *framebuffer) attach(samples int, depth bool) (uint32, error) {
	var fb uint32
	gogl.GenFramebuffers(1, &fb)
	gogl.BindFramebuffer(gogl.FRAMEBUFFER, fb)
	f.rbos = append(f.rbos, f.renderbuffer(samples, gogl.RGBA8, gogl.COLOR_ATTACHMENT0))
	if depth {
		f.rbos = append(f.rbos, f.renderbuffer(samples, gogl.DEPTH_COMPONENT24, gogl.DEPTH_ATTACHMENT))
	}
	if s := gogl.CheckFramebufferStatus(gogl.FRAMEBUFFER); s != gogl.FRAMEBUFFER_COMPLETE {
		return 0, fmt.Errorf("gl: framebuffer %dx%d ×%d incomplete (status 0x%x)", f.w, f.h, samples, s)
	}
	return fb, nil
}

func (f *framebuffer) renderbuffer(samples int, format, attachment uint32) uint32 {
	var rb uint32
	gogl.GenRenderbuffers(1, &rb)
	gogl.BindRenderbuffer(gogl.RENDERBUFFER, rb)
	if samples > 1 {
		gogl.RenderbufferStorageMultisample(gogl.RENDERBUFFER, int32(samples), format, f.w, f.h)
	} else {
		gogl.RenderbufferStorage(gogl.RENDERBUFFER, format, f.w, f.h)
	}
	gogl.FramebufferRenderbuffer(gogl.FRAMEBUFFER, attachment, gogl.RENDERBUFFER, rb)
	return rb
}

// readFramebuffer resolves multisampling if any and returns the
// single-sample framebuffer to read pixels from.
func (f *framebuffer) readFramebuffer() uint32 {
	if f.resolve == 0 {
		return f.draw
	}
	gogl.BindFramebuffer(gogl.READ_FRAMEBUFFER, f.draw)
	gogl.BindFramebuffer(gogl.DRAW_FRAMEBUFFER, f.resolve)
	gogl.BlitFramebuffer(0, 0, f.w, f.h, 0, 0, f.w, f.h, gogl.COLOR_BUFFER_BIT, gogl.NEAREST)
	return f.resolve
}

func (f *framebuffer) delete() {
	gogl.DeleteRenderbuffers(int32(len(f.rbos)), &f.rbos[0])
	gogl.DeleteFramebuffers(1, &f.draw)
	if f.resolve != 0 {
		gogl.DeleteFramebuffers(1, &f.resolve)
	}
}

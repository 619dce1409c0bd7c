//go:build cgo

package gl

import (
	"image"

	gogl "github.com/go-gl/gl/v3.3-core/gl"

	"twin/render"
)

// Stats describe one drawn frame.
type Stats struct {
	DrawCalls int // glDrawElements and glDrawArraysInstanced calls, HUD included
	Triangles int // triangles submitted, two per billboard
}

// draw issues one frame's GL calls; it runs on the GL thread.
func (d *Driver) draw(list *render.DrawList, cam render.Camera, vp render.Viewport) Stats {
	var st Stats
	gogl.BindFramebuffer(gogl.FRAMEBUFFER, d.fb.draw)
	gl := [4]int32{int32(vp.X), d.fb.h - int32(vp.Y+vp.Height), int32(vp.Width), int32(vp.Height)}
	gogl.Viewport(gl[0], gl[1], gl[2], gl[3])
	gogl.Enable(gogl.SCISSOR_TEST)
	gogl.Scissor(gl[0], gl[1], gl[2], gl[3])
	c := d.opt.Clear
	gogl.ClearColor(c.R, c.G, c.B, c.A)
	gogl.Clear(gogl.COLOR_BUFFER_BIT | gogl.DEPTH_BUFFER_BIT)
	gogl.Enable(gogl.DEPTH_TEST)
	gogl.DepthFunc(gogl.LEQUAL)
	aspect := float64(vp.Width) / float64(vp.Height)
	for pass := 0; pass < 2; pass++ {
		translucent := pass == 1
		if translucent {
			gogl.Enable(gogl.BLEND)
			gogl.BlendFuncSeparate(gogl.SRC_ALPHA, gogl.ONE_MINUS_SRC_ALPHA, gogl.ONE, gogl.ONE_MINUS_SRC_ALPHA)
			gogl.DepthMask(false)
		}
		for i := range list.Items {
			it := &list.Items[i]
			b := d.bufs[it.ID]
			if !it.Visible || b == nil || it.Material.IsTranslucent() != translucent {
				continue
			}
			vpm := cam.ViewProjection(aspect, b.origin)
			if b.instanced {
				d.drawInstances(b, it, cam, vpm, &st)
			} else {
				d.drawMesh(b, it, vpm, &st)
			}
		}
	}
	gogl.DepthMask(true)
	gogl.Disable(gogl.BLEND)
	if list.HUD != nil && list.HUD.Overlay != nil {
		d.drawOverlay(list.HUD.Overlay, vp)
		st.DrawCalls++
	}
	gogl.Disable(gogl.SCISSOR_TEST)
	gogl.BindVertexArray(0)
	return st
}

func tint(m render.Material) render.Color {
	if m.Tint == (render.Color{}) {
		return render.Color{R: 1, G: 1, B: 1, A: 1}
	}
	return m.Tint
}

func (d *Driver) drawMesh(b *buffer, it *render.DrawItem, vpm render.Mat4, st *Stats) {
	p := d.progs[0]
	gogl.UseProgram(p.id)
	m := vpm.Float32()
	gogl.UniformMatrix4fv(p.viewProj, 1, false, &m[0])
	t := tint(it.Material)
	gogl.Uniform4f(p.tint, t.R, t.G, t.B, t.A)
	unlit := int32(0)
	if it.Material.Unlit {
		unlit = 1
	}
	gogl.Uniform1i(p.unlit, unlit)
	first, n := int32(it.FirstIndex), int32(it.IndexCount)
	if n == 0 || first+n > b.indices {
		first, n = 0, b.indices
	}
	if n == 0 {
		return
	}
	gogl.BindVertexArray(b.vao)
	gogl.DrawElementsWithOffset(b.mode, n, gogl.UNSIGNED_INT, uintptr(first)*4)
	st.DrawCalls++
	if b.mode == gogl.TRIANGLES {
		st.Triangles += int(n) / 3
	}
}

func (d *Driver) drawInstances(b *buffer, it *render.DrawItem, cam render.Camera, vpm render.Mat4, st *Stats) {
	n := int32(b.floats / b.stride)
	if n == 0 {
		return
	}
	p := d.progs[1]
	gogl.UseProgram(p.id)
	m := vpm.Float32()
	gogl.UniformMatrix4fv(p.viewProj, 1, false, &m[0])
	t := tint(it.Material)
	gogl.Uniform4f(p.tint, t.R, t.G, t.B, t.A)
	v := cam.View(b.origin) // rows 0 and 1 are the camera's right and up axes
	gogl.Uniform3f(p.right, float32(v[0]), float32(v[4]), float32(v[8]))
	gogl.Uniform3f(p.up, float32(v[1]), float32(v[5]), float32(v[9]))
	gogl.BindVertexArray(b.vao)
	gogl.DrawArraysInstanced(gogl.TRIANGLE_STRIP, 0, 4, n)
	st.DrawCalls++
	st.Triangles += 2 * int(n)
}

// drawOverlay uploads the HUD image and blends it at the viewport's top-left
// corner at one texel per pixel.
func (d *Driver) drawOverlay(img *image.RGBA, vp render.Viewport) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w == 0 || h == 0 {
		return
	}
	gogl.BindTexture(gogl.TEXTURE_2D, d.hud)
	gogl.PixelStorei(gogl.UNPACK_ROW_LENGTH, int32(img.Stride/4))
	gogl.TexImage2D(gogl.TEXTURE_2D, 0, gogl.RGBA8, int32(w), int32(h), 0, gogl.RGBA, gogl.UNSIGNED_BYTE, ptr(img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y):]))
	gogl.PixelStorei(gogl.UNPACK_ROW_LENGTH, 0)
	gogl.TexParameteri(gogl.TEXTURE_2D, gogl.TEXTURE_MIN_FILTER, gogl.NEAREST)
	gogl.TexParameteri(gogl.TEXTURE_2D, gogl.TEXTURE_MAG_FILTER, gogl.NEAREST)
	p := d.progs[2]
	gogl.UseProgram(p.id)
	gogl.Uniform1i(p.texture, 0)
	x1 := -1 + 2*float32(w)/float32(vp.Width)
	y0 := 1 - 2*float32(h)/float32(vp.Height)
	gogl.Uniform4f(p.rect, -1, y0, x1, 1)
	gogl.Disable(gogl.DEPTH_TEST)
	gogl.Enable(gogl.BLEND)
	gogl.BlendFuncSeparate(gogl.SRC_ALPHA, gogl.ONE_MINUS_SRC_ALPHA, gogl.ONE, gogl.ONE_MINUS_SRC_ALPHA)
	gogl.BindVertexArray(d.emptyVA)
	gogl.DrawArrays(gogl.TRIANGLE_STRIP, 0, 4)
	gogl.Disable(gogl.BLEND)
}

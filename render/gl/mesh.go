//go:build cgo

package gl

import (
	"fmt"
	"unsafe"

	gogl "github.com/go-gl/gl/v3.3-core/gl"

	"twin/render"
)

// buffer is one uploaded mesh (VBO, IBO, VAO) or instance set (VBO, VAO,
// drawn instanced).
type buffer struct {
	vao, vbo, ibo uint32
	indices       int32 // mesh indices; 0 for instance sets
	floats        int   // float32 values in the VBO
	stride        int   // float32 values per vertex or instance
	mode          uint32
	origin        [3]float64
	instanced     bool
}

func attrib(loc uint32, size int32, strideFloats, offFloats int, divisor uint32) {
	gogl.EnableVertexAttribArray(loc)
	gogl.VertexAttribPointerWithOffset(loc, size, gogl.FLOAT, false, int32(strideFloats*4), uintptr(offFloats*4))
	gogl.VertexAttribDivisor(loc, divisor)
}

// uploadMesh copies m into new or reused GL buffers. O(vertices+indices).
func uploadMesh(b *buffer, m *render.Mesh) *buffer {
	if b == nil {
		b = &buffer{}
		gogl.GenVertexArrays(1, &b.vao)
		gogl.GenBuffers(1, &b.vbo)
		gogl.GenBuffers(1, &b.ibo)
	}
	b.indices, b.floats, b.stride, b.origin, b.instanced = int32(len(m.Indices)), len(m.Vertices), render.VertexFloats, m.Origin, false
	b.mode = gogl.TRIANGLES
	if m.Prim == render.Lines {
		b.mode = gogl.LINES
	}
	gogl.BindVertexArray(b.vao)
	gogl.BindBuffer(gogl.ARRAY_BUFFER, b.vbo)
	gogl.BufferData(gogl.ARRAY_BUFFER, len(m.Vertices)*4, ptr(m.Vertices), gogl.DYNAMIC_DRAW)
	gogl.BindBuffer(gogl.ELEMENT_ARRAY_BUFFER, b.ibo)
	gogl.BufferData(gogl.ELEMENT_ARRAY_BUFFER, len(m.Indices)*4, ptr(m.Indices), gogl.STATIC_DRAW)
	attrib(0, 3, render.VertexFloats, render.OffPosition, 0)
	attrib(1, 3, render.VertexFloats, render.OffNormal, 0)
	attrib(2, 4, render.VertexFloats, render.OffColor, 0)
	gogl.BindVertexArray(0)
	return b
}

// uploadInstances copies s into new or reused GL buffers. O(instances).
func uploadInstances(b *buffer, s *render.InstanceSet) *buffer {
	if b == nil {
		b = &buffer{}
		gogl.GenVertexArrays(1, &b.vao)
		gogl.GenBuffers(1, &b.vbo)
	}
	b.floats, b.stride, b.origin, b.instanced = len(s.Data), render.InstanceFloats, s.Origin, true
	gogl.BindVertexArray(b.vao)
	gogl.BindBuffer(gogl.ARRAY_BUFFER, b.vbo)
	gogl.BufferData(gogl.ARRAY_BUFFER, len(s.Data)*4, ptr(s.Data), gogl.DYNAMIC_DRAW)
	attrib(0, 3, render.InstanceFloats, 0, 1)
	attrib(1, 1, render.InstanceFloats, 3, 1)
	attrib(2, 4, render.InstanceFloats, 4, 1)
	gogl.BindVertexArray(0)
	return b
}

// update overwrites vertices (or instances) from first on with
// glBufferSubData. O(len(data)).
func (b *buffer) update(first int, data []float32) error {
	if len(data)%b.stride != 0 || first < 0 || first*b.stride+len(data) > b.floats {
		return fmt.Errorf("%w: range of %d floats at vertex %d outside buffer of %d floats (stride %d)",
			ErrBadRange, len(data), first, b.floats, b.stride)
	}
	if len(data) == 0 {
		return nil
	}
	gogl.BindBuffer(gogl.ARRAY_BUFFER, b.vbo)
	gogl.BufferSubData(gogl.ARRAY_BUFFER, first*b.stride*4, len(data)*4, ptr(data))
	return nil
}

func (b *buffer) delete() {
	gogl.DeleteVertexArrays(1, &b.vao)
	gogl.DeleteBuffers(1, &b.vbo)
	if b.ibo != 0 {
		gogl.DeleteBuffers(1, &b.ibo)
	}
}

// ptr is the address of a slice's first element, nil when empty.
func ptr[T any](s []T) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

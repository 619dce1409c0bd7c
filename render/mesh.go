package render

// VertexFloats is the number of float32 values per vertex in Mesh.Vertices:
// position (3), normal (3), colour RGBA (4).
const VertexFloats = 10

// VertexStride is the size of one vertex in bytes.
const VertexStride = VertexFloats * 4

// Offsets, in float32 values, of each attribute inside one vertex.
const (
	OffPosition = 0
	OffNormal   = 3
	OffColor    = 6
)

// Primitive says how a Mesh's indices are assembled.
type Primitive uint8

const (
	// Triangles: every three indices form a triangle, counter-clockwise
	// seen from the front.
	Triangles Primitive = iota
	// Lines: every two indices form a line segment.
	Lines
)

// String returns "triangles" or "lines".
func (p Primitive) String() string {
	if p == Lines {
		return "lines"
	}
	return "triangles"
}

// BufferID names one GPU buffer (a Mesh or an InstanceSet) across uploads.
// IDs are assigned by the scene and stay stable while the scene lives.
type BufferID uint32

// Mesh is an indexed vertex array in the layout documented in the package
// doc. Vertices holds VertexFloats float32 per vertex; Indices are uint32
// positions into it.
type Mesh struct {
	// Origin is the world position (projected metres) that vertex
	// positions are relative to.
	Origin [3]float64
	// Vertices is interleaved: see the package doc.
	Vertices []float32
	// Indices index vertices (not floats).
	Indices []uint32
	// Prim says how indices form primitives.
	Prim Primitive
	// Bounds is the mesh's world bounding box.
	Bounds Box
}

// VertexCount returns len(Vertices)/VertexFloats. O(1).
func (m *Mesh) VertexCount() int { return len(m.Vertices) / VertexFloats }

// TriangleCount returns the number of triangles (0 for line meshes). O(1).
func (m *Mesh) TriangleCount() int {
	if m.Prim != Triangles {
		return 0
	}
	return len(m.Indices) / 3
}

// AddVertex appends one vertex with position p (relative to Origin), normal
// n and colour c, and returns its index. Amortised O(1).
func (m *Mesh) AddVertex(p, n [3]float32, c Color) uint32 {
	i := uint32(m.VertexCount())
	m.Vertices = append(m.Vertices, p[0], p[1], p[2], n[0], n[1], n[2], c.R, c.G, c.B, c.A)
	return i
}

// SetColor overwrites the colour of vertices [first, first+n). O(n).
func (m *Mesh) SetColor(first, n int, c Color) {
	for v := first; v < first+n; v++ {
		o := v*VertexFloats + OffColor
		m.Vertices[o], m.Vertices[o+1], m.Vertices[o+2], m.Vertices[o+3] = c.R, c.G, c.B, c.A
	}
}

// Position returns vertex v's position relative to Origin. O(1).
func (m *Mesh) Position(v int) [3]float32 {
	o := v * VertexFloats
	return [3]float32{m.Vertices[o], m.Vertices[o+1], m.Vertices[o+2]}
}

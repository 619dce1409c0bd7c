// Package render holds the GPU-ready data types of the command-centre wall
// and the small Driver interface that a graphics back end (render/gl)
// implements. Everything here is pure Go: no cgo, no GL, no file I/O.
//
// # Coordinates and units
//
// World coordinates are projected metres of the World's CRS. Vertex
// positions are stored relative to a per-mesh Origin (float64, metres) so
// that float32 keeps centimetre precision in large CRSs: world = Origin +
// position. The z axis points up; z is metres above the vertical datum.
//
// # Vertex layout
//
// A Mesh stores interleaved float32 vertices, VertexFloats (= 10) per
// vertex, in this exact order:
//
//	offset 0  position x, y, z   (3 × float32, metres, relative to Mesh.Origin)
//	offset 3  normal   x, y, z   (3 × float32, unit length; zero for lines)
//	offset 6  colour   r, g, b, a (4 × float32, linear 0..1, not premultiplied)
//
// The stride is VertexStride (= 40) bytes. Indices are uint32; Mesh.Prim
// says whether they form triangles (counter-clockwise front faces seen from
// outside) or line segments. A translucent Material (alpha < 1 or the
// Translucent flag) is drawn after opaque items, with blending and depth
// writes off.
//
// # Instances
//
// An InstanceSet holds billboards/icons: InstanceFloats (= 8) float32 per
// instance: position x, y, z (relative to the set's Origin), size in metres,
// colour r, g, b, a. The driver draws each as a camera-facing quad.
//
// # Updates
//
// A DrawList names buffers by BufferID. When the scene changes a part of a
// buffer it records a dirty Range in vertices; the driver re-uploads only
// those vertices with Driver.UpdateRange and then clears the ranges. An
// item whose buffer changed size (DrawItem.Resized) is uploaded whole.
// render.Sync does both.
//
// Nothing here is safe for concurrent mutation; readers may share values that
// no one mutates.
package render

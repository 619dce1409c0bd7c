// Package scene builds the GPU-ready data of the command-centre wall
// (render.Mesh, render.InstanceSet, render.DrawList) from an engine World
// snapshot, and keeps it current from the delta stream: a delta rewrites only
// the vertex ranges it touches and marks them dirty for the driver.
//
// Conventions: lengths are metres, positions are projected metres of the
// World's CRS with z up, stored relative to each mesh's Origin (the scene
// origin, the centre of the World's bounds at z 0). The vertex layout is
// render's. Buildings are merged into big meshes by spatial tile in Hilbert
// order so a frame needs few draw calls; within a tile mesh all roof
// triangles come first, so a far tile can draw its roofs only
// (DrawItem.IndexCount).
//
// Triangulate (ear clipping with hole bridging) is written by hand because
// no maintained Go earcut module was found; the R-tree is tidwall/rtree.
//
// Pure Go: no cgo, no GL, no file I/O, no clocks. A Scene is not safe for
// concurrent use; build it and apply deltas from one goroutine.
package scene

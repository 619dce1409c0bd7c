package scene

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/render"
)

// meshBuilder appends buildings to one mesh, keeping roof and wall
// triangles apart so that roofs can be drawn first (and alone for LOD).
type meshBuilder struct {
	m     *render.Mesh
	roofs []uint32
	walls []uint32
	xy    []float64 // scratch: ring coordinates for Triangulate
	holes []int
	tri   []uint32
}

// finish moves roof then wall indices into the mesh and returns the number
// of roof indices.
func (b *meshBuilder) finish() int {
	b.m.Indices = append(append(b.m.Indices[:0], b.roofs...), b.walls...)
	return len(b.roofs)
}

// ringPoints returns r without its closing point.
func ringPoints(r orb.Ring) orb.Ring {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		return r[:len(r)-1]
	}
	return r
}

// extrude appends the building's walls and flat roof: the footprint
// polygons extruded from base to top (absolute metres). Per ring of n
// vertices it adds 4n wall vertices and 2n wall triangles; the roof adds one
// vertex per footprint vertex and the ear-clipping triangles. Footprints
// that cannot be triangulated are skipped. O(n²) in the footprint vertices.
func (b *meshBuilder) extrude(fp orb.MultiPolygon, base, top float64, c render.Color) {
	o := b.m.Origin
	for _, poly := range fp {
		b.xy, b.holes = b.xy[:0], b.holes[:0]
		for k, r := range poly {
			pts := ringPoints(r)
			if len(pts) < 3 {
				if k == 0 {
					break
				}
				continue
			}
			if k > 0 {
				b.holes = append(b.holes, len(b.xy)/2)
			}
			for _, p := range pts {
				b.xy = append(b.xy, p[0], p[1])
			}
			b.wallRing(pts, k == 0, base, top, c)
		}
		var err error
		b.tri, err = Triangulate(b.tri[:0], b.xy, b.holes)
		if err != nil {
			continue
		}
		first := uint32(b.m.VertexCount())
		up := [3]float32{0, 0, 1}
		zt := float32(top - o[2])
		for i := 0; i < len(b.xy); i += 2 {
			b.m.AddVertex([3]float32{float32(b.xy[i] - o[0]), float32(b.xy[i+1] - o[1]), zt}, up, c)
		}
		for _, t := range b.tri {
			b.roofs = append(b.roofs, first+t)
		}
	}
}

// wallRing appends the walls of one ring, oriented so that normals point
// out of the solid: outer rings counter-clockwise, holes clockwise.
func (b *meshBuilder) wallRing(pts orb.Ring, outer bool, base, top float64, c render.Color) {
	o := b.m.Origin
	n := len(pts)
	ccw := signedArea(pts) > 0
	zb, zt := float32(base-o[2]), float32(top-o[2])
	for k := 0; k < n; k++ {
		i, j := k, (k+1)%n
		if ccw != outer {
			i, j = n-1-k, (2*n-2-k)%n
		}
		p, q := pts[i], pts[j]
		dx, dy := q[0]-p[0], q[1]-p[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			l = 1
		}
		nrm := [3]float32{float32(dy / l), float32(-dx / l), 0}
		px, py := float32(p[0]-o[0]), float32(p[1]-o[1])
		qx, qy := float32(q[0]-o[0]), float32(q[1]-o[1])
		v := b.m.AddVertex([3]float32{px, py, zb}, nrm, c)
		b.m.AddVertex([3]float32{qx, qy, zb}, nrm, c)
		b.m.AddVertex([3]float32{qx, qy, zt}, nrm, c)
		b.m.AddVertex([3]float32{px, py, zt}, nrm, c)
		b.walls = append(b.walls, v, v+1, v+2, v, v+2, v+3)
	}
}

func signedArea(r orb.Ring) float64 {
	var s float64
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		s += r[j][0]*r[i][1] - r[i][0]*r[j][1]
	}
	return s / 2
}

// surfaces appends CityJSON LoD1/LoD2 surfaces: each planar polygon is
// projected on its dominant axis plane, triangulated, and emitted with its
// Newell normal; "RoofSurface" triangles go with the roofs. It reports
// whether any surface was emitted.
func (b *meshBuilder) surfaces(ss []geo.Surface, c render.Color) bool {
	o := b.m.Origin
	any := false
	for _, s := range ss {
		if len(s.Rings) == 0 || len(s.Rings[0]) < 3 {
			continue
		}
		nx, ny, nz := newell(s.Rings[0])
		ax := dominantAxis(nx, ny, nz)
		b.xy, b.holes = b.xy[:0], b.holes[:0]
		var pts []geo.Point3
		for k, r := range s.Rings {
			if len(r) > 1 && r[0] == r[len(r)-1] {
				r = r[:len(r)-1]
			}
			if k > 0 {
				b.holes = append(b.holes, len(b.xy)/2)
			}
			for _, p := range r {
				u, v := drop(p, ax)
				b.xy = append(b.xy, u, v)
				pts = append(pts, p)
			}
		}
		var err error
		b.tri, err = Triangulate(b.tri[:0], b.xy, b.holes)
		if err != nil {
			continue
		}
		l := math.Sqrt(nx*nx + ny*ny + nz*nz)
		nrm := [3]float32{float32(nx / l), float32(ny / l), float32(nz / l)}
		first := uint32(b.m.VertexCount())
		for _, p := range pts {
			b.m.AddVertex([3]float32{float32(p[0] - o[0]), float32(p[1] - o[1]), float32(p[2] - o[2])}, nrm, c)
		}
		dst := &b.walls
		if s.Type == "RoofSurface" {
			dst = &b.roofs
		}
		for t := 0; t+2 < len(b.tri); t += 3 {
			i, j, k := b.tri[t], b.tri[t+1], b.tri[t+2]
			if facing(pts[i], pts[j], pts[k], nx, ny, nz) < 0 {
				j, k = k, j
			}
			*dst = append(*dst, first+i, first+j, first+k)
		}
		any = true
	}
	return any
}

// newell returns the (unnormalised) Newell normal of a 3D ring.
func newell(r []geo.Point3) (nx, ny, nz float64) {
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		nx += (p[1] - q[1]) * (p[2] + q[2])
		ny += (p[2] - q[2]) * (p[0] + q[0])
		nz += (p[0] - q[0]) * (p[1] + q[1])
	}
	return
}

func dominantAxis(nx, ny, nz float64) int {
	ax, ay, az := math.Abs(nx), math.Abs(ny), math.Abs(nz)
	switch {
	case az >= ax && az >= ay:
		return 2
	case ay >= ax:
		return 1
	}
	return 0
}

func drop(p geo.Point3, axis int) (u, v float64) {
	switch axis {
	case 0:
		return p[1], p[2]
	case 1:
		return p[2], p[0]
	}
	return p[0], p[1]
}

func facing(a, b, c geo.Point3, nx, ny, nz float64) float64 {
	ux, uy, uz := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	vx, vy, vz := c[0]-a[0], c[1]-a[1], c[2]-a[2]
	return (uy*vz-uz*vy)*nx + (uz*vx-ux*vz)*ny + (ux*vy-uy*vx)*nz
}

package scene

import (
	"math"

	"github.com/tidwall/rtree"

	"twin/render"
)

// CullStats counts the outcome of one Cull.
type CullStats struct {
	// Visible and Culled count draw items.
	Visible, Culled int
	// RoofOnly counts visible building tiles drawn at the far level of
	// detail (roofs only).
	RoofOnly int
}

// index returns the R-tree of item bounds (x, y), built on first use and
// rebuilt when items were added.
func (s *Scene) index() *rtree.RTreeG[int] {
	if s.tree != nil && s.treeItems == len(s.list.Items) {
		return s.tree
	}
	s.tree = &rtree.RTreeG[int]{}
	for i, it := range s.list.Items {
		if it.Bounds.Empty() {
			continue
		}
		s.tree.Insert([2]float64{it.Bounds.Min[0], it.Bounds.Min[1]}, [2]float64{it.Bounds.Max[0], it.Bounds.Max[1]}, i)
	}
	s.treeItems = len(s.list.Items)
	return s.tree
}

// Cull sets each item's Visible flag for camera cam drawing into a viewport
// of the given aspect (width/height): the R-tree yields the items whose
// bounds meet the frustum's bounding box, and each is then tested against
// the six frustum planes. Visible building tiles farther than LODDistance
// from the eye draw their roofs only. Mode still applies (pipes only in
// x-ray). O(log n + k) for k candidates.
func (s *Scene) Cull(cam render.Camera, aspect float64) CullStats {
	planes := frustumPlanes(cam.ViewProjection(aspect, [3]float64{}))
	lo, hi := frustumBox(cam, aspect)
	vis := make([]bool, len(s.list.Items))
	s.index().Search(lo, hi, func(_, _ [2]float64, i int) bool {
		vis[i] = boxInside(planes, s.list.Items[i].Bounds)
		return true
	})
	tileOf := make(map[int]int, len(s.tiles))
	for k, t := range s.tiles {
		tileOf[t.item] = k
	}
	eye := cam.Eye()
	var st CullStats
	for i := range s.list.Items {
		it := &s.list.Items[i]
		it.Visible = vis[i] && (it.Layer != render.LayerPipes || s.opts.Mode == ModeXRay)
		if !it.Visible {
			st.Culled++
			continue
		}
		st.Visible++
		if k, ok := tileOf[i]; ok {
			it.FirstIndex, it.IndexCount = 0, 0
			if boxDistance(it.Bounds, eye) > s.opts.LODDistance {
				it.IndexCount = s.tiles[k].roofIndex
				st.RoofOnly++
			}
		}
	}
	return st
}

// frustumPlanes extracts the six planes (a, b, c, d; inside when
// a·x + b·y + c·z + d ≥ 0) from a view-projection matrix (Gribb and
// Hartmann, 2001).
func frustumPlanes(m render.Mat4) [6][4]float64 {
	row := func(r int) [4]float64 { return [4]float64{m[r], m[4+r], m[8+r], m[12+r]} }
	r0, r1, r2, r3 := row(0), row(1), row(2), row(3)
	var p [6][4]float64
	for k := 0; k < 4; k++ {
		p[0][k], p[1][k] = r3[k]+r0[k], r3[k]-r0[k]
		p[2][k], p[3][k] = r3[k]+r1[k], r3[k]-r1[k]
		p[4][k], p[5][k] = r3[k]+r2[k], r3[k]-r2[k]
	}
	return p
}

// boxInside reports whether b is not entirely outside any plane
// (conservative: may keep a box that only meets the frustum's corner
// region).
func boxInside(planes [6][4]float64, b render.Box) bool {
	for _, p := range planes {
		x, y, z := b.Min[0], b.Min[1], b.Min[2]
		if p[0] >= 0 {
			x = b.Max[0]
		}
		if p[1] >= 0 {
			y = b.Max[1]
		}
		if p[2] >= 0 {
			z = b.Max[2]
		}
		if p[0]*x+p[1]*y+p[2]*z+p[3] < 0 {
			return false
		}
	}
	return true
}

// frustumBox returns the (x, y) bounding box of the frustum's eight corners.
func frustumBox(cam render.Camera, aspect float64) (lo, hi [2]float64) {
	eye := cam.Eye()
	f := norm(sub(cam.Target, eye))
	sd := norm(crossV(f, [3]float64{0, 0, 1}))
	u := crossV(sd, f)
	fov, n, far := cam.FovY, cam.Near, cam.Far
	if fov <= 0 {
		fov = render.DefaultFovY
	}
	if n <= 0 {
		n = cam.Distance / 1000
	}
	if far <= 0 {
		far = cam.Distance * 100
	}
	if cam.Aspect > 0 {
		aspect = cam.Aspect
	}
	lo = [2]float64{math.Inf(1), math.Inf(1)}
	hi = [2]float64{math.Inf(-1), math.Inf(-1)}
	t := math.Tan(fov / 2)
	for _, d := range []float64{n, far} {
		for _, sx := range []float64{-1, 1} {
			for _, sy := range []float64{-1, 1} {
				for k := 0; k < 2; k++ {
					c := eye[k] + f[k]*d + sd[k]*sx*d*t*aspect + u[k]*sy*d*t
					lo[k], hi[k] = math.Min(lo[k], c), math.Max(hi[k], c)
				}
			}
		}
	}
	return lo, hi
}

func boxDistance(b render.Box, p [3]float64) float64 {
	var s float64
	for k := 0; k < 3; k++ {
		d := math.Max(0, math.Max(b.Min[k]-p[k], p[k]-b.Max[k]))
		s += d * d
	}
	return math.Sqrt(s)
}

func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func crossV(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
func norm(a [3]float64) [3]float64 {
	l := math.Sqrt(a[0]*a[0] + a[1]*a[1] + a[2]*a[2])
	if l == 0 {
		return a
	}
	return [3]float64{a[0] / l, a[1] / l, a[2] / l}
}

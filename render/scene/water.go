package scene

import (
	"errors"
	"fmt"
	"math"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// ErrFloodGrid is returned (wrapped) by SetFlood for an unusable depth grid.
var ErrFloodGrid = errors.New("scene: bad flood depth grid")

// MaxFloodCells caps the flood grid's size (cells) that SetFlood accepts.
const MaxFloodCells = 4 << 20

// MinDepth is the water depth in metres below which a cell is drawn dry
// (fully transparent).
const MinDepth = 0.01

type water struct {
	item       int
	cols, rows int
	x0, y0, dx float64
	dy         float64
}

// SetFlood shows the depth raster (metres of water per cell, NaN or below
// MinDepth dry; in the World's CRS) as a translucent surface at terrain
// height plus depth, coloured by DepthRamp, one vertex per cell centre.
// Called again with a grid of the same geometry it rewrites only the
// vertices that changed and marks that span dirty, so it can run every
// frame; otherwise it replaces the water buffer. It returns the water
// buffer's id. Errors wrap ErrFloodGrid. O(cells).
func (s *Scene) SetFlood(snap *engine.Snapshot, depth *geo.Grid) (render.BufferID, error) {
	g := depth
	if g == nil || g.Cols < 2 || g.Rows < 2 || len(g.Data) != g.Cols*g.Rows || !(g.DX > 0) || !(g.DY > 0) {
		return 0, fmt.Errorf("%w: need at least 2×2 cells with positive size", ErrFloodGrid)
	}
	if g.Cols*g.Rows > MaxFloodCells {
		return 0, fmt.Errorf("%w: %d×%d cells over %d", ErrFloodGrid, g.Cols, g.Rows, MaxFloodCells)
	}
	m := s.waterMesh(snap, g)
	s.flood = g
	w := s.water
	same := w != nil && w.cols == g.Cols && w.rows == g.Rows && w.x0 == g.X0 && w.y0 == g.Y0 && w.dx == g.DX && w.dy == g.DY
	if !same {
		it := render.DrawItem{Layer: render.LayerWater, Mesh: m, Bounds: m.Bounds, Visible: true,
			Material: render.Material{Translucent: true}}
		if w != nil {
			it.ID = s.list.Items[w.item].ID
			s.list.Items[w.item] = it
		} else {
			w = &water{item: s.addItem(it)}
		}
		w.cols, w.rows, w.x0, w.y0, w.dx, w.dy = g.Cols, g.Rows, g.X0, g.Y0, g.DX, g.DY
		s.water, s.tree = w, nil
		s.list.Items[w.item].Resized = true
		return s.list.Items[w.item].ID, nil
	}
	it := &s.list.Items[w.item]
	old := it.Mesh.Vertices
	lo, hi := -1, -1
	for v := 0; v < len(old)/render.VertexFloats; v++ {
		a := old[v*render.VertexFloats : (v+1)*render.VertexFloats]
		b := m.Vertices[v*render.VertexFloats : (v+1)*render.VertexFloats]
		for k := range a {
			if math.Float32bits(a[k]) != math.Float32bits(b[k]) {
				if lo < 0 {
					lo = v
				}
				hi = v
				break
			}
		}
	}
	if lo >= 0 {
		copy(old[lo*render.VertexFloats:], m.Vertices[lo*render.VertexFloats:(hi+1)*render.VertexFloats])
		it.MarkDirty(render.Range{First: lo, Count: hi - lo + 1})
		if nb := it.Bounds.Union(m.Bounds); nb != it.Bounds {
			it.Bounds, s.tree = nb, nil
		}
	}
	return it.ID, nil
}

func (s *Scene) waterMesh(snap *engine.Snapshot, g *geo.Grid) *render.Mesh {
	nx, ny := g.Cols, g.Rows
	z := make([]float64, nx*ny)
	d := make([]float64, nx*ny)
	for j := 0; j < ny; j++ {
		r := ny - 1 - j
		for i := 0; i < nx; i++ {
			dep := g.At(i, r)
			if math.IsNaN(dep) || dep < 0 {
				dep = 0
			}
			c := g.Center(i, r)
			z[j*nx+i] = s.height(snap, c) + dep
			d[j*nx+i] = dep
		}
	}
	lo := [2]float64{g.X0 + g.DX/2, g.Y0 - float64(ny)*g.DY + g.DY/2}
	k := 0
	m := gridMesh(s.origin, lo, g.DX, nx, ny, z, func(float64) render.Color {
		dep := d[k]
		k++
		if dep < MinDepth {
			return render.Color{}
		}
		return DepthRamp.At(dep)
	})
	if g.DY != g.DX { // gridMesh spaces rows by DX: fix y for non-square cells
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				m.Vertices[(j*nx+i)*render.VertexFloats+1] = float32(lo[1] + float64(j)*g.DY - s.origin[1])
			}
		}
		m.Bounds.Min[1], m.Bounds.Max[1] = lo[1], lo[1]+float64(ny-1)*g.DY
	}
	return m
}

package scene

import (
	"math"

	"twin/engine"
	"twin/render"
)

// addTerrain builds one regular-grid mesh per terrain grid of the World,
// resampled in the World's CRS at the grid's resolution but at most
// TerrainCells cells a side, with normals from central differences and an
// elevation colour ramp. Translucent in x-ray mode.
func (s *Scene) addTerrain(snap *engine.Snapshot) {
	for _, t := range snap.Terrain() {
		b := t.Bound()
		w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
		step := math.Max(t.Resolution(), math.Max(w, h)/float64(s.opts.TerrainCells))
		if !(step > 0) {
			continue
		}
		nx, ny := int(math.Ceil(w/step))+1, int(math.Ceil(h/step))+1
		z := make([]float64, nx*ny)
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				p := [2]float64{math.Min(b.Min[0]+float64(i)*step, b.Max[0]), math.Min(b.Min[1]+float64(j)*step, b.Max[1])}
				if v, ok := t.Height(p); ok && !math.IsNaN(v) {
					z[j*nx+i] = v
				}
			}
		}
		m := gridMesh(s.origin, b.Min, step, nx, ny, z, func(v float64) render.Color { return TerrainRamp.At(v) })
		s.addItem(render.DrawItem{Layer: render.LayerTerrain, Mesh: m, Bounds: m.Bounds, Visible: true})
	}
}

// gridMesh builds a height-field mesh of nx×ny vertices at lo + (i, j)·step
// with heights z (row j from the south), two counter-clockwise triangles per
// cell and central-difference normals.
func gridMesh(o [3]float64, lo [2]float64, step float64, nx, ny int, z []float64, color func(float64) render.Color) *render.Mesh {
	m := &render.Mesh{Origin: o, Prim: render.Triangles, Vertices: make([]float32, 0, nx*ny*render.VertexFloats)}
	box := render.EmptyBox()
	at := func(i, j int) float64 {
		i, j = max(0, min2(i, nx-1)), max(0, min2(j, ny-1))
		return z[j*nx+i]
	}
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			x, y := lo[0]+float64(i)*step, lo[1]+float64(j)*step
			dzx := (at(i+1, j) - at(i-1, j)) / (2 * step)
			dzy := (at(i, j+1) - at(i, j-1)) / (2 * step)
			l := math.Sqrt(dzx*dzx + dzy*dzy + 1)
			v := z[j*nx+i]
			m.AddVertex([3]float32{float32(x - o[0]), float32(y - o[1]), float32(v - o[2])},
				[3]float32{float32(-dzx / l), float32(-dzy / l), float32(1 / l)}, color(v))
			box = box.Extend([3]float64{x, y, v})
		}
	}
	m.Indices = make([]uint32, 0, (nx-1)*(ny-1)*6)
	for j := 0; j+1 < ny; j++ {
		for i := 0; i+1 < nx; i++ {
			a := uint32(j*nx + i)
			b, c, d := a+1, a+uint32(nx)+1, a+uint32(nx)
			m.Indices = append(m.Indices, a, b, c, a, c, d)
		}
	}
	m.Bounds = box
	return m
}

func min2(a, b int) int {
	if a < b {
		return a
	}
	return b
}

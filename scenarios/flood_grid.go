package scenarios

import (
	"errors"
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// ErrNoTerrain: the flood model needs an elevation grid under the roads.
var ErrNoTerrain = errors.New("scenarios: flood needs terrain under the roads")

// seaLevelM is the elevation at and below which a terrain cell is taken
// for sea: SRTM flattens water surfaces, the sea to 0 m. Sea cells get no
// rain, are lowered to seaBedM so that they take what runs off the land,
// and count in no flood metric.
const (
	seaLevelM = 0.0
	seaBedM   = -2.0
)

// floodGrid resamples the World's terrain onto a north-up grid of cell
// metres in the World's CRS covering the road links plus two cells, by
// bilinear interpolation at cell centres. Cells without terrain are NaN
// (blocked). O(cells · terrains).
func floodGrid(c *city, cell float64) (*geo.Grid, error) {
	ts := c.snap.Terrain()
	lb, ok := c.snap.Layer("links").Bounds()
	if len(ts) == 0 || !ok {
		return nil, ErrNoTerrain
	}
	lb = lb.Pad(2 * cell)
	g := &geo.Grid{
		Cols: int(math.Ceil((lb.Max[0] - lb.Min[0]) / cell)),
		Rows: int(math.Ceil((lb.Max[1] - lb.Min[1]) / cell)),
		X0:   lb.Min[0], Y0: lb.Max[1], DX: cell, DY: cell,
	}
	if g.Cols*g.Rows > 4_000_000 {
		return nil, errors.New("scenarios: flood grid over 4 million cells; raise flood.cell_m")
	}
	g.Data = make([]float32, g.Cols*g.Rows)
	wet := 0
	for r := 0; r < g.Rows; r++ {
		for col := 0; col < g.Cols; col++ {
			p := g.Center(col, r)
			z := math.NaN()
			for _, t := range ts {
				if h, ok := t.Height(p); ok {
					z = h
					break
				}
			}
			if z <= seaLevelM {
				z = seaBedM
			}
			g.Data[r*g.Cols+col] = float32(z)
			if !math.IsNaN(z) {
				wet++
			}
		}
	}
	if wet == 0 {
		return nil, ErrNoTerrain
	}
	return g, nil
}

// isSea reports whether a grid cell is sea.
func isSea(g *geo.Grid, i int) bool { return g.Data[i] <= seaBedM }

// lineCells returns the land cells a line passes through, sampled every
// half cell along it, without repeats, in order.
func lineCells(g *geo.Grid, line orb.LineString) []int32 {
	var out []int32
	seen := map[int32]bool{}
	add := func(p orb.Point) {
		if c, r, ok := g.Cell(p[0], p[1]); ok {
			i := int32(r*g.Cols + c)
			if !seen[i] && !isSea(g, int(i)) {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		n := int(math.Ceil(dist(a, b)/(g.DX/2))) + 1
		for k := 0; k <= n; k++ {
			t := float64(k) / float64(n)
			add(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
	}
	if len(line) == 1 {
		add(line[0])
	}
	return out
}

package engine

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/proj"
)

// Terrain is one elevation grid placed in the World. The grid stays in its
// own CRS (SRTM tiles are lon/lat); heights are looked up by converting the
// query point into the grid's CRS and interpolating bilinearly, so nothing is
// lost to resampling. Immutable and safe for concurrent use.
type Terrain struct {
	Name   string
	Grid   *geo.Grid
	toGrid geo.PointFunc // World CRS → grid CRS
	bound  orb.Bound     // in the World's CRS
	res    float64       // approximate cell size in metres
}

// NewTerrain places g (in CRS gridCRS; nil when it shares the World's frame)
// in a World whose CRS is world (nil for an engineering frame).
func NewTerrain(name string, g *geo.Grid, gridCRS, world *proj.CRS) (*Terrain, error) {
	if g.Cols <= 0 || g.Rows <= 0 || len(g.Data) != g.Cols*g.Rows {
		return nil, fmt.Errorf("%w: terrain %s: grid %dx%d with %d values", ErrInvalidFeature, name, g.Cols, g.Rows, len(g.Data))
	}
	t := &Terrain{Name: name, Grid: g, toGrid: func(p orb.Point) orb.Point { return p }}
	var toWorld geo.PointFunc = t.toGrid
	switch {
	case gridCRS == nil && world == nil:
	case gridCRS == nil || world == nil:
		return nil, fmt.Errorf("%w: terrain %s: cannot place a grid without a CRS in a georeferenced World", ErrNoCRS, name)
	default:
		t.toGrid = proj.Transformer(world, gridCRS)
		toWorld = proj.Transformer(gridCRS, world)
	}
	first := true
	for _, p := range edgePoints(g.Bounds(), 32) {
		q := toWorld(p)
		if math.IsNaN(q[0]) || math.IsNaN(q[1]) {
			continue
		}
		if first {
			t.bound, first = q.Bound(), false
		} else {
			t.bound = t.bound.Extend(q)
		}
	}
	if first {
		return nil, fmt.Errorf("%w: terrain %s lies outside the World's CRS", ErrInvalidFeature, name)
	}
	t.res = math.Sqrt((t.bound.Max[0] - t.bound.Min[0]) * (t.bound.Max[1] - t.bound.Min[1]) / float64(g.Cols*g.Rows))
	return t, nil
}

// Bound returns the grid's extent in the World's CRS.
func (t *Terrain) Bound() orb.Bound { return t.bound }

// Resolution returns the approximate cell size in metres.
func (t *Terrain) Resolution() float64 { return t.res }

// Height returns the bilinearly interpolated elevation (metres) at p in the
// World's CRS; ok is false outside the grid or over missing cells. O(1).
func (t *Terrain) Height(p orb.Point) (z float64, ok bool) {
	if !t.bound.Contains(p) {
		return math.NaN(), false
	}
	q := t.toGrid(p)
	return t.Grid.Interpolate(q[0], q[1])
}

// sortTerrain puts finer grids first, so they win where grids overlap.
func sortTerrain(ts []*Terrain) {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].res < ts[j].res })
}

// TerrainHeight returns the ground elevation in metres at p (World CRS) from
// the finest grid that covers it; ok is false where no grid has a value.
func (s *Snapshot) TerrainHeight(p orb.Point) (z float64, ok bool) {
	for _, t := range s.terrain {
		if z, ok := t.Height(p); ok {
			return z, true
		}
	}
	return math.NaN(), false
}

package api

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"twin/geo/proj"
)

// tileProjector maps World coordinates to the pixel space of one tile: x
// right and y down in units of 1/extent of the tile's width, (0, 0) at the
// tile's north-west corner, through WGS84 lon/lat and spherical Web Mercator
// (EPSG:3857, the tiling scheme of XYZ tiles).
//
// The exact map costs one inverse projection of the World CRS per point
// (about 0.4 µs for UTM), which for a busy tile is more than the rest of the
// rendering together. Over one tile the map is smooth, so the projector
// evaluates it exactly at the nodes of an n×n grid spanning the area the
// tile's features are searched in and interpolates bilinearly in between. The
// grid is refined (n = 4, 8, … 64) until the interpolation error measured
// half-way between nodes (cell centres and edge midpoints, where bilinear
// error peaks) is at most gridTolerance; if no grid is fine enough every
// point is projected exactly. Points outside the
// grid (vertices of long features reaching beyond the tile) are projected
// exactly too.
//
// A tileProjector is immutable once built and safe for concurrent use.
type tileProjector struct {
	crs        *proj.CRS
	scale      float64   // tile units per unit of normalised Mercator (extent·2^z)
	ox, oy     float64   // tile origin in the same units
	n          int       // cells per side; 0: no grid
	min        orb.Point // grid origin, World CRS
	inv        orb.Point // cells per World unit along x and y
	nodes      []orb.Point
	maxGridErr float64 // largest error measured half-way between nodes
}

// gridTolerance is the largest interpolation error accepted, in tile units:
// a sixteenth of the rounding step, so interpolation never shows.
const gridTolerance = 1.0 / 16

// maxLat is the latitude (degrees) where Web Mercator is cut off; points
// beyond it are clamped so that no coordinate becomes infinite.
const maxLat = 85.05112877980659

// newTileProjector returns the projector for tile t with the given extent,
// taking points from the World CRS crs, with its interpolation grid over
// area (World CRS; an empty or degenerate area means exact projection
// only). O(n²) exact projections, n ≤ 64.
func newTileProjector(crs *proj.CRS, t maptile.Tile, extent int, area orb.Bound) *tileProjector {
	scale := float64(extent) * math.Exp2(float64(t.Z))
	tp := &tileProjector{crs: crs, scale: scale,
		ox: float64(t.X) * float64(extent), oy: float64(t.Y) * float64(extent)}
	w, h := area.Max[0]-area.Min[0], area.Max[1]-area.Min[1]
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return tp
	}
	for n := 4; n <= 64; n *= 2 {
		tp.buildGrid(area, n)
		if tp.maxGridErr <= gridTolerance {
			return tp
		}
	}
	tp.n, tp.nodes = 0, nil
	return tp
}

// buildGrid projects the (n+1)² nodes over area and measures the error at
// the 3n²+2n points half-way between them.
func (tp *tileProjector) buildGrid(area orb.Bound, n int) {
	w, h := area.Max[0]-area.Min[0], area.Max[1]-area.Min[1]
	tp.n, tp.min = n, area.Min
	tp.inv = orb.Point{float64(n) / w, float64(n) / h}
	tp.nodes = make([]orb.Point, 0, (n+1)*(n+1))
	for j := 0; j <= n; j++ {
		for i := 0; i <= n; i++ {
			p := orb.Point{area.Min[0] + w*float64(i)/float64(n), area.Min[1] + h*float64(j)/float64(n)}
			tp.nodes = append(tp.nodes, tp.exact(p))
		}
	}
	// Bilinear error peaks half-way between nodes: at cell centres, or at
	// edge midpoints when the curvatures along x and y cancel at the centre.
	tp.maxGridErr = 0
	for j := 0; j <= 2*n; j++ {
		for i := 0; i <= 2*n; i++ {
			if i%2 == 0 && j%2 == 0 {
				continue // a node: exact by construction
			}
			p := orb.Point{area.Min[0] + w*float64(i)/float64(2*n), area.Min[1] + h*float64(j)/float64(2*n)}
			e, g := tp.exact(p), tp.project(p)
			err := math.Max(math.Abs(e[0]-g[0]), math.Abs(e[1]-g[1]))
			if math.IsNaN(err) {
				err = math.Inf(1)
			}
			tp.maxGridErr = math.Max(tp.maxGridErr, err)
		}
	}
}

// exact projects p (World CRS) to tile units without the grid.
func (tp *tileProjector) exact(p orb.Point) orb.Point {
	lon, lat := tp.crs.Inverse(p[0], p[1])
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	x := (lon + 180) / 360
	y := 0.5 - math.Asinh(math.Tan(lat*math.Pi/180))/(2*math.Pi)
	return orb.Point{x*tp.scale - tp.ox, y*tp.scale - tp.oy}
}

// project maps p (World CRS) to tile units: interpolated inside the grid,
// exact outside it. O(1), allocation-free.
func (tp *tileProjector) project(p orb.Point) orb.Point {
	if tp.n == 0 {
		return tp.exact(p)
	}
	n := float64(tp.n)
	fx, fy := (p[0]-tp.min[0])*tp.inv[0], (p[1]-tp.min[1])*tp.inv[1]
	if !(fx >= 0 && fx <= n && fy >= 0 && fy <= n) {
		return tp.exact(p)
	}
	i, j := min(int(fx), tp.n-1), min(int(fy), tp.n-1)
	u, v := fx-float64(i), fy-float64(j)
	row := tp.n + 1
	a, b := tp.nodes[j*row+i], tp.nodes[j*row+i+1]
	c, d := tp.nodes[(j+1)*row+i], tp.nodes[(j+1)*row+i+1]
	return orb.Point{
		(1-v)*((1-u)*a[0]+u*b[0]) + v*((1-u)*c[0]+u*d[0]),
		(1-v)*((1-u)*a[1]+u*b[1]) + v*((1-u)*c[1]+u*d[1]),
	}
}

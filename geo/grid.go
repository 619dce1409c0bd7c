package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Grid is a north-up regular raster, such as a DEM. Cell (c, r) covers
// [X0+c·DX, X0+(c+1)·DX] × [Y0−(r+1)·DY, Y0−r·DY]: row 0 is the northern
// edge, as in ESRI ASCII grids and GDAL's geotransform. Values are read as
// standing at cell centres. Missing values are NaN.
type Grid struct {
	Cols, Rows int
	// X0, Y0 is the outer north-west corner of cell (0, 0).
	X0, Y0 float64
	// DX, DY are the cell width and height, both positive, in CRS units.
	DX, DY float64
	// Data holds Rows×Cols values, row-major from the north.
	Data []float32
	// CRS is "EPSG:n" or "" when unknown.
	CRS string
}

// At returns the value of cell (c, r), NaN outside the grid.
func (g *Grid) At(c, r int) float64 {
	if c < 0 || r < 0 || c >= g.Cols || r >= g.Rows {
		return math.NaN()
	}
	return float64(g.Data[r*g.Cols+c])
}

// Bounds returns the grid's outer extent in CRS units.
func (g *Grid) Bounds() orb.Bound {
	return orb.Bound{
		Min: orb.Point{g.X0, g.Y0 - float64(g.Rows)*g.DY},
		Max: orb.Point{g.X0 + float64(g.Cols)*g.DX, g.Y0},
	}
}

// Interpolate returns the value at (x, y) by bilinear interpolation between
// the four surrounding cell centres. Within half a cell of the edge it
// extrapolates flat from the edge cells. ok is false outside the grid or
// when a needed cell (one with a non-zero weight) is missing (NaN). O(1);
// safe for concurrent use.
func (g *Grid) Interpolate(x, y float64) (v float64, ok bool) {
	fx := (x-g.X0)/g.DX - 0.5
	fy := (g.Y0-y)/g.DY - 0.5
	if !(fx >= -0.5 && fy >= -0.5 && fx <= float64(g.Cols)-0.5 && fy <= float64(g.Rows)-0.5) {
		return math.NaN(), false
	}
	fx = math.Max(0, math.Min(fx, float64(g.Cols-1)))
	fy = math.Max(0, math.Min(fy, float64(g.Rows-1)))
	c0, r0 := int(fx), int(fy)
	c1, r1 := min(c0+1, g.Cols-1), min(r0+1, g.Rows-1)
	tx, ty := fx-float64(c0), fy-float64(r0)
	if tx == 0 { // a neighbour with zero weight must not bring its NaN in
		c1 = c0
	}
	if ty == 0 {
		r1 = r0
	}
	v00, v10 := g.At(c0, r0), g.At(c1, r0)
	v01, v11 := g.At(c0, r1), g.At(c1, r1)
	v = (v00*(1-tx)+v10*tx)*(1-ty) + (v01*(1-tx)+v11*tx)*ty
	if math.IsNaN(v) {
		return v, false
	}
	return v, true
}

// Cell returns the cell holding (x, y); ok is false outside the grid.
func (g *Grid) Cell(x, y float64) (c, r int, ok bool) {
	fx := (x - g.X0) / g.DX
	fy := (g.Y0 - y) / g.DY
	if !(fx >= 0 && fy >= 0 && fx < float64(g.Cols) && fy < float64(g.Rows)) {
		return 0, 0, false
	}
	return int(fx), int(fy), true
}

// Center returns the coordinates of the centre of cell (c, r).
func (g *Grid) Center(c, r int) orb.Point {
	return orb.Point{g.X0 + (float64(c)+0.5)*g.DX, g.Y0 - (float64(r)+0.5)*g.DY}
}

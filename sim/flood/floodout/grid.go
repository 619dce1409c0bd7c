package floodout

import (
	"fmt"

	"twin/geo"
)

// Grid returns a grid with like's georeference (origin, cell size, CRS)
// and data as its values, for writing a field with twin/geo/dem. data is
// shared, not copied. It fails with ErrSize when len(data) is not
// like.Cols·like.Rows.
func Grid(like *geo.Grid, data []float32) (*geo.Grid, error) {
	if err := checkField(like, data, "data"); err != nil {
		return nil, err
	}
	return &geo.Grid{Cols: like.Cols, Rows: like.Rows, X0: like.X0, Y0: like.Y0, DX: like.DX, DY: like.DY, CRS: like.CRS, Data: data}, nil
}

// checkField reports a field that does not fit the grid.
func checkField(g *geo.Grid, data []float32, what string) error {
	if g == nil || g.Cols <= 0 || g.Rows <= 0 {
		return fmt.Errorf("%w: empty grid", ErrSize)
	}
	if len(data) != g.Cols*g.Rows {
		return fmt.Errorf("%w: %s has %d values, grid %d × %d", ErrSize, what, len(data), g.Cols, g.Rows)
	}
	return nil
}

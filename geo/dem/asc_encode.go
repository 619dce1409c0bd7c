package dem

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"twin/geo"
)

// ErrBadGrid is returned by the encoders for a grid that cannot be written:
// no cells, Data of the wrong length, or a non-positive or non-finite cell
// size or origin.
var ErrBadGrid = errors.New("dem: invalid grid")

// checkGrid validates g for the encoders.
func checkGrid(g *geo.Grid) error {
	switch {
	case g == nil:
		return fmt.Errorf("%w: nil", ErrBadGrid)
	case g.Cols <= 0 || g.Rows <= 0:
		return fmt.Errorf("%w: size %d×%d", ErrBadGrid, g.Cols, g.Rows)
	case len(g.Data) != g.Cols*g.Rows:
		return fmt.Errorf("%w: %d values for %d×%d cells", ErrBadGrid, len(g.Data), g.Cols, g.Rows)
	case !(g.DX > 0) || !(g.DY > 0) || math.IsInf(g.DX, 0) || math.IsInf(g.DY, 0):
		return fmt.Errorf("%w: cell size %g×%g", ErrBadGrid, g.DX, g.DY)
	case math.IsNaN(g.X0) || math.IsNaN(g.Y0) || math.IsInf(g.X0, 0) || math.IsInf(g.Y0, 0):
		return fmt.Errorf("%w: origin %g, %g", ErrBadGrid, g.X0, g.Y0)
	}
	return nil
}

// EncodeASC writes g as an ESRI ASCII grid: a header with ncols, nrows,
// xllcorner, yllcorner, cellsize (dx and dy when the cells are not square)
// and NODATA_value, then one line per row from the north. Values are written
// in the shortest form that reads back to the same float32; NaN cells are
// written as the nodata value (-9999 unless a cell holds it). The CRS is not
// part of the format: write a .prj beside it.
//
// It returns ErrBadGrid for an invalid grid and the first write error. Time
// O(n); safe for concurrent use if g is not being modified.
func EncodeASC(w io.Writer, g *geo.Grid) error {
	if err := checkGrid(g); err != nil {
		return err
	}
	// The nodata candidates, in order; the first that no cell holds wins.
	var nodata float32
	for _, c := range [...]float32{-9999, -32768, -99999, -math.MaxFloat32} {
		nodata = c
		if !slices.Contains(g.Data, c) {
			break
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	fmt.Fprintf(bw, "ncols        %d\nnrows        %d\n", g.Cols, g.Rows)
	fmt.Fprintf(bw, "xllcorner    %s\nyllcorner    %s\n", f(g.X0), f(g.Y0-float64(g.Rows)*g.DY))
	if g.DX == g.DY {
		fmt.Fprintf(bw, "cellsize     %s\n", f(g.DX))
	} else {
		fmt.Fprintf(bw, "dx           %s\ndy           %s\n", f(g.DX), f(g.DY))
	}
	fmt.Fprintf(bw, "NODATA_value %s\n", strconv.FormatFloat(float64(nodata), 'g', -1, 32))
	buf := make([]byte, 0, 32)
	for r := 0; r < g.Rows; r++ {
		for c, v := range g.Data[r*g.Cols : (r+1)*g.Cols] {
			if v != v { // NaN
				v = nodata
			}
			buf = buf[:0]
			if c > 0 {
				buf = append(buf, ' ')
			}
			buf = strconv.AppendFloat(buf, float64(v), 'g', -1, 32)
			bw.Write(buf)
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

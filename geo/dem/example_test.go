package dem_test

import (
	"bytes"
	"fmt"
	"strings"

	"twin/geo"
	"twin/geo/dem"
)

func ExampleDecode() {
	const asc = `ncols 3
nrows 2
xllcorner 500000
yllcorner 4000000
cellsize 10
NODATA_value -9999
10 11 12
20 -9999 22
`
	crs, _ := dem.ParsePRJ(strings.NewReader(`PROJCS["WGS_1984_UTM_Zone_32N",GEOGCS["GCS_WGS_1984"]]`), "dem.prj")
	ds, err := dem.Decode(strings.NewReader(asc), "dem.asc", dem.Options{CRS: crs})
	if err != nil {
		fmt.Println(err)
		return
	}
	g := ds.Grids[0]
	fmt.Printf("%s %d×%d corner (%.0f, %.0f) void %v\n", ds.CRS, g.Cols, g.Rows, g.X0, g.Y0, g.At(1, 1))
	v, ok := g.Interpolate(500010, 4000015) // half way between the first two centres
	fmt.Println(v, ok)
	// Output:
	// EPSG:32632 3×2 corner (500000, 4000020) void NaN
	// 10.5 true
}

func ExampleEncodeASC() {
	g := &geo.Grid{Cols: 2, Rows: 1, X0: 0, Y0: 1, DX: 1, DY: 1, Data: []float32{1.5, 2}}
	var buf bytes.Buffer
	if err := dem.EncodeASC(&buf, g); err != nil {
		fmt.Println(err)
	}
	fmt.Print(buf.String())
	// Output:
	// ncols        2
	// nrows        1
	// xllcorner    0
	// yllcorner    0
	// cellsize     1
	// NODATA_value -9999
	// 1.5 2
}

func ExampleDecode_error() {
	_, err := dem.Decode(strings.NewReader("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n"), "bad.asc", dem.Options{})
	fmt.Println(err)
	// Output:
	// bad.asc:6: geo: invalid data: too many values: more than 2 (2×1)
}

package dem

import (
	"math"
	"testing"
)

// pixel is a cell and the value GDAL reads there.
type pixel struct {
	c, r int
	v    float64
}

// monacoPixels are cells of srtm3-monaco-crop (.tif and .asc alike): 20
// positions drawn with math/rand/v2 rand.New(rand.NewPCG(1, 0)) as
// (IntN(144), IntN(78)), the four corners and two voids. Values from
//
//	gdallocationinfo -valonly srtm3-monaco-crop.tif  < positions
//	gdallocationinfo -valonly srtm3-monaco-crop.asc  < positions
//
// (GDAL 3.6.2; both print the same). −32768 is the nodata value: NaN here.
var monacoPixels = []pixel{
	{86, 6, 446}, {103, 1, 113}, {101, 43, 0}, {116, 46, 0}, {44, 10, 1033},
	{71, 5, 700}, {139, 12, 0}, {127, 19, 7}, {113, 37, 0}, {121, 10, 100},
	{139, 42, 0}, {26, 12, 644}, {53, 66, 0}, {58, 18, 776}, {111, 17, 108},
	{59, 12, 897}, {114, 51, 0}, {140, 32, 0}, {114, 28, 71}, {113, 16, 113},
	{0, 0, 433}, {143, 0, 94}, {0, 77, 0}, {143, 77, 0},
	{58, 25, -32768}, {62, 27, -32768},
}

// tilePixels are cells of N43E007.hgt: 20 positions drawn with
// rand.New(rand.NewPCG(1, 0)) as (IntN(1201), IntN(1201)) and the corners.
// Values from
//
//	gdallocationinfo -valonly /vsizip/gh-N43E007.hgt.zip/N43E007.hgt < positions
var tilePixels = []pixel{
	{718, 107, 769}, {859, 28, 1022}, {842, 667, 0}, {973, 708, 0}, {367, 157, 446},
	{599, 90, 895}, {1164, 185, 0}, {1060, 292, 0}, {949, 572, 0}, {1011, 154, 430},
	{1160, 650, 0}, {224, 199, 154}, {444, 1024, 0}, {487, 284, 671}, {931, 266, 0},
	{500, 187, 1188}, {954, 799, 0}, {1169, 492, 0}, {957, 437, 0}, {948, 259, 0},
	{0, 0, 771}, {1200, 0, 763}, {0, 1200, 0}, {1200, 1200, 0},
}

func TestPixelValues(t *testing.T) {
	tests := []struct {
		name, file string
		pixels     []pixel
	}{
		{"asc", monacoASC, monacoPixels},
		{"tif", monacoTIF, monacoPixels},
		{"zip", tileZIP, tilePixels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := sharedDataset(t, tt.file, Options{}).Grids[0]
			for _, p := range tt.pixels {
				want := p.v
				if want == -32768 {
					want = math.NaN()
				}
				// Integer elevations: exact.
				if got := g.At(p.c, p.r); !same(got, want) {
					t.Errorf("cell (%d, %d) = %v, want %v", p.c, p.r, got, want)
				}
			}
		})
	}
}

package floodout_test

import (
	"bytes"
	"fmt"
	"image/png"
	"os"

	"twin/geo"
	"twin/sim/flood/floodout"
)

// A run's budget as Markdown: 1000 m³ of rain, 120 m³ out through a
// boundary, 880 m³ left on the ground.
func ExampleBudget_WriteMarkdown() {
	b := floodout.Budget{
		Title:  "Storm on the car park",
		In:     []floodout.Term{{Name: "rain", Volume: 1000}},
		Out:    []floodout.Term{{Name: "boundary outflow", Volume: 120}},
		Stored: []floodout.Term{{Name: "surface water", Volume: 880}},
	}
	b.WriteMarkdown(os.Stdout)
	// Output:
	// # Storm on the car park
	//
	// | | term | volume (m³) |
	// |---|---|---:|
	// | **initial** | total | **0.000** |
	// | in | rain | 1000.000 |
	// | **in** | total | **1000.000** |
	// | out | boundary outflow | 120.000 |
	// | **out** | total | **120.000** |
	// | stored | surface water | 880.000 |
	// | **stored** | total | **880.000** |
	//
	// Residual (stored − initial − in + out): 0 m³, error 0 %.
}

// A maximum-depth map of a 40 × 30 grid at 5 pixels per cell: the map
// takes 200 × 150 pixels, the legend 150 more to the right, and the image
// is at least 230 pixels high for the legend.
func ExampleDepthMap() {
	g := &geo.Grid{Cols: 40, Rows: 30, DX: 10, DY: 10, Y0: 300, Data: make([]float32, 40*30)}
	depth := make([]float32, len(g.Data))
	for c := 10; c < 20; c++ {
		depth[15*40+c] = 0.4 // a flooded street along row 15
	}
	var buf bytes.Buffer
	if err := floodout.DepthMap(&buf, g, depth, floodout.MapOptions{PixelsPerCell: 5}); err != nil {
		fmt.Println(err)
		return
	}
	img, _ := png.Decode(&buf)
	fmt.Println(img.Bounds().Dx(), "×", img.Bounds().Dy())
	// Output:
	// 350 × 230
}

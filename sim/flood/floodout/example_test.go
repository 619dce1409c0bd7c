package floodout_test

import (
	"os"

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

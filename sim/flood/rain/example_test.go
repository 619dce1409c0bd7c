package rain_test

import (
	"fmt"

	"twin/sim/flood/rain"
)

// A 2-hour, 50-year Chicago storm from a storm-intensity formula of the
// Chinese form (illustrative parameters, not a city's), peak at 40 %, in
// 5-minute blocks. By hand: q(60) = 2004·(1 + 0.8·lg 50)/68^0.7 = 246.5,
// and the depth is 0.36·q(120)·2 h = 114.0 mm.
func ExampleChicago() {
	formula := rain.ChineseFormula{A1: 12, C: 0.8, B: 8, N: 0.7}
	idf, err := formula.IDF(50)
	if err != nil {
		panic(err)
	}
	storm := rain.Chicago{IDF: idf, DurationMin: 120, Peak: 0.4}
	blocks, err := storm.Blocks(300)
	if err != nil {
		panic(err)
	}
	fmt.Printf("q(60 min) = %.1f L/(s·ha) = %.1f mm/h\n", formula.Q(60, 50), idf.Intensity(60))
	fmt.Printf("storm depth %.1f mm in %d blocks; peak block %.1f mm/h\n", blocks.Total(), len(blocks), blocks[9].MMh)
	// Output:
	// q(60 min) = 246.5 L/(s·ha) = 88.8 mm/h
	// storm depth 114.0 mm in 24 blocks; peak block 274.4 mm/h
}

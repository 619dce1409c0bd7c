package scenarios_test

import (
	"fmt"

	"twin/scenarios"
)

// A scenario with a negative duration and rain in inches is rejected
// before anything runs, each error with its line and column.
func ExampleDecode() {
	src := `name: bad
duration: -2h
events:
  - at: 0s
    rain:
      gauge: {interval: 10m, unit: in/h, values: [1.5]}
`
	_, err := scenarios.Decode("bad.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// bad.yaml:2:11: duration -2h0m0s: must be positive
	// bad.yaml:6:36: rain unit "in/h": want mm/h (intensity) or mm (depth per interval)
}

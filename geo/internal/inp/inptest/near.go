package inptest

import "math"

// Near reports whether a and b agree to the relative tolerance rel
// (absolute for magnitudes below 1). Two NaNs agree; a NaN and a number do
// not.
func Near(a, b, rel float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

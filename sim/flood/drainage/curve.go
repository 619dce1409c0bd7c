package drainage

import (
	"sort"

	"twin/geo/swmm"
)

// table is a piecewise-linear function through (x[i], y[i]), x ascending,
// held at its end values outside [x[0], x[n-1]].
type table struct {
	x, y []float64
}

func tableOf(c *swmm.Curve) table { return table{x: c.X, y: c.Y} }

func seriesTable(ts *swmm.TimeSeries) table { return table{x: ts.Times, y: ts.Values} }

// at interpolates linearly. O(log n).
func (t table) at(x float64) float64 {
	n := len(t.x)
	if n == 0 {
		return 0
	}
	if x <= t.x[0] {
		return t.y[0]
	}
	if x >= t.x[n-1] {
		return t.y[n-1]
	}
	i := sort.SearchFloat64s(t.x, x)
	x0, x1 := t.x[i-1], t.x[i]
	if x1 == x0 {
		return t.y[i]
	}
	return t.y[i-1] + (t.y[i]-t.y[i-1])*(x-x0)/(x1-x0)
}

// step returns y of the last x <= v (a stepwise curve, SWMM's PUMP2 and
// PUMP1 curves), y[0] below the first x.
func (t table) step(v float64) float64 {
	if len(t.x) == 0 {
		return 0
	}
	i := sort.SearchFloat64s(t.x, v)
	if i < len(t.x) && t.x[i] == v {
		return t.y[i]
	}
	if i == 0 {
		return t.y[0]
	}
	return t.y[i-1]
}

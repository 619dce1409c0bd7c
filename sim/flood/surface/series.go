package surface

import (
	"fmt"
	"math"
	"sort"
)

// Series is a piecewise-linear time series: value V[i] at time T[i]
// (seconds of simulation time). Between points it interpolates linearly,
// before the first point it holds V[0] and after the last V[len-1], as
// LISFLOOD-FP does with its .bdy series. The zero value is an empty series;
// At on it returns 0.
type Series struct {
	T, V []float64
}

// Const returns a series that is v at all times.
func Const(v float64) Series { return Series{T: []float64{0}, V: []float64{v}} }

// Len returns the number of points.
func (s Series) Len() int { return len(s.T) }

// At returns the value at time t (s). O(log n); safe for concurrent use.
func (s Series) At(t float64) float64 {
	n := len(s.T)
	switch {
	case n == 0:
		return 0
	case t <= s.T[0]:
		return s.V[0]
	case t >= s.T[n-1]:
		return s.V[n-1]
	}
	i := sort.SearchFloat64s(s.T, t) // s.T[i-1] < t <= s.T[i]
	t0, t1 := s.T[i-1], s.T[i]
	v0, v1 := s.V[i-1], s.V[i]
	return v0 + (v1-v0)*(t-t0)/(t1-t0)
}

// Validate reports a series whose lengths differ, whose times do not
// strictly increase, or whose values are not finite (ErrSeries).
func (s Series) Validate() error {
	if len(s.T) != len(s.V) {
		return fmt.Errorf("%w: %d times but %d values", ErrSeries, len(s.T), len(s.V))
	}
	for i := range s.T {
		if math.IsNaN(s.T[i]) || math.IsInf(s.T[i], 0) || math.IsNaN(s.V[i]) || math.IsInf(s.V[i], 0) {
			return fmt.Errorf("%w: point %d is not finite", ErrSeries, i)
		}
		if i > 0 && s.T[i] <= s.T[i-1] {
			return fmt.Errorf("%w: time %g at point %d does not follow %g", ErrSeries, s.T[i], i, s.T[i-1])
		}
	}
	return nil
}

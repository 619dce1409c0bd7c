package surface

import (
	"fmt"
	"math"
)

// setRainUniform sets one rain rate (m/s) over every open cell. Blocked
// cells never receive rain, so with blocked cells the rate goes through the
// per-cell field.
func (c *core[T]) setRainUniform(rate float64) error {
	if !(rate >= 0) || math.IsInf(rate, 0) {
		return fmt.Errorf("%w: rain rate %g", ErrModel, rate)
	}
	if c.open == c.nx*c.ny {
		c.rain, c.rainRate = nil, rate
		return nil
	}
	if c.rain == nil {
		c.rain = make([]T, c.nx*c.ny)
	}
	for i := range c.rain {
		if !c.blocked[i] {
			c.rain[i] = T(rate)
		}
	}
	c.rainRate, c.rainSum = 0, c.sumRain()
	return nil
}

// setRainField copies a per-cell rain rate field (m/s, row-major, len
// Rows·Cols); blocked cells are ignored.
func (c *core[T]) setRainField(rate []float32) error {
	if len(rate) != c.nx*c.ny {
		return fmt.Errorf("%w: rain field has %d cells, grid %d", ErrModel, len(rate), c.nx*c.ny)
	}
	for i, v := range rate {
		if !(v >= 0) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w: rain rate %g at cell %d", ErrModel, v, i)
		}
	}
	if c.rain == nil {
		c.rain = make([]T, c.nx*c.ny)
	}
	for i, v := range rate {
		if !c.blocked[i] {
			c.rain[i] = T(v)
		}
	}
	c.rainRate, c.rainSum = 0, c.sumRain()
	return nil
}

// sumRain returns Σ rate over the field (m/s), as the kernel adds it: each
// cell's rate rounded to T.
func (c *core[T]) sumRain() float64 {
	var s float64
	for _, v := range c.rain {
		s += float64(v)
	}
	return s
}

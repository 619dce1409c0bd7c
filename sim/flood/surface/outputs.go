package surface

import "math"

// MassBalance is the volume account of a run, m³: everything that entered
// and left the grid since New, and what it holds now. Error is what the
// account does not explain: Stored − (Initial + In − Out), In = Rain +
// SourceIn + BoundaryIn + Clamped, Out = Infiltration + SourceOut +
// BoundaryOut. It is round-off for every configuration (tested).
type MassBalance struct {
	Initial, Stored float64
	// In
	Rain, SourceIn, BoundaryIn float64
	// Out
	Infiltration, SourceOut, BoundaryOut float64
	// Clamped is the water created by setting round-off negatives (with no
	// outgoing flow to scale) to zero. Normally zero or ~1e-12 of the volume.
	Clamped float64
	Error   float64
	// RelativeError is Error divided by the larger of Initial + In and
	// Stored (0 when both are zero).
	RelativeError float64
}

func (c *core[T]) massBalance() MassBalance {
	a := c.acc
	m := MassBalance{
		Initial: a.initial, Stored: c.stored(),
		Rain: a.rain, SourceIn: a.sourceIn, BoundaryIn: a.boundaryIn,
		Infiltration: a.infiltration, SourceOut: a.sourceOut, BoundaryOut: a.boundaryOut,
		Clamped: a.clamped,
	}
	in := m.Initial + m.Rain + m.SourceIn + m.BoundaryIn + m.Clamped
	m.Error = m.Stored - (in - m.Infiltration - m.SourceOut - m.BoundaryOut)
	if d := max(in, m.Stored); d > 0 {
		m.RelativeError = m.Error / d
	}
	return m
}

// depths copies the depth field into dst.
func (c *core[T]) depths(dst []float32) {
	for i, v := range c.h {
		dst[i] = float32(v)
	}
}

// velocities writes the cell-centred velocity (m/s, u east, v north): the
// mean of the two opposite faces' unit flows divided by the cell depth,
// zero where the depth is below the threshold.
func (c *core[T]) velocities(u, v []float32) {
	nx := c.nx
	thr := T(c.opt.DepthThreshold)
	for r := 0; r < c.ny; r++ {
		for col := 0; col < nx; col++ {
			i := r*nx + col
			h := c.h[i]
			if !(h > thr) {
				u[i], v[i] = 0, 0
				continue
			}
			qx := (c.qx[r*(nx+1)+col] + c.qx[r*(nx+1)+col+1]) / 2
			qy := (c.qy[i] + c.qy[i+nx]) / 2
			u[i], v[i] = float32(qx/h), float32(qy/h)
		}
	}
}

func (c *core[T]) maxDepths(dst, when []float32) {
	for i, v := range c.hmax {
		if dst != nil {
			dst[i] = float32(v)
		}
		if when != nil {
			when[i] = c.tmax[i]
			if v == 0 {
				when[i] = float32(math.NaN())
			}
		}
	}
}

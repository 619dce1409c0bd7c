package surface

import (
	"fmt"

	"twin/geo"
)

// sourceState is a point source with its per-run state.
type sourceState struct {
	Source
	cell  int
	rate  float64 // m³/s for the coming step
	step  float64 // signed volume of the last step, m³ (actual)
	total float64 // signed cumulative volume, m³
}

func (c *core[T]) setSources(ss []Source, g *geo.Grid) error {
	c.sources = make([]sourceState, len(ss))
	for i, s := range ss {
		col, row, ok := g.Cell(s.X, s.Y)
		if !ok {
			return fmt.Errorf("source %d (%s) at (%g, %g): %w", i, s.Name, s.X, s.Y, ErrOutside)
		}
		cell := row*c.nx + col
		if c.blocked[cell] {
			return fmt.Errorf("%w: source %d (%s) is on a blocked cell", ErrModel, i, s.Name)
		}
		c.sources[i] = sourceState{Source: s, cell: cell}
	}
	return nil
}

func (c *core[T]) setGauges(gs []Gauge, g *geo.Grid) {
	c.gauges = make([]int, len(gs))
	for i, p := range gs {
		col, row, ok := g.Cell(p.X, p.Y)
		c.gauges[i] = -1
		if ok {
			c.gauges[i] = row*c.nx + col
		}
	}
}

// readSources sets each source's rate from its hydrograph at time t;
// sources without one keep the rate SetSourceFlow gave.
func (c *core[T]) readSources(t float64) {
	for i := range c.sources {
		if s := &c.sources[i]; s.Flow.Len() > 0 {
			s.rate = s.Flow.At(t)
		}
	}
}

// applySources adds each source's volume for a step of dt seconds; a sink
// takes at most the water in its cell.
func (c *core[T]) applySources(dt float64) {
	for i := range c.sources {
		s := &c.sources[i]
		v := s.rate * dt
		h := float64(c.h[s.cell])
		if v < 0 && -v >= h*c.area {
			v = -h * c.area
			c.h[s.cell] = 0
		} else {
			c.h[s.cell] = T(h + v/c.area)
		}
		s.step = v
		s.total += v
		if v > 0 {
			c.acc.sourceIn += v
		} else {
			c.acc.sourceOut -= v
		}
		if c.h[s.cell] > c.hmax[s.cell] {
			c.hmax[s.cell], c.tmax[s.cell] = c.h[s.cell], c.k.t
		}
		c.top = max(c.top, float64(c.h[s.cell]))
		r := s.cell / c.nx
		c.rowTop[r] = fmax(c.rowTop[r], c.h[s.cell])
	}
}

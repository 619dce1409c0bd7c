package surface

import (
	"fmt"
	"math"
	"runtime"

	"twin/geo"
)

// solver is what Sim needs from the state of either precision.
type solver interface {
	step(dtMax float64) (float64, error)
	now() float64
	stepCount() int64
	depths(dst []float32)
	velocities(u, v []float32)
	maxDepths(dst, when []float32)
	depthAt(cell int) float64
	gaugeCell(i int) int
	massBalance() MassBalance
	setRainUniform(rate float64) error
	setRainField(rate []float32) error
	source(i int) *sourceState
	boundary(i int) *boundState
	stop()
}

// Sim is a running 2D surface-flow simulation on a DEM grid. It is not safe
// for concurrent use: one goroutine steps it and reads its outputs between
// steps. Its worker goroutines are stopped by Close, or when the Sim is
// garbage collected.
type Sim struct {
	s      solver
	grid   geo.Grid // the DEM's geometry (Data nil)
	nSrc   int
	nBound int
	nGauge int
	lastDt float64
}

// New builds a simulation of m with options o. It validates both
// (ErrModel, ErrOptions, ErrSeries, ErrOutside) and copies what it needs
// from m. O(cells).
func New(m Model, o Options) (*Sim, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	if n := m.DEM.Cols * m.DEM.Rows; n >= math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d cells is more than 2³¹−1", ErrModel, n)
	}
	o = o.withDefaults()
	var s solver
	var err error
	if o.Precision == Float64 {
		s, err = newCore[float64](&m, o)
	} else {
		s, err = newCore[float32](&m, o)
	}
	if err != nil {
		return nil, err
	}
	sim := &Sim{s: s, grid: *m.DEM, nSrc: len(m.Sources), nBound: len(m.Boundaries), nGauge: len(m.Gauges)}
	sim.grid.Data = nil
	runtime.AddCleanup(sim, func(s solver) { s.stop() }, s)
	return sim, nil
}

// Close stops the worker goroutines. The outputs stay readable; Step then
// returns ErrClosed.
func (s *Sim) Close() { s.s.stop() }

// Grid returns the geometry of the simulation grid (Data is nil).
func (s *Sim) Grid() geo.Grid { return s.grid }

// Time returns the simulation time, s.
func (s *Sim) Time() float64 { return s.s.now() }

// Steps returns the number of steps taken.
func (s *Sim) Steps() int64 { return s.s.stepCount() }

// LastStep returns the length of the last step, s.
func (s *Sim) LastStep() float64 { return s.lastDt }

// Step advances by one adaptive time step, no longer than dtMax seconds
// (dtMax ≤ 0: only Options.MaxStep caps it), and returns its length. Rain,
// boundary and source series are read at the time the step starts.
// O(cells / workers); it allocates nothing once the limiter's queue has
// grown to its working size. ErrUnstable when the state became non-finite.
func (s *Sim) Step(dtMax float64) (float64, error) {
	dt, err := s.s.step(dtMax)
	s.lastDt = dt
	return dt, err
}

// Advance steps until the simulation time reaches until (s), shortening
// the last step to land on it exactly. It returns the number of steps.
func (s *Sim) Advance(until float64) (int, error) {
	n := 0
	for {
		left := until - s.Time()
		if left <= 1e-9*max(1, math.Abs(until)) {
			return n, nil
		}
		if _, err := s.Step(left); err != nil {
			return n, err
		}
		n++
	}
}

// Depth copies the depth of every cell (m, row-major) into dst, which it
// grows if short, and returns it.
func (s *Sim) Depth(dst []float32) []float32 {
	dst = grow(dst, s.grid.Cols*s.grid.Rows)
	s.s.depths(dst)
	return dst
}

// Velocity writes the cell-centred depth-averaged velocity (m/s; u east,
// v north) into u and v, grown if short, and returns them. Cells shallower
// than the depth threshold read zero.
func (s *Sim) Velocity(u, v []float32) ([]float32, []float32) {
	n := s.grid.Cols * s.grid.Rows
	u, v = grow(u, n), grow(v, n)
	s.s.velocities(u, v)
	return u, v
}

// MaxDepth copies the largest depth each cell has had since New (m) into
// dst, grown if short, and returns it.
func (s *Sim) MaxDepth(dst []float32) []float32 {
	dst = grow(dst, s.grid.Cols*s.grid.Rows)
	s.s.maxDepths(dst, nil)
	return dst
}

// MaxDepthTime copies the time each cell first reached its largest depth
// (s; NaN for cells never wet) into dst, grown if short, and returns it.
func (s *Sim) MaxDepthTime(dst []float32) []float32 {
	dst = grow(dst, s.grid.Cols*s.grid.Rows)
	s.s.maxDepths(nil, dst)
	return dst
}

// DepthAt returns the depth of cell (col, row), m; NaN outside the grid.
func (s *Sim) DepthAt(col, row int) float64 {
	if col < 0 || row < 0 || col >= s.grid.Cols || row >= s.grid.Rows {
		return math.NaN()
	}
	return s.s.depthAt(row*s.grid.Cols + col)
}

// GaugeDepths writes the depth at each gauge (m; NaN for a gauge outside
// the grid) into dst, grown if short, and returns it.
func (s *Sim) GaugeDepths(dst []float64) []float64 {
	dst = grow(dst, s.nGauge)
	for i := range dst[:s.nGauge] {
		dst[i] = math.NaN()
		if c := s.s.gaugeCell(i); c >= 0 {
			dst[i] = s.s.depthAt(c)
		}
	}
	return dst[:s.nGauge]
}

// MassBalance returns the volume account since New. O(cells).
func (s *Sim) MassBalance() MassBalance { return s.s.massBalance() }

// SetRain sets a uniform rain rate (m/s, ≥ 0) on every open cell from the
// next step on; it replaces any rain field.
func (s *Sim) SetRain(rate float64) error { return s.s.setRainUniform(rate) }

// SetRainField sets the rain rate of each cell (m/s, ≥ 0, row-major, len
// Rows·Cols) from the next step on. It copies rate. Blocked cells get none.
func (s *Sim) SetRainField(rate []float32) error { return s.s.setRainField(rate) }

// SetSourceFlow sets the rate of source i (m³/s; negative withdraws) for
// the coming steps. A source with a Flow series has its rate overwritten
// from the series at each step. ErrIndex when i is out of range.
func (s *Sim) SetSourceFlow(i int, q float64) error {
	if i < 0 || i >= s.nSrc {
		return fmt.Errorf("%w: source %d of %d", ErrIndex, i, s.nSrc)
	}
	if math.IsNaN(q) || math.IsInf(q, 0) {
		return fmt.Errorf("%w: source flow %g", ErrModel, q)
	}
	s.s.source(i).rate = q
	return nil
}

// SourceVolume returns the volume source i actually exchanged in the last
// step and since the start (m³; positive into the surface). A sink's
// volume can be smaller than rate × step when its cell ran dry. ErrIndex
// when i is out of range.
func (s *Sim) SourceVolume(i int) (last, total float64, err error) {
	if i < 0 || i >= s.nSrc {
		return 0, 0, fmt.Errorf("%w: source %d of %d", ErrIndex, i, s.nSrc)
	}
	src := s.s.source(i)
	return src.step, src.total, nil
}

// BoundaryVolume returns the volume that entered and left through boundary
// i since the start, m³. ErrIndex when i is out of range.
func (s *Sim) BoundaryVolume(i int) (in, out float64, err error) {
	if i < 0 || i >= s.nBound {
		return 0, 0, fmt.Errorf("%w: boundary %d of %d", ErrIndex, i, s.nBound)
	}
	b := s.s.boundary(i)
	return b.in, b.out, nil
}

// grow returns dst with length n, reusing its storage when it can.
func grow[E any](dst []E, n int) []E {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]E, n)
}

// The solver interface's accessors.

func (c *core[T]) now() float64               { return c.t }
func (c *core[T]) stepCount() int64           { return c.steps }
func (c *core[T]) depthAt(cell int) float64   { return float64(c.h[cell]) }
func (c *core[T]) gaugeCell(i int) int        { return c.gauges[i] }
func (c *core[T]) source(i int) *sourceState  { return &c.sources[i] }
func (c *core[T]) boundary(i int) *boundState { return &c.bounds[i] }
func (c *core[T]) stop()                      { c.closed = true; c.pool.stop() }

package surface

import (
	"fmt"
	"math"
)

// core is the solver state for one element type. Sim wraps it.
type core[T real] struct {
	nx, ny   int
	dx, dy   float64
	area     float64 // cell area, m²
	zRef     float64 // the internal bed is DEM − zRef (the lowest open cell)
	opt      Options
	open     int // number of open (not blocked) cells
	blocked  []bool
	z, nh, h []T // bed (relative), Manning's n / 2, depth
	hn       []T // depth being computed
	rowTop   []T // largest depth of each row after the last step (an upper bound), m
	rowTopN  []T // the same, being computed
	dryLim   T   // a row no deeper than this has no flowing face (dryLimit)
	qx, qy   []T // flows of the last step, m²/s
	qxn, qyn []T // flows being computed
	hmax     []T // maximum depth
	tmax     []float32
	rain     []T     // rain rate per cell (m/s); nil when uniform
	rainRate float64 // uniform rain rate, m/s (when rain is nil)
	rainSum  float64 // Σ rain rate over open cells, m/s
	loss     Loss
	edges    []edgeFace
	bounds   []boundState
	sources  []sourceState
	gauges   []int // cell index, −1 outside
	rowLoss  []float64
	bands    []band[T]
	pool     *pool
	k        stepConst[T]
	work     []int32 // limiter queue
	t        float64
	top      float64 // largest depth after the last step, m
	steps    int64
	acc      accounts
	closed   bool
	// stabSafety multiplies the stability limit of the time step (0.98;
	// tests raise it past 1 to show the limit is real).
	stabSafety float64
}

// band is one worker's share of the rows, with its scratch space.
type band[T real] struct {
	r0, r1 int
	top    T
	neg    []int32
	south  []T        // the y faces south of the band's last row, m²/s
	sc     scratch[T] // one row of face intermediates
	avail  []float64  // loss hook buffers, one row
	lost   []float64
	_      [64]byte // keep bands on separate cache lines
}

// newCore builds the state from a validated model.
func newCore[T real](m *Model, o Options) (*core[T], error) {
	g := m.DEM
	c := &core[T]{nx: g.Cols, ny: g.Rows, dx: g.DX, dy: g.DY, area: g.DX * g.DY, opt: o, loss: m.Loss, t: o.StartTime, stabSafety: 0.98}
	n := c.nx * c.ny
	c.blocked = make([]bool, n)
	zlo, zhi := math.Inf(1), math.Inf(-1)
	for i, v := range g.Data {
		bl := math.IsNaN(float64(v)) || math.IsInf(float64(v), 0)
		if m.Roughness != nil {
			r := float64(m.Roughness[i])
			bl = bl || math.IsNaN(r) || math.IsInf(r, 1)
		}
		c.blocked[i] = bl
		if !bl {
			c.open++
			zlo, zhi = min(zlo, float64(v)), max(zhi, float64(v))
		}
	}
	if c.open == 0 {
		return nil, fmt.Errorf("%w: every cell is blocked", ErrModel)
	}
	c.zRef = zlo
	wall := T(zhi - zlo + 1000) // blocked cells: a bed 1 km above the highest open cell
	c.z, c.nh, c.h, c.hn = make([]T, n), make([]T, n), make([]T, n), make([]T, n)
	for i, v := range g.Data {
		if c.blocked[i] {
			c.z[i] = wall
			continue
		}
		c.z[i] = T(float64(v) - zlo)
		nm := m.Manning
		if m.Roughness != nil {
			nm = float64(m.Roughness[i])
		}
		c.nh[i] = T(nm / 2)
		if m.Depth != nil {
			c.h[i] = T(m.Depth[i])
		}
	}
	c.qx, c.qxn = make([]T, (c.nx+1)*c.ny), make([]T, (c.nx+1)*c.ny)
	c.qy, c.qyn = make([]T, c.nx*(c.ny+1)), make([]T, c.nx*(c.ny+1))
	c.initFlows(m.U, m.V)
	c.hmax, c.tmax = make([]T, n), make([]float32, n)
	c.rowTop, c.rowTopN = make([]T, c.ny), make([]T, c.ny)
	for r := range c.rowTop {
		for _, v := range c.h[r*c.nx : (r+1)*c.nx] {
			c.rowTop[r] = fmax(c.rowTop[r], v)
		}
	}
	c.dryLim = dryLimit[T](o.DepthThreshold, zhi-zlo)
	copy(c.hmax, c.h)
	c.rowLoss = make([]float64, c.ny)
	if err := c.setBoundaries(m.Boundaries, g); err != nil {
		return nil, err
	}
	if err := c.setSources(m.Sources, g); err != nil {
		return nil, err
	}
	c.setGauges(m.Gauges, g)
	c.acc.initial = c.stored()
	c.top = c.maxDepth()
	c.startPool(o.Workers)
	return c, nil
}

// dryLimit returns the largest depth (m) at which no face between two open
// cells can have a flow depth over thr in T's arithmetic, for relative beds
// up to zmax (m); −1 (rows are never taken as dry) when there is none. The
// computed flow depth max(z_a+h_a, z_b+h_b) − max(z_a, z_b) exceeds the
// larger depth h by at most the rounding of the sums, u·(zmax + h)·(1+u)
// with u T's unit round-off; the limit keeps 8u of margin. A face to a
// blocked cell has flow depth 0.
func dryLimit[T real](thr, zmax float64) T {
	u := 0x1p-24
	if T(1)+T(0x1p-30) != 1 { // float64
		u = 0x1p-53
	}
	lim := thr - 8*u*(zmax+thr)
	if !(lim > 0) {
		return -1
	}
	return T(lim)
}

// startPool splits the rows into bands and starts the workers.
func (c *core[T]) startPool(workers int) {
	workers = max(1, min(workers, c.ny/4))
	c.bands = make([]band[T], workers)
	for i := range c.bands {
		b := &c.bands[i]
		b.r0, b.r1 = i*c.ny/workers, (i+1)*c.ny/workers
		b.neg = make([]int32, 0, 64)
		b.south = make([]T, c.nx)
		b.sc = newScratch[T](c.nx)
		if c.loss != nil {
			b.avail, b.lost = make([]float64, c.nx), make([]float64, c.nx)
		}
	}
	c.pool = newPool(workers, c.runPhase)
}

// stored returns the water on the grid, m³ (Σ h·area, summed in float64
// row by row in row order).
func (c *core[T]) stored() float64 {
	var s float64
	for r := 0; r < c.ny; r++ {
		var row float64
		for _, v := range c.h[r*c.nx : (r+1)*c.nx] {
			row += float64(v)
		}
		s += row
	}
	return s * c.area
}

// maxDepth returns the largest depth on the grid, m.
func (c *core[T]) maxDepth() float64 {
	var m T
	for _, v := range c.h {
		m = fmax(m, v)
	}
	return float64(m)
}

// initFlows sets the face flows from initial cell velocities (m/s).
func (c *core[T]) initFlows(u, v []float32) {
	nx, thr := c.nx, float64(c.opt.DepthThreshold)
	flowDepth := func(a, b int) float64 {
		za, zb := float64(c.z[a]), float64(c.z[b])
		return max(za+float64(c.h[a]), zb+float64(c.h[b])) - max(za, zb)
	}
	for r := 0; r < c.ny; r++ {
		for col := 0; col < nx; col++ {
			i := r*nx + col
			if u != nil && col > 0 {
				if hf := flowDepth(i-1, i); hf > thr {
					c.qx[r*(nx+1)+col] = T(hf * (float64(u[i-1]) + float64(u[i])) / 2)
				}
			}
			if v != nil && r > 0 {
				if hf := flowDepth(i, i-nx); hf > thr {
					c.qy[i] = T(hf * (float64(v[i]) + float64(v[i-nx])) / 2)
				}
			}
		}
	}
}

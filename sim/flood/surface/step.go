package surface

import (
	"math"
)

// accounts are the cumulative volumes of the mass balance, m³.
type accounts struct {
	initial                 float64
	rain, infiltration      float64
	sourceIn, sourceOut     float64
	boundaryIn, boundaryOut float64
	clamped                 float64
}

// phaseSweep is the pool's one phase: the fused face and continuity pass.
const phaseSweep = 0

// timeStep returns the step for the coming update: α·min(Δx,Δy)/√(g·h_max)
// over the grid and the Level boundaries, capped by the θ-scheme's 2D
// stability limit (stabilityLength), MaxStep and dtMax.
func (c *core[T]) timeStep(dtMax float64) float64 {
	dt := c.opt.MaxStep
	if dtMax > 0 {
		dt = min(dt, dtMax)
	}
	top := max(c.top, c.levelDepth())
	if top > c.opt.DepthThreshold {
		l := min(c.opt.CFL*min(c.dx, c.dy), c.stabilityLength())
		dt = min(dt, l/math.Sqrt(c.opt.Gravity*top))
	}
	return dt
}

// stabilityLength returns L such that Δt ≤ L/√(g·h) keeps the θ-scheme
// stable. Von Neumann analysis of the update (kernel.go) for the mode
// exp(i(kx·x + ky·y)) gives μ² − (1 + A − σ²)μ + A = 0 with A the θ-average
// factor θ + (1−θ)·cos(kΔx) and σ² = 4gh·Δt²·Σ sin²(kΔ/2)/Δ²; it is stable
// while σ² ≤ 2(1 + A). The checkerboard (kΔ = π on both axes, A = 2θ − 1)
// is the binding mode: Δt·√(g·h)·√(1/Δx² + 1/Δy²) ≤ √θ, i.e. α ≤ √(θ/2) on
// square cells (0.59 at θ = 0.7, 0.707 at θ = 1), α ≤ √θ on a single row
// or column. TestDeepLakeStable checks the bound both ways.
func (c *core[T]) stabilityLength() float64 {
	s := 0.0
	if c.nx > 1 {
		s += 1 / (c.dx * c.dx)
	}
	if c.ny > 1 {
		s += 1 / (c.dy * c.dy)
	}
	if s == 0 {
		return math.Inf(1)
	}
	return c.stabSafety * math.Sqrt(c.opt.Theta/s)
}

// step advances the state by one time step no longer than dtMax (s; ≤ 0
// means no cap) and returns the step taken.
func (c *core[T]) step(dtMax float64) (float64, error) {
	if c.closed {
		return 0, ErrClosed
	}
	c.readBoundaries(c.t)
	c.readSources(c.t)
	dt := c.timeStep(dtMax)
	c.setConstants(dt)
	c.boundaryFlows(dt)
	c.pool.do(phaseSweep)
	c.h, c.hn = c.hn, c.h
	c.rowTop, c.rowTopN = c.rowTopN, c.rowTop
	if err := c.limit(); err != nil {
		return 0, err
	}
	c.accountBoundaries(dt)
	c.acc.rain += c.rainVolume(dt)
	for _, v := range c.rowLoss {
		c.acc.infiltration += v
	}
	c.qx, c.qxn = c.qxn, c.qx
	c.qy, c.qyn = c.qyn, c.qy
	var top T
	for i := range c.bands {
		top = fmax(top, c.bands[i].top)
	}
	c.top = float64(top)
	c.applySources(dt)
	c.t += dt
	c.steps++
	if math.IsInf(c.top, 0) || math.IsNaN(c.top) {
		return dt, ErrUnstable
	}
	return dt, nil
}

// setConstants fills the kernels' per-step constants.
func (c *core[T]) setConstants(dt float64) {
	g := c.opt.Gravity
	c.k = stepConst[T]{
		gdt: T(g * dt), gdtdx: T(g * dt / c.dx), gdtdy: T(g * dt / c.dy),
		dtdx: T(dt / c.dx), dtdy: T(dt / c.dy),
		theta: T(c.opt.Theta), side: T((1 - c.opt.Theta) / 2),
		thr: T(c.opt.DepthThreshold), rainDt: T(c.rainRate * dt), dt: T(dt),
		t: float32(c.t + dt),
	}
}

// rainVolume is the rain added over a step of dt seconds, m³.
func (c *core[T]) rainVolume(dt float64) float64 {
	if c.rain == nil {
		return c.rainRate * dt * c.area * float64(c.open)
	}
	return c.rainSum * dt * c.area
}

// runPhase is the pool's work function.
func (c *core[T]) runPhase(phase, bi int) {
	if phase == phaseSweep {
		c.sweepBand(&c.bands[bi])
	}
}

// sweepBand updates the band's rows in one pass from north to south: at
// row r the x faces of r and the y faces between r−1 and r, then the
// continuity of row r−1, whose faces are then all known and still in
// cache. The old state (h, qx, qy) is only read and the new (hn, qxn, qyn)
// only written, so bands need no synchronisation within the pass. The y
// faces south of the band's last row belong to the next band; this band
// computes them again into its own scratch row (same inputs, same bits).
// Faces whose cells lie in rows that were dry at the last step (dryRow)
// are set to zero without computing them: the kernel would give zero.
func (c *core[T]) sweepBand(b *band[T]) {
	nx, ny := c.nx, c.ny
	var top, rt T
	for r := b.r0; r < b.r1; r++ {
		cs, fx := r*nx, r*(nx+1)
		dry := c.dryRow(r)
		if dry {
			clear(c.qxn[fx+1 : fx+nx]) // the interior x faces
		} else {
			flowsX(c.qxn[fx:fx+nx+1], c.qx[fx:fx+nx+1], c.h[cs:cs+nx], c.z[cs:cs+nx], c.nh[cs:cs+nx],
				c.qy[cs:cs+nx], c.qy[cs+nx:cs+2*nx], &b.sc, &c.k)
		}
		if r == 0 {
			continue
		}
		c.facesY(b, c.qyn[cs:cs+nx], r, dry)
		if r > b.r0 {
			rt = c.depthRow(b, r-1, c.qyn[cs:cs+nx])
			top = fmax(top, rt)
		}
	}
	south := c.qyn[ny*nx : (ny+1)*nx] // the grid's southern edge
	if b.r1 < ny {
		south = b.south
		c.facesY(b, south, b.r1, c.dryRow(b.r1))
	}
	rt = c.depthRow(b, b.r1-1, south)
	b.top = fmax(top, rt)
}

// dryRow reports whether every cell of row r was at most dryLim deep after
// the last step, so that no face of the row has a flow depth over the
// threshold (see dryLimit).
func (c *core[T]) dryRow(r int) bool { return !(c.rowTop[r] > c.dryLim) }

// facesY computes into dst the y faces between rows r−1 and r (1 ≤ r <
// ny), from the old state; dry says that row r was dry, and when row r−1
// was too the faces are all zero.
func (c *core[T]) facesY(b *band[T], dst []T, r int, dry bool) {
	if dry && c.dryRow(r-1) {
		clear(dst)
		return
	}
	nx := c.nx
	cs, fx, cn := r*nx, r*(nx+1), (r-1)*nx
	flowsY(dst, c.qy[cs:cs+nx], c.qy[cs-nx:cs], c.qy[cs+nx:cs+2*nx],
		c.h[cn:cs], c.h[cs:cs+nx], c.z[cn:cs], c.z[cs:cs+nx], c.nh[cn:cs], c.nh[cs:cs+nx],
		c.qx[fx-nx-1:fx], c.qx[fx:fx+nx+1], &b.sc, &c.k)
}

// depthRow applies continuity, rain and losses to row r, whose southern y
// faces are south, writing hn; it returns the row's largest depth.
func (c *core[T]) depthRow(b *band[T], r int, south []T) T {
	nx := c.nx
	cs, fx := r*nx, r*(nx+1)
	var rain []T
	if c.rain != nil {
		rain = c.rain[cs : cs+nx]
	}
	src, dst := c.h[cs:cs+nx], c.hn[cs:cs+nx]
	if c.loss != nil {
		c.rowLoss[r] = c.lossRow(b, r, rain)
		src = dst
	}
	var top T
	top, b.neg = depthRow(dst, src, c.qxn[fx:fx+nx+1], c.qyn[cs:cs+nx], south, rain,
		c.hmax[cs:cs+nx], c.tmax[cs:cs+nx], int32(cs), b.neg, &c.k)
	c.rowTopN[r] = top
	return top
}

// lossRow asks the Loss hook how much of row r's available water (depth
// plus this step's rain) it takes, and writes the depths less that loss to
// the row of hn, where continuity then continues. It returns the volume
// taken, m³.
func (c *core[T]) lossRow(b *band[T], r int, rain []T) float64 {
	nx, dt := c.nx, float64(c.k.dt)
	h, hn := c.h[r*nx:(r+1)*nx], c.hn[r*nx:(r+1)*nx]
	for i, v := range h {
		a := float64(v)
		if rain != nil {
			a += float64(rain[i]) * dt
		} else if !c.blocked[r*nx+i] {
			a += c.rainRate * dt
		}
		b.avail[i] = max(a, 0)
		b.lost[i] = 0
	}
	c.loss.Infiltrate(r, b.avail, b.lost, dt)
	var sum float64
	for i := range h {
		l := min(max(b.lost[i], 0), b.avail[i])
		hn[i] = T(float64(h[i]) - l)
		sum += l
	}
	return sum * c.area
}

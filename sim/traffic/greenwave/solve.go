package greenwave

import (
	"fmt"
	"math"
)

// Method selects the solver of the MAXBAND problem.
type Method int

const (
	// Scan (the default) tries every cycle from CycleMin to CycleMax in
	// steps of CycleStep and solves each exactly by the fixed-cycle
	// reduction (doc.go). O(cycles · n²).
	Scan Method = iota
	// MILP solves the mixed-integer LP of Little, Kelson and Gartner (1981)
	// with the cycle as a continuous variable, by branch and bound on the
	// loop integers over LP relaxations (gonum's simplex); the plan is then
	// laid out at the optimal cycle (rounded to CycleStep when WholeSeconds
	// is set). Exponential in the worst case; bounded by MaxNodes.
	MILP
)

// String returns "scan" or "milp".
func (m Method) String() string {
	switch m {
	case Scan:
		return "scan"
	case MILP:
		return "milp"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Options tune Solve. The zero value keeps the corridor's current cycle,
// stretches phases exactly and solves by Scan.
type Options struct {
	// CycleMin and CycleMax bound the common cycle in seconds. Zero means
	// the longest current cycle among the corridor's signals (for both when
	// both are zero, for the missing one otherwise).
	CycleMin, CycleMax float64
	// CycleStep is the spacing of the cycles Scan tries, in seconds; zero
	// means 1.
	CycleStep float64
	// WholeSeconds rounds stretched phase durations to whole seconds (see
	// Signal phases: largest remainder, the cycle kept) and evaluates the
	// bands on the rounded programs; at a whole cycle it also rounds the
	// offsets to whole seconds, as SUMO and controllers switch on whole
	// steps, and reports the bands measured on the rounded plan.
	WholeSeconds bool
	// Method picks the solver.
	Method Method
	// MaxNodes limits branch and bound (MILP); zero means 200000.
	MaxNodes int
}

// Validate reports whether the options are usable. Errors wrap ErrOptions.
func (o Options) Validate() error {
	switch {
	case !finiteNonNeg(o.CycleMin) || !finiteNonNeg(o.CycleMax):
		return fmt.Errorf("%w: cycle bounds must be finite and ≥ 0", ErrOptions)
	case o.CycleMax > 0 && o.CycleMin > o.CycleMax:
		return fmt.Errorf("%w: CycleMin %g > CycleMax %g", ErrOptions, o.CycleMin, o.CycleMax)
	case !finiteNonNeg(o.CycleStep):
		return fmt.Errorf("%w: CycleStep must be finite and ≥ 0", ErrOptions)
	case o.Method != Scan && o.Method != MILP:
		return fmt.Errorf("%w: unknown method %d", ErrOptions, int(o.Method))
	case o.MaxNodes < 0:
		return fmt.Errorf("%w: MaxNodes must be ≥ 0", ErrOptions)
	}
	return nil
}

// bounds resolves the cycle range and step against the corridor.
func (o Options) bounds(c *Corridor) (lo, hi, step float64) {
	cur := 0.0
	for i := range c.Signals {
		cur = math.Max(cur, c.Signals[i].Cycle())
	}
	lo, hi, step = o.CycleMin, o.CycleMax, o.CycleStep
	switch {
	case lo == 0 && hi == 0:
		lo, hi = cur, cur
	case lo == 0:
		lo = math.Min(cur, hi)
	case hi == 0:
		hi = math.Max(cur, lo)
	}
	if step == 0 {
		step = 1
	}
	return lo, hi, step
}

// Solve chooses a common cycle and offsets for the corridor that maximise
// the flow-weighted two-way bandwidth wOut·b + wIn·b̄ (in fractions of the
// cycle), keeping the lighter direction's band at least the flow ratio
// times the heavier one's (MAXBAND; doc.go gives the formulation). Cycles
// whose stretched programs cannot run are skipped. Ties go to the shorter
// cycle. Errors wrap ErrCorridor, ErrOptions, ErrInfeasible (no cycle of
// the range admits a two-way progression) or ErrNodeLimit. Solve is pure
// and deterministic; it is safe to call concurrently on distinct or
// unchanging corridors.
func Solve(c *Corridor, opt Options) (*Plan, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	lo, hi, step := opt.bounds(c)
	var (
		sol   fixedSolution
		geo   geometry
		stats milpStats
		err   error
	)
	switch opt.Method {
	case Scan:
		geo, sol, err = c.scanCycles(lo, hi, step, opt.WholeSeconds)
	case MILP:
		geo, sol, stats, err = c.solveMILP(lo, hi, step, opt)
	}
	if err != nil {
		return nil, err
	}
	p := c.newPlan(geo, sol, opt.Method)
	p.Nodes, p.Relaxed = stats.nodes, stats.objective
	if opt.WholeSeconds {
		c.roundOffsets(p)
	}
	return p, nil
}

// scanCycles solves every cycle lo, lo+step, … ≤ hi exactly and keeps the
// best by the MAXBAND objective (bandwidths in cycles).
func (c *Corridor) scanCycles(lo, hi, step float64, whole bool) (geometry, fixedSolution, error) {
	r := c.runs()
	wOut, wIn, ratio := c.weights()
	var (
		bestG geometry
		bestS fixedSolution
		found bool
	)
	bestF := math.Inf(-1)
	for k := 0; ; k++ {
		cycle := lo + float64(k)*step
		if cycle > hi+1e-9 {
			break
		}
		g, ok := c.geometryAt(cycle, whole, r)
		if !ok {
			continue
		}
		s, ok := g.solveFixed(wOut, wIn, ratio)
		if !ok {
			continue
		}
		if f := (wOut*s.b + wIn*s.bi) / cycle; f > bestF+1e-12 {
			bestF, bestG, bestS, found = f, g, s, true
		}
	}
	if !found {
		return geometry{}, fixedSolution{}, fmt.Errorf("%w: cycles %g–%g s", ErrInfeasible, lo, hi)
	}
	return bestG, bestS, nil
}

// roundOffsets rounds the plan's offsets to whole seconds (controllers and
// SUMO switch on whole steps) and measures the bands again.
func (c *Corridor) roundOffsets(p *Plan) {
	if !isWhole(p.Cycle) {
		return
	}
	for i := range p.Signals {
		p.Signals[i].Offset = mod(math.Round(p.Signals[i].Offset), p.Cycle)
	}
	out, in, err := c.Bands(p.Durations(), p.Offsets())
	if err != nil {
		return
	}
	p.Out, p.In = out, in
	wOut, wIn, _ := c.weights()
	p.Objective = (wOut*out.Width + wIn*in.Width) / p.Cycle
}

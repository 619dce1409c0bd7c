package greenwave

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// milpStats reports a branch-and-bound run: the nodes solved and the
// optimum of the MAXBAND objective (bandwidths in cycles).
type milpStats struct {
	nodes     int
	objective float64
}

// intTol is how far from an integer a loop variable may be and still count
// as integral.
const intTol = 1e-6

// lpSolve minimises c·x subject to G·x ≤ h, A·x = b and x ≥ 0 with gonum's
// simplex, adding one slack column per inequality. It returns the optimum
// and x (without slacks); an infeasible problem returns an error wrapping
// lp.ErrInfeasible. O(simplex) on (rows) × (vars + inequalities).
func lpSolve(c []float64, G [][]float64, h []float64, A [][]float64, b []float64) (float64, []float64, error) {
	nv, ni := len(c), len(G)
	cols := nv + ni
	M := mat.NewDense(ni+len(A), cols, nil)
	for r, row := range G {
		for j, v := range row {
			M.Set(r, j, v)
		}
		M.Set(r, nv+r, 1)
	}
	for r, row := range A {
		for j, v := range row {
			M.Set(ni+r, j, v)
		}
	}
	cc := make([]float64, cols)
	copy(cc, c)
	rhs := append(append(make([]float64, 0, ni+len(A)), h...), b...)
	f, x, err := lp.Simplex(cc, M, rhs, 1e-10, nil)
	if err != nil {
		return 0, nil, err
	}
	return f, x[:nv], nil
}

// bbNode is a subproblem: bounds on the shifted loop integers.
type bbNode struct{ lo, hi []float64 }

// branchAndBound solves the MILP by depth-first branch and bound on the
// loop integers, branching on the most fractional one and exploring the
// nearer rounding first. Nodes whose relaxation is no better than
// incumbent (a known objective value of the minimisation, +Inf for none)
// are pruned. It returns the best solution found (nil when none beats the
// incumbent) and its objective. Errors wrap ErrNodeLimit or ErrLP.
func (mb *maxband) branchAndBound(incumbent float64, maxNodes int) (best []float64, bestF float64, nodes int, err error) {
	cost := mb.objective()
	bestF = incumbent
	stack := []bbNode{{lo: make([]float64, mb.n-1), hi: append([]float64(nil), mb.mspan...)}}
	for len(stack) > 0 {
		nd := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nodes++; nodes > maxNodes {
			return best, bestF, nodes - 1, fmt.Errorf("%w (%d nodes)", ErrNodeLimit, maxNodes)
		}
		G, h, A, b := mb.rows(nd.lo, nd.hi)
		f, x, err := lpSolve(cost, G, h, A, b)
		if errors.Is(err, lp.ErrInfeasible) {
			continue
		}
		if err != nil {
			return nil, 0, nodes, fmt.Errorf("%w: %v", ErrLP, err)
		}
		if f >= bestF-1e-9 {
			continue
		}
		j, frac := -1, 0.0
		for i := 0; i < mb.n-1; i++ {
			v := x[mb.m(i)]
			if d := math.Abs(v - math.Round(v)); d > intTol && d > frac {
				j, frac = i, d
			}
		}
		if j < 0 {
			best, bestF = x, f
			continue
		}
		v := x[mb.m(j)]
		down := bbNode{lo: nd.lo, hi: append([]float64(nil), nd.hi...)}
		down.hi[j] = math.Floor(v)
		up := bbNode{lo: append([]float64(nil), nd.lo...), hi: nd.hi}
		up.lo[j] = math.Ceil(v)
		if v-math.Floor(v) < 0.5 { // explore the nearer rounding first
			stack = append(stack, up, down)
		} else {
			stack = append(stack, down, up)
		}
	}
	return best, bestF, nodes, nil
}

// solveMILP solves MAXBAND by branch and bound over the cycle range, seeded
// with the best solution of the cycle grid (Scan with exact stretching) as
// incumbent, then lays the plan out at the optimal cycle: exactly, or at
// the better of the whole cycles on either side when opt.WholeSeconds.
func (c *Corridor) solveMILP(lo, hi, step float64, opt Options) (geometry, fixedSolution, milpStats, error) {
	if wOut, wIn, _ := c.weights(); wOut == 0 || wIn == 0 {
		// One-way coordination has no loop integers: the scan is exact.
		g, s, err := c.scanCycles(lo, hi, step, opt.WholeSeconds)
		return g, s, milpStats{}, err
	}
	maxNodes := opt.MaxNodes
	if maxNodes == 0 {
		maxNodes = 200000
	}
	incumbent, cycle := math.Inf(1), 0.0
	if g, s, err := c.scanCycles(lo, hi, step, false); err == nil {
		wOut, wIn, _ := c.weights()
		incumbent, cycle = -(wOut*s.b+wIn*s.bi)/g.cycle, g.cycle
	}
	x, f, nodes, err := c.newMaxband(lo, hi).branchAndBound(incumbent, maxNodes)
	if err != nil {
		return geometry{}, fixedSolution{}, milpStats{nodes: nodes}, err
	}
	if x != nil {
		cycle = math.Min(hi, math.Max(lo, 1/x[0]))
	}
	stats := milpStats{nodes: nodes, objective: -f}
	if math.IsInf(f, 1) {
		return geometry{}, fixedSolution{}, stats, fmt.Errorf("%w: cycles %g–%g s", ErrInfeasible, lo, hi)
	}
	if opt.WholeSeconds {
		a, b := math.Max(lo, math.Floor(cycle)), math.Min(hi, math.Ceil(cycle))
		g, s, err := c.scanCycles(a, math.Max(a, b), 1, true)
		return g, s, stats, err
	}
	g, ok := c.geometryAt(cycle, false, c.runs())
	if !ok {
		return geometry{}, fixedSolution{}, stats, fmt.Errorf("%w: cycle %g s", ErrInfeasible, cycle)
	}
	wOut, wIn, ratio := c.weights()
	s, ok := g.solveFixed(wOut, wIn, ratio)
	if !ok {
		return geometry{}, fixedSolution{}, stats, fmt.Errorf("%w: cycle %g s", ErrInfeasible, cycle)
	}
	return g, s, stats, nil
}

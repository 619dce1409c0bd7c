package dispatch

import (
	"errors"
	"fmt"
	"math"
)

// ErrNoUnit is returned when no candidate unit can reach an incident.
var ErrNoUnit = errors.New("dispatch: no unit can reach the incident")

// PolicyKind selects how a unit is chosen for a call.
type PolicyKind int

const (
	// Nearest sends the dispatchable unit with the shortest exact ETA.
	Nearest PolicyKind = iota
	// MEXCLP sends, among the units that reach the call within the target
	// time, the one whose departure loses the least expected coverage
	// (Daskin 1983); when none is that close, the nearest.
	MEXCLP
)

// String returns "nearest" or "mexclp".
func (k PolicyKind) String() string {
	if k == MEXCLP {
		return "mexclp"
	}
	return "nearest"
}

// ParsePolicy reads "nearest" or "mexclp". Error: ErrOptions.
func ParsePolicy(s string) (PolicyKind, error) {
	switch s {
	case "nearest", "":
		return Nearest, nil
	case "mexclp":
		return MEXCLP, nil
	}
	return 0, fmt.Errorf("%w: policy %q (want nearest or mexclp)", ErrOptions, s)
}

// PolicyOptions configure a Dispatcher.
type PolicyOptions struct {
	Kind PolicyKind
	// TargetS is the response-time target, seconds (0: 480, 8 minutes):
	// MEXCLP's coverage radius and its limit for candidates.
	TargetS float64
	// BusyQ is MEXCLP's probability that a unit is busy, 0 < q < 1.
	// Daskin takes it as the system's mean utilisation. 0 means: in a
	// Sim, estimated from the offered load of its calls (Sim.BusyQ); in
	// a Dispatcher on its own, DefaultBusyQ (0.3). A value > 0 is used
	// as given.
	BusyQ float64
}

// Validate reports a negative or NaN target or a q outside [0, 1) as
// ErrOptions.
func (o PolicyOptions) Validate() error {
	if o.Kind != Nearest && o.Kind != MEXCLP {
		return fmt.Errorf("%w: policy kind %d", ErrOptions, o.Kind)
	}
	if !(o.TargetS >= 0) || math.IsInf(o.TargetS, 0) {
		return fmt.Errorf("%w: TargetS %v", ErrOptions, o.TargetS)
	}
	if !(o.BusyQ >= 0 && o.BusyQ < 1) {
		return fmt.Errorf("%w: BusyQ %v", ErrOptions, o.BusyQ)
	}
	return nil
}

func (o PolicyOptions) withDefaults() PolicyOptions {
	if o.TargetS == 0 {
		o.TargetS = 480
	}
	if o.BusyQ == 0 {
		o.BusyQ = DefaultBusyQ
	}
	return o
}

// Dispatcher chooses units for calls by a policy. Safe for concurrent use
// when its Coverage is (it is).
type Dispatcher struct {
	g   *Graph
	cov *Coverage
	opt PolicyOptions
}

// NewDispatcher returns a Dispatcher on g; cov is needed by MEXCLP only
// (may be nil for Nearest). Errors: ErrOptions.
func NewDispatcher(g *Graph, cov *Coverage, opt PolicyOptions) (*Dispatcher, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.Kind == MEXCLP && cov == nil {
		return nil, fmt.Errorf("%w: MEXCLP needs a Coverage", ErrOptions)
	}
	return &Dispatcher{g: g, cov: cov, opt: opt.withDefaults()}, nil
}

// Options returns the options in force, defaults filled in.
func (d *Dispatcher) Options() PolicyOptions { return d.opt }

// Choose picks one of the units at from (dispatchable units of the type
// the call needs) for a call at to. delayS[i] is added to unit i's travel
// time (turnout); nil means none. covering[i] tells whether unit i counts
// toward coverage now (an available unit at rest); nil means all do. It
// returns the index of the chosen unit and its ETA in seconds (delay plus
// exact travel time, one ManyToOne query).
//
// Nearest takes the smallest ETA, the lower index on ties. MEXCLP counts,
// for every demand point i, the covering units within TargetS (n_i) and
// charges each candidate u the expected coverage its departure loses,
// Σ_{i covered by u} w_i q^(n_i − 1)(1 − q); it takes the cheapest
// candidate with an ETA within TargetS (then the smaller ETA, then the
// lower index), or the nearest when none is within TargetS.
//
// Errors: ErrNoUnit when from is empty or no unit can reach to; ErrSnap.
func (d *Dispatcher) Choose(from []Snap, delayS []float64, covering []bool, to Snap) (int, float64, error) {
	if len(from) == 0 {
		return -1, 0, ErrNoUnit
	}
	eta, err := d.g.ManyToOne(from, to)
	if err != nil {
		return -1, 0, err
	}
	for i := range eta {
		if delayS != nil {
			eta[i] += delayS[i]
		}
	}
	best := argmin(eta, nil)
	if best < 0 {
		return -1, 0, ErrNoUnit
	}
	if d.opt.Kind != MEXCLP || eta[best] > d.opt.TargetS {
		return best, eta[best], nil
	}
	loss, err := d.losses(from, covering)
	if err != nil {
		return -1, 0, err
	}
	pick := -1
	for i, e := range eta {
		if e > d.opt.TargetS {
			continue
		}
		if pick < 0 || loss[i] < loss[pick] || loss[i] == loss[pick] && e < eta[pick] {
			pick = i
		}
	}
	return pick, eta[pick], nil
}

// losses returns each unit's MEXCLP coverage loss: zero for units that do
// not count toward coverage.
func (d *Dispatcher) losses(from []Snap, covering []bool) ([]float64, error) {
	var cov []Snap
	for i, s := range from {
		if covering == nil || covering[i] {
			cov = append(cov, s)
		}
	}
	n, err := d.cov.Counts(cov, d.opt.TargetS)
	if err != nil {
		return nil, err
	}
	q := d.opt.BusyQ
	w := d.cov.d.Weights
	loss := make([]float64, len(from))
	for u, s := range from {
		if covering != nil && !covering[u] {
			continue
		}
		t, err := d.cov.Times(s)
		if err != nil {
			return nil, err
		}
		for i, x := range t {
			if x <= d.opt.TargetS {
				loss[u] += w[i] * math.Pow(q, float64(n[i]-1)) * (1 - q)
			}
		}
	}
	return loss, nil
}

// argmin returns the index of the smallest finite value not skipped, the
// lowest index on ties, or -1.
func argmin(v []float64, skip []bool) int {
	best := -1
	for i, x := range v {
		if math.IsInf(x, 1) || skip != nil && skip[i] {
			continue
		}
		if best < 0 || x < v[best] {
			best = i
		}
	}
	return best
}

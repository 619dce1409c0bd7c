package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// Routing selects the flow-routing scheme.
type Routing uint8

// Routing schemes. RoutingModel takes the model's FLOW_ROUTING (DYNWAVE
// or KINWAVE; anything else routes by dynamic wave).
const (
	RoutingModel Routing = iota
	DynamicWave
	KinematicWave
)

// Options tune the solver. The zero value means: the model's routing
// scheme and steps, SWMM 5's defaults for the rest.
type Options struct {
	Routing Routing
	// MaxStep is the longest routing step, s (0: the model's ROUTING_STEP,
	// else 20 s).
	MaxStep float64
	// Courant is the safety factor of the variable step (0: 0.75, SWMM's
	// VARIABLE_STEP default); negative fixes the step at MaxStep.
	Courant float64
	// MinStep is the shortest variable step, s (0: 0.5 s, SWMM's
	// MINIMUM_STEP default).
	MinStep float64
	// HeadTol is the convergence tolerance of node depths between Picard
	// iterations, m (0: the model's HEAD_TOLERANCE, else 0.0015 m =
	// SWMM's 0.005 ft).
	HeadTol float64
	// MaxTrials bounds the Picard iterations per step (0: 8).
	MaxTrials int
	// MinSurfArea is the least free-surface area of a node, m² (0: the
	// model's MIN_SURFAREA, else 1.167 m² = SWMM's 12.566 ft²).
	MinSurfArea float64
	// MinSlope floors conduit slopes (fraction) in the friction and normal
	// flow terms (0: none, as SWMM's default; kinematic wave uses 1e-4).
	MinSlope float64
	// RunoffStep is the step of the subcatchment runoff computation, s
	// (0: the model's WET_STEP, else 60 s; capped at 300 s).
	RunoffStep float64
}

// Validate returns an error wrapping ErrInvalid for negative or
// non-finite values.
func (o Options) Validate() error {
	for _, v := range []float64{o.MaxStep, o.MinStep, o.HeadTol, o.MinSurfArea, o.MinSlope, o.RunoffStep} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: option value %g", ErrInvalid, v)
		}
	}
	if o.MaxTrials < 0 || o.Routing > KinematicWave || math.IsNaN(o.Courant) {
		return fmt.Errorf("%w: routing %d, max trials %d, Courant %g", ErrInvalid, o.Routing, o.MaxTrials, o.Courant)
	}
	return nil
}

// withDefaults fills zero options from the model and SWMM's defaults.
func (o Options) withDefaults(m *swmm.Model) Options {
	mo := &m.Options
	if o.Routing == RoutingModel {
		o.Routing = DynamicWave
		if mo.FlowRouting == "KINWAVE" {
			o.Routing = KinematicWave
		}
	}
	if o.MaxStep == 0 {
		o.MaxStep = mo.RoutingStep
		if o.MaxStep <= 0 {
			o.MaxStep = 20
		}
	}
	if o.Courant == 0 {
		o.Courant = 0.75
	}
	if o.MinStep == 0 {
		o.MinStep = 0.5
	}
	o.MinStep = math.Min(o.MinStep, o.MaxStep)
	if o.HeadTol == 0 {
		o.HeadTol = mo.HeadTolerance
		if o.HeadTol <= 0 {
			o.HeadTol = 0.005 * 0.3048
		}
	}
	if o.MaxTrials == 0 {
		o.MaxTrials = 8
	}
	if o.MinSurfArea == 0 {
		o.MinSurfArea = mo.MinSurfArea
		if o.MinSurfArea <= 0 {
			o.MinSurfArea = 12.566 * 0.3048 * 0.3048
		}
	}
	if o.RunoffStep == 0 {
		o.RunoffStep = mo.WetStep
		if o.RunoffStep <= 0 {
			o.RunoffStep = 60
		}
	}
	o.RunoffStep = math.Min(o.RunoffStep, 300)
	return o
}

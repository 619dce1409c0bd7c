package surface

import (
	"fmt"
	"math"
	"runtime"
)

// Precision selects the floating-point type of the state arrays and of the
// kernel's arithmetic.
type Precision int

const (
	// Float32 stores depths, flows and the bed in float32: half the memory
	// traffic of Float64 and, by the accuracy tests (doc.go), accurate to
	// well within the benchmarks' tolerances. The default.
	Float32 Precision = iota
	// Float64 stores and computes everything in float64.
	Float64
)

func (p Precision) String() string {
	switch p {
	case Float32:
		return "float32"
	case Float64:
		return "float64"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// Defaults used where an Options field is zero.
const (
	DefaultTheta          = 0.7    // de Almeida et al. (2012) recommend 0.7
	DefaultCFL            = 0.7    // Bates et al. (2010): α between 0.2 and 0.7
	DefaultDepthThreshold = 0.001  // m, LISFLOOD-FP's depth_thresh
	DefaultMaxStep        = 10.0   // s
	DefaultGravity        = 9.81   // m/s²
	DefaultMaxFixups      = 100000 // limiter work items per step before clamping
)

// Options tune the solver. The zero value of every field means the default
// named in its comment.
type Options struct {
	// Theta is de Almeida's θ in (0, 1]: the weight of a face's own old flow
	// against its two neighbours' in the momentum update. 1 is the original
	// Bates et al. (2010) scheme; smaller values add numerical diffusion that
	// damps the oscillations of low-friction flows. Default 0.7.
	Theta float64
	// CFL is α in Δt = α·min(dx, dy)/√(g·h_max), in (0, 1]. Default 0.7.
	CFL float64
	// DepthThreshold (m): a face carries flow only where the flow depth
	// (the higher water surface minus the higher bed) exceeds it. Default
	// 0.001 m.
	DepthThreshold float64
	// MaxStep caps the time step, s; it is the step on a dry domain.
	// Default 10 s.
	MaxStep float64
	// Gravity, m/s². Default 9.81.
	Gravity float64
	// Workers is the number of goroutines that share the rows of each step
	// (a fixed pool started by New). Default runtime.GOMAXPROCS(0); never
	// more than one per 4 rows. Results do not depend on it.
	Workers int
	// Precision of the state and the arithmetic. Default Float32.
	Precision Precision
	// StartTime is the simulation time at the start, s. Boundary and source
	// series are read at simulation time. Default 0.
	StartTime float64
}

// Validate reports a field out of range (ErrOptions).
func (o Options) Validate() error {
	check := func(name string, v, lo, hi float64, loOpen bool) error {
		if math.IsNaN(v) || v < lo || v > hi || (loOpen && v == lo) {
			return fmt.Errorf("%w: %s = %g out of range", ErrOptions, name, v)
		}
		return nil
	}
	for _, err := range []error{
		check("Theta", o.Theta, 0, 1, false),
		check("CFL", o.CFL, 0, 1, false),
		check("DepthThreshold", o.DepthThreshold, 0, 10, false),
		check("MaxStep", o.MaxStep, 0, math.MaxFloat64, false),
		check("Gravity", o.Gravity, 0, 100, false),
		check("StartTime", o.StartTime, -math.MaxFloat64, math.MaxFloat64, false),
	} {
		if err != nil {
			return err
		}
	}
	if o.Workers < 0 {
		return fmt.Errorf("%w: Workers = %d", ErrOptions, o.Workers)
	}
	if o.Precision != Float32 && o.Precision != Float64 {
		return fmt.Errorf("%w: %v", ErrOptions, o.Precision)
	}
	return nil
}

// withDefaults returns o with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Theta, DefaultTheta)
	def(&o.CFL, DefaultCFL)
	def(&o.DepthThreshold, DefaultDepthThreshold)
	def(&o.MaxStep, DefaultMaxStep)
	def(&o.Gravity, DefaultGravity)
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

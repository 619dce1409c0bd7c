package urban

import (
	"context"
	"fmt"
	"math"
)

// Progress is what Run reports after every exchange interval.
type Progress struct {
	// Time is the simulation time reached and Until the run's end, s.
	Time, Until float64
	// SurfaceSteps is the number of surface steps taken so far.
	SurfaceSteps int64
}

// Step advances the model by one exchange interval, shortened so as not
// to pass until (s) or the next output time. It does nothing when
// until <= Time(). Errors come from the solvers (ErrUnstable of either).
// O(cells + nodes + links) per surface or pipe step.
func (m *Model) Step(until float64) error {
	left := until - m.t
	if left <= 1e-9*math.Max(1, math.Abs(until)) {
		return nil
	}
	dt := math.Min(m.opt.Exchange, left)
	if due := m.rec.due(m) - m.t; due > 1e-9 {
		dt = math.Min(dt, due)
	}
	if err := m.step(dt); err != nil {
		return err
	}
	m.rec.after(m)
	return nil
}

// Run advances the model to until (s), calling progress (when not nil)
// after every exchange interval. It returns ctx's error, wrapped, as soon
// as it sees ctx done (between intervals; the model stays usable and can
// be run on), or a solver's error.
func (m *Model) Run(ctx context.Context, until float64, progress func(Progress)) error {
	if math.IsNaN(until) || math.IsInf(until, 0) {
		return fmt.Errorf("%w: run until %g s", ErrOptions, until)
	}
	for until-m.t > 1e-9*math.Max(1, math.Abs(until)) {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("urban: run stopped at t = %g s: %w", m.t, err)
		}
		if err := m.Step(until); err != nil {
			return err
		}
		if progress != nil {
			progress(Progress{Time: m.t, Until: until, SurfaceSteps: m.surf.Steps()})
		}
	}
	return nil
}

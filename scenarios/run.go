package scenarios

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"twin/assets"
	"twin/engine"
	"twin/geo/swmm"
)

// RunOptions tune Run. The zero value runs every variant with
// GOMAXPROCS variants at once and reports no progress.
type RunOptions struct {
	// Parallel bounds how many variants run at once (0: GOMAXPROCS).
	Parallel int
	// Progress, when not nil, is called after every step of every variant
	// with the simulated time it reached; it must be safe for concurrent
	// use.
	Progress func(variant string, done, total time.Duration)
	// Duration, when positive, shortens the run (a reduced-size run for
	// tests and the demo); events after it never happen.
	Duration time.Duration
	// Sewer is the city's SWMM model for the urban flood model, in any
	// CRS (its nodes are placed at the World's pipe nodes of the same
	// names). Nil with the sample city takes the sample's sewer; nil
	// otherwise makes flood model urban an error and the default surface.
	Sewer *swmm.Model
}

// Validate reports a negative field.
func (o RunOptions) Validate() error {
	if o.Parallel < 0 || o.Duration < 0 {
		return errors.New("scenarios: RunOptions: Parallel and Duration must not be negative")
	}
	return nil
}

// Run checks the scenario against the World snapshot (Scenario.Check),
// then runs the baseline and every variant, each on its own clock,
// couples their simulations and returns the results, comparisons
// included. Cancelling ctx stops every variant at the end of its current
// step: Run then returns the partial results (Results.Partial) together
// with an error wrapping ErrCanceled. The same scenario, World and seed
// give identical results, whatever Parallel is. Cost: per variant, the
// flood model's cells × steps plus one routing query per incident.
func Run(ctx context.Context, snap *engine.Snapshot, sc *Scenario, opt RunOptions) (*Results, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c, err := newCity(snap)
	if err != nil {
		return nil, err
	}
	if err := sc.check(c); err != nil {
		return nil, err
	}
	total := sc.Duration
	if opt.Duration > 0 && opt.Duration < total {
		total = opt.Duration
	}
	sewer := opt.Sewer
	if sewer == nil && sc.City.Sample {
		if sewer, err = sampleSewer(); err != nil {
			return nil, err
		}
	}
	plans := sc.plans()
	for i := range plans {
		if plans[i].flood.Model == "" {
			plans[i].flood.Model = FloodSurface
			if sewer != nil {
				plans[i].flood.Model = FloodUrban
			}
		}
	}
	res := &Results{Scenario: sc.Name, Description: sc.Description, Seed: sc.Seed, Start: sc.StartTime().Format(time.RFC3339),
		DurationS: total.Seconds(), StepS: sc.Step.Seconds(), Variants: make([]*VariantResult, len(plans))}
	errs := make([]error, len(plans))
	par := opt.Parallel
	if par == 0 {
		par = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for i := range plans {
		wg.Add(1)
		sem <- struct{}{} // in plan order: the baseline starts first
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			r := &runner{c: c, sc: sc, p: &plans[i], total: total, progress: opt.Progress, sewer: sewer}
			res.Variants[i], errs[i] = r.run(ctx)
		}(i)
	}
	wg.Wait()
	return finishResults(res, errs)
}

// finishResults adds the comparisons and sorts out the errors: a
// cancellation gives partial results, any other error none.
func finishResults(res *Results, errs []error) (*Results, error) {
	canceled := false
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, ErrCanceled):
			canceled = true
		default:
			return nil, err
		}
	}
	res.Comparisons = compare(res.Variants)
	if canceled {
		res.Partial = true
		return res, ErrCanceled
	}
	return res, nil
}

// sampleSewer decodes the sample city's sewer.
func sampleSewer() (*swmm.Model, error) {
	f, err := assets.City().Open("monaco-sewer.inp")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return swmm.Decode(f, "monaco-sewer.inp", swmm.Options{})
}

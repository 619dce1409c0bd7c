package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/geo"
	"twin/geo/dem"
	"twin/sim/flood/floodout"
	"twin/sim/flood/lisflood"
	"twin/sim/flood/surface"
)

// runLisflood runs `twin flood --lisflood FILE.par`.
func runLisflood(cmd *cobra.Command, g *globalFlags, f floodFlags) error {
	dir, name := filepath.Split(f.lisflood)
	if dir == "" {
		dir = "."
	}
	in, err := lisflood.Load(os.DirFS(dir), name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: --lisflood %s: %v", errFloodUsage, f.lisflood, err)
		}
		return fmt.Errorf("--lisflood %s: %w", f.lisflood, err)
	}
	if f.duration > 0 {
		in.Par.SimTime = f.duration
	}
	end := in.Par.SimTime
	if end <= 0 {
		end = lisflood.DefaultSimTime
	}
	out, err := newOutFolder(f.out)
	if err != nil {
		return err
	}
	root := in.Par.ResRoot
	if root == "" {
		root = "res" // LISFLOOD-FP's default resroot
	}
	opt := in.Options()
	opt.Workers = f.workers
	var bar *progressbar.ProgressBar
	if interactive(g) {
		bar = progressbar.NewOptions64(int64(end), progressbar.OptionSetWriter(cmd.ErrOrStderr()),
			progressbar.OptionSetDescription("flood (s simulated)"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	run := lisfloodRun{snapshot: depthSnapshots(out, root, in)}
	err = out.write(root+".stage", func(w io.Writer) error {
		return run.run(cmd.Context(), in, opt, end, w, func(t float64) {
			if bar != nil {
				bar.Set64(int64(t))
			}
		})
	})
	if bar != nil {
		bar.Finish()
	}
	if run.sim == nil {
		return err
	}
	defer run.sim.Close()
	if err != nil && !run.interrupted {
		return err
	}
	return writeLisfloodOutputs(cmd.OutOrStdout(), out, f, in, root, &run)
}

// lisfloodRun is a LISFLOOD-FP model run: the simulation and the gauge
// depths at every output time.
type lisfloodRun struct {
	sim         *surface.Sim
	times       []float64
	depths      [][]float64 // per output time, per gauge
	interrupted bool
	// snapshot, when not nil, is called at every stage output.
	snapshot func(*surface.Sim) error
}

// run steps the model to end, writing the .stage output to stage at t = 0
// and every massint seconds, as lisflood.Run does, and stops early when
// ctx is done (interrupted, with the error of ctx).
func (r *lisfloodRun) run(ctx context.Context, in *lisflood.Inputs, opt surface.Options, end float64, stage io.Writer, progress func(float64)) error {
	m, err := in.Model()
	if err != nil {
		return err
	}
	if r.sim, err = surface.New(m, opt); err != nil {
		return err
	}
	s := r.sim
	sw, err := lisflood.NewStageWriter(stage, in.Par.StageFile, in.Stages, in.GaugeElevations())
	if err != nil {
		return err
	}
	write := func() error {
		d := s.GaugeDepths(nil)
		r.times, r.depths = append(r.times, s.Time()), append(r.depths, d)
		progress(s.Time())
		if err := sw.Write(s.Time(), d); err != nil {
			return err
		}
		if r.snapshot != nil {
			return r.snapshot(s)
		}
		return nil
	}
	every := in.Par.MassInt
	if every <= 0 {
		every = lisflood.DefaultMassInt
	}
	if err := write(); err != nil {
		return err
	}
	for k := 1; end-s.Time() > 1e-9*end; k++ {
		target := min(float64(k)*every, end)
		for target-s.Time() > 1e-9*target {
			if err := ctx.Err(); err != nil {
				r.interrupted = true
				return fmt.Errorf("interrupted at t = %.0f s: %w", s.Time(), err)
			}
			if in.Rain.Len() > 0 {
				if err := s.SetRain(max(0, in.Rain.At(s.Time()))); err != nil {
					return err
				}
			}
			if _, err := s.Step(target - s.Time()); err != nil {
				return fmt.Errorf("at t = %g s: %w", s.Time(), err)
			}
		}
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// depthSnapshots returns the writer of LISFLOOD-FP's depth snapshots,
// <resroot>-NNNN.wd (ASCII grids, m): snapshot k holds the depths at the
// first stage output at or after k·saveint s (LISFLOOD-FP likewise writes
// at the first step at or after each multiple), from k = 0 at the start.
// nil when the .par sets no saveint.
func depthSnapshots(out *outFolder, root string, in *lisflood.Inputs) func(*surface.Sim) error {
	every := in.Par.SaveInt
	if !(every > 0) {
		return nil
	}
	next := 0
	var depth []float32
	return func(s *surface.Sim) error {
		for float64(next)*every <= s.Time()*(1+1e-12) {
			depth = s.Depth(depth)
			g, err := floodout.Grid(in.DEM, depth)
			if err != nil {
				return err
			}
			if err := out.write(fmt.Sprintf("%s-%04d.wd", root, next), func(w io.Writer) error { return dem.EncodeASC(w, g) }); err != nil {
				return err
			}
			next = int(s.Time()/every) + 1
		}
		return nil
	}
}

// writeLisfloodOutputs writes the maximum depth grids, maps, gauge plot,
// mass balance and summary after a (possibly interrupted) run.
func writeLisfloodOutputs(stdout io.Writer, out *outFolder, f floodFlags, in *lisflood.Inputs, root string, run *lisfloodRun) error {
	s := run.sim
	maxGrid, err := floodout.Grid(in.DEM, s.MaxDepth(nil))
	if err != nil {
		return err
	}
	if err := out.raster(root+".max", root+".max.tif", maxGrid); err != nil {
		return err
	}
	if err := writeLisfloodMaxima(out, root, in.DEM, maxGrid.Data, s.MaxDepthTime(nil)); err != nil {
		return err
	}
	if err := out.maps(root+"-", in.DEM, maxGrid.Data, f.threshold); err != nil {
		return err
	}
	sum := &floodSummary{Mode: "lisflood", Model: f.lisflood, SimTimeS: s.Time(), Steps: s.Steps(),
		Interrupted: run.interrupted, ThresholdM: f.threshold}
	var series []floodout.Series
	for gi, p := range in.Stages {
		v := make([]float64, len(run.times))
		for k := range run.times {
			v[k] = run.depths[k][gi]
		}
		peak, arr := gaugeFigures(run.times, v, f.threshold)
		sum.Gauges = append(sum.Gauges, gaugeSummary{Name: fmt.Sprint(gi + 1), X: p.X, Y: p.Y, PeakM: finiteOr(peak), ArrivalS: arr})
		series = append(series, floodout.Series{Name: fmt.Sprintf("gauge %d", gi+1), T: run.times, V: v})
	}
	if len(series) > 0 && len(run.times) > 1 {
		if err := out.write(root+"-stage.png", func(w io.Writer) error {
			return floodout.PlotSeries(w, series, floodout.PlotOptions{Title: "Depth at the gauges", YLabel: "depth (m)"})
		}); err != nil {
			return err
		}
	}
	b := floodout.SurfaceBudget("Mass balance: "+filepath.Base(f.lisflood), s.MassBalance())
	if err := out.budget(root+"-", b); err != nil {
		return err
	}
	sum.fill(in.DEM, maxGrid.Data, b)
	slog.Info("flood run", "model", f.lisflood, "t", s.Time(), "steps", s.Steps(), "interrupted", run.interrupted)
	if err := out.report(stdout, sum, f.json); err != nil {
		return err
	}
	if run.interrupted {
		return fmt.Errorf("flood: interrupted at t = %.0f s; partial results written to %s", s.Time(), out.dir)
	}
	return nil
}

// writeLisfloodMaxima writes the other maximum grids LISFLOOD-FP names:
// <resroot>.mxe, the highest water-surface elevation (bed + maximum
// depth, m; no data where the bed has none), and <resroot>.maxtm, the time
// the maximum depth was first reached, in hours as LISFLOOD-FP writes it
// (no data where the cell was never wet).
func writeLisfloodMaxima(out *outFolder, root string, bed *geo.Grid, maxDepth, when []float32) error {
	mxe := make([]float32, len(maxDepth))
	for i, d := range maxDepth {
		mxe[i] = bed.Data[i] + d
	}
	for i, t := range when {
		when[i] = t / 3600
	}
	for _, f := range []struct {
		name string
		data []float32
	}{{root + ".mxe", mxe}, {root + ".maxtm", when}} {
		g, err := floodout.Grid(bed, f.data)
		if err != nil {
			return err
		}
		if err := out.write(f.name, func(w io.Writer) error { return dem.EncodeASC(w, g) }); err != nil {
			return err
		}
	}
	return nil
}

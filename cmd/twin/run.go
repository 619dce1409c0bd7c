package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/scenarios"
	scenreport "twin/scenarios/report"
)

// runFlags are the options of twin run and twin demo.
type runFlags struct {
	out      string
	parallel int
	duration time.Duration
	data     dataFlags
	// noShot leaves the wall view out of the report.
	noShot bool
}

func newRunCmd(g *globalFlags) *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run FILE.yaml",
		Short: "Run a what-if scenario and write its report",
		Long: `run decodes a scenario file (city, clock, events, simulations, variants),
checks it against the city, runs the baseline and every variant in parallel
with flood, dispatch and traffic coupled on one clock, and writes a report
folder: metrics.json, report.md and a self-contained report.html with charts.
Built with OpenGL and run with a display, the report also shows the wall
view: the city with the baseline's maximum flood depth and the links closed
at its peak (--no-snapshot leaves it out).

Errors in the file name its line and column. Ctrl-C stops the run and writes
the partial results. The city is the scenario's (city: files, relative to the
file), else --data, else the embedded sample city.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			sc, err := scenarios.Decode(args[0], src)
			if err != nil {
				return err
			}
			if f.out == "" {
				f.out = filepath.Join("reports", strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0])))
			}
			return runScenario(cmd, g, f, sc, filepath.Dir(args[0]))
		},
	}
	addRunFlags(cmd, f)
	return cmd
}

func addRunFlags(cmd *cobra.Command, f *runFlags) {
	cmd.Flags().StringVarP(&f.out, "out", "o", f.out, "report folder (default reports/<file name>)")
	cmd.Flags().IntVar(&f.parallel, "parallel", 0, "variants run at once (0: one per CPU)")
	cmd.Flags().DurationVar(&f.duration, "duration", 0, "simulate only this long (0: the scenario's duration)")
	cmd.Flags().StringSliceVar(&f.data.files, "data", nil, "city data files instead of the scenario's or the sample city")
	cmd.Flags().StringVar(&f.data.crs, "crs", "", "CRS of data files that state none")
	cmd.Flags().BoolVar(&f.noShot, "no-snapshot", false, "leave the wall view (an OpenGL rendering of the baseline's flood peak) out of the report")
}

// runScenario loads the city, runs sc with a progress bar and Ctrl-C
// handling, writes the report and prints its path and headline numbers.
func runScenario(cmd *cobra.Command, g *globalFlags, f *runFlags, sc *scenarios.Scenario, dir string) error {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	data := f.data
	if len(data.files) == 0 && len(sc.City.Files) > 0 {
		for _, name := range sc.City.Files {
			if !filepath.IsAbs(name) {
				name = filepath.Join(dir, name)
			}
			data.files = append(data.files, name)
		}
		data.crs = sc.City.CRS
	}
	w, _, err := openWorld(ctx, g, data, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	opt := scenarios.RunOptions{Parallel: f.parallel, Duration: f.duration}
	if len(data.files) > 0 {
		// Not the sample city: its sewer must not stand in for a missing one.
		sc.City.Sample = false
		if opt.Sewer, err = findSewer(data.files); err != nil {
			return err
		}
	}
	bar := newRunBar(g, cmd.ErrOrStderr(), sc, f.duration)
	if bar != nil {
		opt.Progress = bar.progress
	}
	t0 := time.Now()
	res, runErr := scenarios.Run(ctx, w.Snapshot(), sc, opt)
	if bar != nil {
		bar.finish()
	}
	if runErr != nil && !errors.Is(runErr, scenarios.ErrCanceled) {
		return runErr
	}
	images := reportImages(ctx, w, res, f.noShot)
	files, err := scenreport.WriteDir(f.out, res, scenreport.Options{Outputs: sc.Outputs, Images: images,
		Basemap: scenreport.SnapshotBasemap(w.Snapshot())})
	if err != nil {
		return err
	}
	printSummary(cmd.OutOrStdout(), res, files, time.Since(t0))
	return runErr
}

func printSummary(out io.Writer, res *scenarios.Results, files []string, took time.Duration) {
	if len(files) > 0 {
		fmt.Fprintf(out, "report: %s\n", files[0])
	}
	for _, h := range scenreport.Headlines(res) {
		fmt.Fprintf(out, "  %s\n", h)
	}
	state := "done"
	if res.Partial {
		state = "cancelled: partial results"
	}
	fmt.Fprintf(out, "%s: %d runs in %.1f s\n", state, len(res.Variants), took.Seconds())
}

// runBar is one progress bar over every variant's simulated seconds.
type runBar struct {
	mu   sync.Mutex
	bar  *progressbar.ProgressBar
	done map[string]int64
}

func newRunBar(g *globalFlags, w io.Writer, sc *scenarios.Scenario, limit time.Duration) *runBar {
	if !interactive(g) {
		return nil
	}
	d := sc.Duration
	if limit > 0 && limit < d {
		d = limit
	}
	total := int64(d.Seconds()) * int64(1+len(sc.Variants))
	return &runBar{done: map[string]int64{}, bar: progressbar.NewOptions64(total, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(fmt.Sprintf("running %d runs", 1+len(sc.Variants))), progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))}
}

func (b *runBar) progress(variant string, done, _ time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := int64(done.Seconds())
	b.bar.Add64(s - b.done[variant])
	b.done[variant] = s
}

func (b *runBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bar.Finish()
}

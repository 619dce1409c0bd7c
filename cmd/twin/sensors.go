package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// sendFlags are the destination flags of the sensors commands.
type sendFlags struct {
	to, out string
	token   string
	city    string
	batch   int
	conns   int
}

func (f *sendFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.to, "to", "", "where to send: http://HOST:PORT (POST /deltas) or mqtt://HOST:PORT (QoS 1, topics twin/{city}/{kind}/{id})")
	cmd.Flags().StringVar(&f.out, "out", "", "write NDJSON to this file instead (- for stdout)")
	cmd.Flags().StringVar(&f.token, "token", "", "bearer token for HTTP (default $TWIN_TOKEN)")
	cmd.Flags().StringVar(&f.city, "city", "", "the {city} of MQTT topics (default: the first data file's name, or monaco)")
	cmd.Flags().IntVar(&f.batch, "batch", 500, "deltas per HTTP request, at most")
	cmd.Flags().IntVar(&f.conns, "conns", 4, "parallel HTTP requests (each source and feature keeps its order)")
}

func (f *sendFlags) open(ctx context.Context, d dataFlags, stdout io.Writer) (deltaSink, error) {
	token := f.token
	if token == "" {
		token = os.Getenv("TWIN_TOKEN")
	}
	city := f.city
	if city == "" {
		city = "monaco"
		if len(d.files) > 0 {
			city, _, _ = strings.Cut(filepath.Base(d.files[0]), ".")
		}
	}
	if f.batch <= 0 || f.conns <= 0 {
		return nil, errors.New("sensors: --batch and --conns must be positive")
	}
	return openSink(ctx, f.to, f.out, sinkOptions{token: token, city: city, conns: f.conns}, stdout)
}

func newSensorsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sensors",
		Short: "Simulate or replay live sensor deltas, into a twin or a file",
		Long: `sensors feeds a live twin (twin serve) the way its sensors would: delta
NDJSON over HTTP (POST /deltas) or MQTT messages, one delta each.`,
	}
	cmd.AddCommand(newSimulateCmd(g), newReplayCmd())
	return cmd
}

func newSimulateCmd(g *globalFlags) *cobra.Command {
	var (
		d        dataFlags
		sf       sendFlags
		rate     string
		duration time.Duration
		count    int
		seed     uint64
		start    string
		cfg      simConfig
	)
	cmd := &cobra.Command{
		Use:   "simulate [--rate N/s] [--to http://HOST:PORT | mqtt://HOST:PORT | --out FILE] [--duration D] [--seed S]",
		Short: "Generate plausible live deltas for the city and send them",
		Long: `simulate upserts sensors in the city (default: the sample city) and streams
their readings: water levels in manholes (m above the invert: a diurnal
dry-weather pattern plus rises after rain), rain gauges (mm/h, seeded
storms), traffic detectors at signals (vehicles per minute with speed_kmh,
following a daily profile), GPS positions of ambulances and fire engines
moving along the road links, and now and then a road closure or reopening.

The content is deterministic for a seed and --start: deltas are stamped
start + i/rate, and each device is a source whose seq is its timestamp in
microseconds, so a later run continues every source's sequence. With --to
the deltas are sent at --rate in real time and the achieved rate is
printed; with --out they are written at once. --duration or --count bounds
the stream (required with --out; without them simulate runs until Ctrl-C).`,
		Example: `  TWIN_TOKEN=secret twin sensors simulate --rate 1000/s --to http://127.0.0.1:8080
  twin sensors simulate --rate 50000/s --to mqtt://127.0.0.1:1883 --duration 30s
  twin sensors simulate --rate 10/s --duration 1h --seed 7 --out day.ndjson`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := parseRate(rate)
			if err != nil {
				return err
			}
			cfg.Rate, cfg.Seed = r, seed
			cfg.Start = time.Now().UTC().Truncate(time.Millisecond)
			if start != "" {
				if cfg.Start, err = time.Parse(time.RFC3339Nano, start); err != nil {
					return fmt.Errorf("sensors: --start: %w", err)
				}
			}
			if n := max(int(duration.Seconds()*r), 1); duration > 0 && (count == 0 || n < count) {
				count = n
			}
			if sf.out != "" && count == 0 {
				return errors.New("sensors: --out needs --duration or --count")
			}
			return simulate(cmd, g, d, sf, cfg, count)
		},
	}
	cmd.Flags().StringArrayVar(&d.files, "data", nil, "data file to load (repeat; default: the sample city)")
	addCRSFlags(cmd, &d)
	sf.add(cmd)
	cmd.Flags().StringVar(&rate, "rate", "100/s", "stream rate, deltas per second (N or N/s)")
	cmd.Flags().DurationVar(&duration, "duration", 0, "length of the stream in simulated time (rate × duration deltas)")
	cmd.Flags().IntVar(&count, "count", 0, "number of stream deltas (the setup upserts come on top)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&start, "start", "", "simulated time of the first delta, RFC 3339 (default: now)")
	cmd.Flags().IntVar(&cfg.Manholes, "manholes", 50, "water-level sensors, at sewer junctions")
	cmd.Flags().IntVar(&cfg.Detectors, "detectors", 40, "traffic detectors, at signals")
	cmd.Flags().IntVar(&cfg.Units, "units", 10, "emergency units (ambulances and fire engines)")
	return cmd
}

// parseRate reads "1000", "1000/s" or "1e4/s".
func parseRate(s string) (float64, error) {
	r, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "/s"), 64)
	if err != nil || r <= 0 || r > 1e7 {
		return 0, fmt.Errorf("sensors: --rate %q: want a positive number of deltas per second, e.g. 1000/s", s)
	}
	return r, nil
}

func simulate(cmd *cobra.Command, g *globalFlags, d dataFlags, sf sendFlags, cfg simConfig, count int) error {
	ctx := cmd.Context()
	w, _, err := openWorld(ctx, g, d, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	sim, err := newSimulator(w.Snapshot(), cfg)
	if err != nil {
		return err
	}
	sink, err := sf.open(ctx, d, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	setup := sim.setup()
	// The devices first, whole, so the readings find them.
	if _, err := pump(ctx, &sliceSource{ds: setup}, sink, max(sf.batch, len(setup)), false, false); err != nil {
		sink.close(context.WithoutCancel(ctx))
		return err
	}
	st, err := pump(ctx, &simSource{sim: sim, limit: count}, sink, sf.batch, sf.out == "", false)
	if cerr := sink.close(context.WithoutCancel(ctx)); err == nil {
		err = cerr
	}
	report(cmd, sf, sink, st, len(setup))
	return err
}

// report prints what was sent, to stderr when the deltas go to stdout.
func report(cmd *cobra.Command, sf sendFlags, sink deltaSink, st pumpStats, setup int) {
	w := cmd.OutOrStdout()
	if sf.out == "-" {
		w = cmd.ErrOrStderr()
	}
	dest := sf.to
	if sf.out != "" {
		dest = sf.out
	}
	fmt.Fprintf(w, "twin sensors: %d deltas", st.sent)
	if setup > 0 {
		fmt.Fprintf(w, " (after %d setup upserts)", setup)
	}
	fmt.Fprintf(w, " to %s in %.2fs: %.0f deltas/s\n", dest, st.elapsed.Seconds(), st.rate())
	if s := sink.summary(); s != "" {
		fmt.Fprintf(w, "twin sensors: %s\n", s)
	}
}

func newReplayCmd() *cobra.Command {
	var (
		sf      sendFlags
		speed   float64
		restamp bool
	)
	cmd := &cobra.Command{
		Use:   "replay FILE [--speed X] [--to http://HOST:PORT | mqtt://HOST:PORT | --out FILE] [--restamp]",
		Short: "Replay a recorded NDJSON file of deltas at a chosen speed",
		Long: `replay sends the deltas of an NDJSON file (one delta per line, as
simulate --out writes and POST /deltas takes), keeping the spacing of their
timestamps divided by --speed (2: twice as fast; 0: as fast as the twin
takes them). --restamp sets each delta's ts to the time it is sent.

Sequence numbers are sent as recorded: replaying a file twice into the same
twin gives duplicates the second time (record a new file with a later
--start to replay again).`,
		Example: `  twin sensors simulate --rate 20/s --duration 10m --out rec.ndjson
  TWIN_TOKEN=secret twin sensors replay rec.ndjson --speed 10 --to http://127.0.0.1:8080 --restamp`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if speed < 0 {
				return errors.New("sensors: --speed must not be negative")
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			ctx := cmd.Context()
			sink, err := sf.open(ctx, dataFlags{}, cmd.OutOrStdout())
			if err != nil {
				return err
			}
			st, err := pump(ctx, newReplaySource(f, args[0], speed), sink, sf.batch, speed > 0, restamp)
			if cerr := sink.close(context.WithoutCancel(ctx)); err == nil {
				err = cerr
			}
			report(cmd, sf, sink, st, 0)
			return err
		},
	}
	sf.add(cmd)
	cmd.Flags().Float64Var(&speed, "speed", 1, "replay speed: the recorded spacing is divided by it (0: no waiting)")
	cmd.Flags().BoolVar(&restamp, "restamp", false, "set each delta's ts to the time it is sent")
	return cmd
}

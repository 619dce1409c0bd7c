package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/geo/sumo"
	"twin/sim/traffic"
	"twin/sim/traffic/greenwave"
)

// greenwaveFlags are the options of twin greenwave.
type greenwaveFlags struct {
	data      dataFlags
	stepSet   bool
	net       string
	routes    []string
	adds      []string
	corridor  []string
	cycleMin  float64
	cycleMax  float64
	cycleStep float64
	cycle     string
	seeds     []uint
	stopPen   float64
	netTol    float64
	end       float64
	table     string
	method    string
	speed     float64
	out, plan string
	png       string
	json      bool
}

func newGreenwaveCmd(g *globalFlags) *cobra.Command {
	f := &greenwaveFlags{}
	cmd := &cobra.Command{
		Use:   "greenwave (--sumo-net NET --routes ROU | --data FILE...) [-o OUT.add.xml] [--plan OUT.json] [--png OUT.png]",
		Short: "Coordinate an arterial's signals into a two-way green wave (MAXBAND)",
		Long: `greenwave chooses a common cycle and offsets for the fixed-time signals of an
arterial that maximise the two-way green bandwidth weighted by the directional
flows (MAXBAND). The corridor is the list of junctions given with --corridor,
or else the main arterial: the chain of signalized junctions joined both ways
by straight roads that carries the most vehicles of the routes.

With --sumo-net it writes a SUMO additional file (-o) whose tlLogic programs
(programID "greenwave", static, the common cycle, phases stretched in
proportion when the cycle changes) sumo -a loads in place of the net's. With
--data it works on the World's OSM roads and their traffic signals
(default: the sample city) and writes the plan and the diagram.

--plan writes the plan as JSON, --png the time–space diagram with both bands,
--json prints the plan on stdout instead of the summary.

By default the common cycle is the one with the widest bands in
[--cycle-min, --cycle-max]. With --cycle auto it is chosen by simulation
instead: every cycle from --cycle-min to --cycle-max in steps of --cycle-step
(default 5 s), and every current cycle of the corridor's signals in that
range, gets its MAXBAND plan, which twin's microsimulation (sim/traffic, the
Krauss model) runs on the routes once per --seeds value. The vehicles whose
routes drive through at least two of the corridor's signals are the corridor
traffic. A candidate is rejected when it leaves more trips unfinished than
another or when its mean travel time over all vehicles is more than
--network-tolerance above the lowest; of the rest the one with the lowest
corridor mean travel time plus --stop-penalty seconds per stop is kept (ties:
the shorter cycle). The candidates are printed as a table (--table writes it
to a file). Without --cycle-min and --cycle-max the candidates span the
signals' current cycles (±25 % when they all run the same). --cycle N fixes
the common cycle at N s.`,
		Example: `  twin greenwave --sumo-net arterial.net.xml --routes arterial.rou.xml -o gw.add.xml --png gw.png
  twin greenwave --sumo-net net.xml --routes rou.xml --corridor J1,J2,J3 --cycle-min 60 --cycle-max 120 -o gw.add.xml
  twin greenwave --sumo-net net.xml --routes rou.xml --cycle auto --cycle-min 60 --cycle-max 120 --seeds 1,2,3 -o gw.add.xml
  twin greenwave --plan city-gw.json --png city-gw.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.stepSet = cmd.Flags().Changed("cycle-step")
			return runGreenwave(cmd, g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.net, "sumo-net", "", "SUMO .net.xml of the network")
	fl.StringSliceVar(&f.routes, "routes", nil, "SUMO route files that weight the corridor (comma-separated or repeated)")
	fl.StringSliceVar(&f.adds, "additional", nil, "SUMO additional files whose tlLogic programs replace the net's, as with sumo -a")
	fl.StringSliceVar(&f.corridor, "corridor", nil, "junction IDs of the corridor in outbound order (default: detect the main arterial)")
	fl.Float64Var(&f.cycleMin, "cycle-min", 0, "shortest common cycle to try, s (default: the longest current cycle)")
	fl.Float64Var(&f.cycleMax, "cycle-max", 0, "longest common cycle to try, s (default: the longest current cycle)")
	fl.Float64Var(&f.cycleStep, "cycle-step", 0, "spacing of the cycles tried, s (default: 1 for the band scan, 5 with --cycle auto)")
	fl.StringVar(&f.cycle, "cycle", "", "common cycle: auto (chosen by simulating the candidates) or a number of seconds (default: widest bands in the range)")
	fl.UintSliceVar(&f.seeds, "seeds", []uint{1}, "simulation seeds for --cycle auto; figures pool the runs")
	fl.Float64Var(&f.stopPen, "stop-penalty", 10, "--cycle auto: seconds of travel time one stop costs in the objective (0: none)")
	fl.Float64Var(&f.netTol, "network-tolerance", 0.01, "--cycle auto: reject plans whose all-vehicle mean travel time exceeds the lowest by more than this fraction (negative: no limit)")
	fl.Float64Var(&f.end, "end", 0, "--cycle auto: end of each simulation, s (default: one hour after the last departure)")
	fl.StringVar(&f.table, "table", "", "--cycle auto: write the candidates' table (Markdown) here")
	fl.StringVar(&f.method, "method", "scan", "solver: scan (exact, every whole cycle) or milp (branch and bound)")
	fl.Float64Var(&f.speed, "speed-factor", 0, "progression speed as a fraction of the speed limit (default 0.95)")
	fl.StringVarP(&f.out, "output", "o", "", "SUMO additional file to write (tlLogic with the new offsets)")
	fl.StringVar(&f.plan, "plan", "", "plan JSON to write")
	fl.StringVar(&f.png, "png", "", "time–space diagram PNG to write")
	fl.BoolVar(&f.json, "json", false, "print the plan as JSON on stdout")
	fl.StringArrayVar(&f.data.files, "data", nil, "OSM files when there is no --sumo-net (default: the sample city)")
	addCRSFlags(cmd, &f.data)
	return cmd
}

func (f *greenwaveFlags) options() (greenwave.Options, error) {
	opt := greenwave.Options{CycleMin: f.cycleMin, CycleMax: f.cycleMax, CycleStep: f.cycleStep, WholeSeconds: true}
	if f.stepSet && !(f.cycleStep > 0) {
		return opt, fmt.Errorf("greenwave: --cycle-step %g: want > 0", f.cycleStep)
	}
	if f.cycleMin > 0 && f.cycleMax > 0 && f.cycleMin > f.cycleMax {
		return opt, fmt.Errorf("greenwave: --cycle-min %g > --cycle-max %g", f.cycleMin, f.cycleMax)
	}
	switch f.cycle {
	case "", "auto":
	default:
		v, err := strconv.ParseFloat(f.cycle, 64)
		if err != nil || !(v > 0) {
			return opt, fmt.Errorf("greenwave: --cycle %q: want auto or a cycle in seconds > 0", f.cycle)
		}
		if f.cycleMin > 0 || f.cycleMax > 0 {
			return opt, errors.New("greenwave: --cycle N fixes the cycle; leave out --cycle-min and --cycle-max")
		}
		opt.CycleMin, opt.CycleMax = v, v
	}
	if f.cycle == "auto" && len(f.seeds) == 0 {
		return opt, errors.New("greenwave: --cycle auto needs at least one --seeds value")
	}
	switch f.method {
	case "scan":
	case "milp":
		opt.Method = greenwave.MILP
	default:
		return opt, fmt.Errorf("greenwave: --method %q: want scan or milp", f.method)
	}
	return opt, opt.Validate()
}

func runGreenwave(cmd *cobra.Command, g *globalFlags, f *greenwaveFlags) error {
	opt, err := f.options()
	if err != nil {
		return err
	}
	var (
		c   *greenwave.Corridor
		net *traffic.Network
		sc  gwScenario
	)
	auto := f.cycle == "auto"
	if f.net != "" {
		sc, err = sumoCorridor(f, auto)
		net, c = sc.net, sc.corridor
	} else {
		switch {
		case f.out != "":
			return errors.New("greenwave: -o writes a SUMO file and needs --sumo-net")
		case auto:
			return errors.New("greenwave: --cycle auto simulates routes and needs --sumo-net and --routes")
		}
		c, err = osmCorridor(cmd, g, f)
	}
	if err != nil {
		return err
	}
	var plan *greenwave.Plan
	if auto {
		plan, err = tuneGreenwave(cmd, g, f, sc, opt)
	} else {
		plan, err = greenwave.Solve(c, opt)
	}
	if err != nil {
		return err
	}
	slog.Info("greenwave plan", "signals", len(plan.Signals), "cycle_s", plan.Cycle,
		"band_out_s", plan.Out.Width, "band_in_s", plan.In.Width, "method", plan.Method)
	if f.out != "" {
		logics, err := plan.TLLogics(net)
		if err != nil {
			return err
		}
		if err := writeFileWith(f.out, func(w io.Writer) error { return sumo.EncodeAdditional(w, logics) }); err != nil {
			return err
		}
	}
	if f.plan != "" {
		if err := writeFileWith(f.plan, plan.WriteJSON); err != nil {
			return err
		}
	}
	if f.png != "" {
		if err := writeFileWith(f.png, func(w io.Writer) error { return greenwave.DrawPNG(w, c, plan, greenwave.DiagramOptions{}) }); err != nil {
			return err
		}
	}
	stdout := cmd.OutOrStdout()
	if f.json {
		return plan.WriteJSON(stdout)
	}
	before, beforeIn, _ := c.Bands(nil, currentOffsets(c))
	flows := fmt.Sprintf("flows %.0f/%.0f veh/h", plan.FlowOut, plan.FlowIn)
	if f.net == "" {
		flows = fmt.Sprintf("flow weights %g/%g (no demand; 0 inbound: one-way)", plan.FlowOut, plan.FlowIn)
	}
	fmt.Fprintf(stdout, "corridor %s: %d signals, %s\n", strings.Join(signalIDs(plan), ","), len(plan.Signals), flows)
	fmt.Fprintf(stdout, "cycle %.0f s; bands out %.1f s, in %.1f s (current offsets: %.1f s, %.1f s)\n", plan.Cycle, plan.Out.Width, plan.In.Width, before.Width, beforeIn.Width)
	for _, s := range plan.Signals {
		fmt.Fprintf(stdout, "  %-12s at %7.1f m  offset %5.1f s\n", s.ID, s.Position, s.Offset)
	}
	return nil
}

// gwScenario is what a SUMO network and its files give: the network, the
// corridor and, for --cycle auto, the compiled trips.
type gwScenario struct {
	net      *traffic.Network
	corridor *greenwave.Corridor
	trips    *traffic.Demand
}

// sumoCorridor loads the SUMO net and routes and builds the corridor; with
// trips set it also compiles the routes and the additional files' vehicle
// types and stops into trips for the simulation.
func sumoCorridor(f *greenwaveFlags, trips bool) (gwScenario, error) {
	var sc gwScenario
	raw, err := readNamed(f.net, func(r io.Reader, name string) (*sumo.Net, error) { return sumo.DecodeNet(r, name) })
	if err != nil {
		return sc, err
	}
	var programs []sumo.TLLogic
	all := &sumo.Demand{}
	for _, p := range f.adds {
		d, err := readNamed(p, func(r io.Reader, name string) (*sumo.Demand, error) { return sumo.DecodeDemand(r, name) })
		if err != nil {
			return sc, err
		}
		programs = append(programs, d.TLLogics...)
		all.Merge(d)
	}
	if sc.net, err = traffic.FromSUMO(raw, programs); err != nil {
		return sc, err
	}
	dem := &sumo.Demand{}
	for _, p := range f.routes {
		d, err := readNamed(p, func(r io.Reader, name string) (*sumo.Demand, error) { return sumo.DecodeDemand(r, name) })
		if err != nil {
			return sc, err
		}
		dem.Merge(d)
		all.Merge(d)
	}
	demand := greenwave.DemandFromSUMO(sc.net, dem)
	if trips {
		if len(f.routes) == 0 {
			return sc, errors.New("greenwave: --cycle auto simulates the demand and needs --routes")
		}
		seed := uint64(f.seeds[0])
		rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
		if sc.trips, err = traffic.DemandFromSUMO(sc.net, all, traffic.DemandOptions{}, rng); err != nil {
			return sc, fmt.Errorf("greenwave: %w", err)
		}
		if demand.Unrouted > 0 { // flows and trips by origin and destination: weigh by the routed trips
			slog.Info("greenwave: weighting the corridor by the simulated trips' routes", "unrouted_in_files", demand.Unrouted)
			demand = greenwave.DemandFromTrips(sc.trips)
		}
	} else if demand.Unrouted > 0 {
		slog.Warn("vehicles without a route in the files are not counted", "count", demand.Unrouted)
	}
	var art *greenwave.Arterial
	if len(f.corridor) > 0 {
		art, err = greenwave.ArterialThrough(sc.net, f.corridor)
	} else {
		art, err = greenwave.FindArterial(sc.net, demand)
	}
	if err != nil {
		return sc, err
	}
	sc.corridor, err = greenwave.NewCorridor(sc.net, art, demand, greenwave.BuildOptions{SpeedFactor: f.speed})
	return sc, err
}

func readNamed[T any](path string, decode func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	fh, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer fh.Close()
	return decode(bufio.NewReaderSize(fh, 1<<16), filepath.Base(path))
}

// writeFileWith writes what write produces to path, only when it succeeds.
func writeFileWith(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func currentOffsets(c *greenwave.Corridor) []float64 {
	o := make([]float64, len(c.Signals))
	for i, s := range c.Signals {
		o[i] = s.Offset
	}
	return o
}

func signalIDs(p *greenwave.Plan) []string {
	ids := make([]string, len(p.Signals))
	for i, s := range p.Signals {
		ids[i] = s.ID
	}
	return ids
}

// tuneGreenwave chooses the common cycle by simulating the candidates'
// plans, prints (and with --table writes) the table and returns the
// chosen plan.
func tuneGreenwave(cmd *cobra.Command, g *globalFlags, f *greenwaveFlags, sc gwScenario, opt greenwave.Options) (*greenwave.Plan, error) {
	topt := greenwave.TuneOptions{Options: opt, End: f.end, StopPenalty: f.stopPen, NetworkTolerance: f.netTol}
	if f.stopPen == 0 {
		topt.StopPenalty = -1 // the flag's 0 means no penalty
	}
	if f.netTol == 0 {
		topt.NetworkTolerance = 1e-12 // the flag's 0 means no worse than the lowest
	}
	for _, s := range f.seeds {
		topt.Seeds = append(topt.Seeds, uint64(s))
	}
	var bar *progressbar.ProgressBar
	if interactive(g) {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(cmd.ErrOrStderr()),
			progressbar.OptionSetDescription("simulating candidate cycles"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	topt.Progress = func(done, total int) {
		if bar != nil {
			bar.ChangeMax(total)
			bar.Set(done)
		}
		slog.Debug("greenwave: simulation done", "runs", done, "of", total)
	}
	t, err := greenwave.Tune(cmd.Context(), sc.net, sc.corridor, sc.trips, topt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return nil, err
	}
	var tab bytes.Buffer
	if err := t.WriteTable(&tab); err != nil {
		return nil, err
	}
	if f.table != "" {
		if err := os.WriteFile(f.table, tab.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	w := cmd.OutOrStdout()
	if f.json {
		w = cmd.ErrOrStderr()
	}
	if _, err := w.Write(tab.Bytes()); err != nil {
		return nil, err
	}
	best := &t.Candidates[t.Best]
	slog.Info("greenwave: cycle chosen by simulation", "cycle_s", best.Cycle, "corridor_travel_s", best.Corridor.TravelTime,
		"corridor_stops", best.Corridor.Stops, "network_travel_s", best.Network.TravelTime, "candidates", len(t.Candidates), "seeds", len(t.Seeds))
	return t.Plan(), nil
}

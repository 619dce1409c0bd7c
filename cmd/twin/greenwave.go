package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"twin/geo/sumo"
	"twin/sim/traffic"
	"twin/sim/traffic/greenwave"
)

// greenwaveFlags are the options of twin greenwave.
type greenwaveFlags struct {
	data      dataFlags
	net       string
	routes    []string
	adds      []string
	corridor  []string
	cycleMin  float64
	cycleMax  float64
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
--json prints the plan on stdout instead of the summary.`,
		Example: `  twin greenwave --sumo-net arterial.net.xml --routes arterial.rou.xml -o gw.add.xml --png gw.png
  twin greenwave --sumo-net net.xml --routes rou.xml --corridor J1,J2,J3 --cycle-min 60 --cycle-max 120 -o gw.add.xml
  twin greenwave --plan city-gw.json --png city-gw.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
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
	opt := greenwave.Options{CycleMin: f.cycleMin, CycleMax: f.cycleMax, WholeSeconds: true}
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
	)
	if f.net != "" {
		net, c, err = sumoCorridor(f)
	} else {
		if f.out != "" {
			return errors.New("greenwave: -o writes a SUMO file and needs --sumo-net")
		}
		c, err = osmCorridor(cmd, g, f)
	}
	if err != nil {
		return err
	}
	plan, err := greenwave.Solve(c, opt)
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

// sumoCorridor loads the SUMO net and routes and builds the corridor.
func sumoCorridor(f *greenwaveFlags) (*traffic.Network, *greenwave.Corridor, error) {
	raw, err := readNamed(f.net, func(r io.Reader, name string) (*sumo.Net, error) { return sumo.DecodeNet(r, name) })
	if err != nil {
		return nil, nil, err
	}
	var programs []sumo.TLLogic
	for _, p := range f.adds {
		d, err := readNamed(p, func(r io.Reader, name string) (*sumo.Demand, error) { return sumo.DecodeDemand(r, name) })
		if err != nil {
			return nil, nil, err
		}
		programs = append(programs, d.TLLogics...)
	}
	net, err := traffic.FromSUMO(raw, programs)
	if err != nil {
		return nil, nil, err
	}
	dem := &sumo.Demand{}
	for _, p := range f.routes {
		d, err := readNamed(p, func(r io.Reader, name string) (*sumo.Demand, error) { return sumo.DecodeDemand(r, name) })
		if err != nil {
			return nil, nil, err
		}
		dem.Merge(d)
	}
	demand := greenwave.DemandFromSUMO(net, dem)
	if demand.Unrouted > 0 {
		slog.Warn("vehicles without a route in the files are not counted", "count", demand.Unrouted)
	}
	var art *greenwave.Arterial
	if len(f.corridor) > 0 {
		art, err = greenwave.ArterialThrough(net, f.corridor)
	} else {
		art, err = greenwave.FindArterial(net, demand)
	}
	if err != nil {
		return nil, nil, err
	}
	c, err := greenwave.NewCorridor(net, art, demand, greenwave.BuildOptions{SpeedFactor: f.speed})
	return net, c, err
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

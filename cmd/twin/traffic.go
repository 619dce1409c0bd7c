package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/geo/sumo"
	"twin/sim/traffic"
)

// trafficFlags are the flags of `twin traffic`.
type trafficFlags struct {
	data                 dataFlags
	net                  string
	routes, additional   []string
	od                   string
	rate                 float64
	begin, end, interval float64
	seed                 uint64
	workers              int
	tripinfo, edgeStats  string
	asJSON               bool
}

// trafficSummary is what `twin traffic --json` prints; a public contract.
type trafficSummary struct {
	traffic.Summary
	Edges   int     `json:"edges"`
	Trips   int     `json:"trips"`
	WallS   float64 `json:"wall_s"`
	UpdPerS float64 `json:"vehicle_updates_per_s"`
}

func newTrafficCmd(g *globalFlags) *cobra.Command {
	f := &trafficFlags{}
	cmd := &cobra.Command{
		Use:   "traffic",
		Short: "Run the microscopic traffic simulation (SUMO networks and demand, or the city's OSM roads)",
		Long: `traffic runs the Krauss car-following simulation with a 1 s step.

With --sumo-net it reads a SUMO network, route files (--routes: vehicles,
routes, flows, trips) and additional files (--additional: tlLogic programs
replacing the net's, vTypes), as sumo -n NET -r ROU -a ADD would.
Without it, it builds the network from the OSM roads of --data (default: the
sample city), signals at OSM traffic_signals nodes with a 60 s two-stage
plan, and generates demand: --rate vehicles per hour between random edges,
or an OD matrix (--od CSV: origin-edge,dest-edge,count,begin,end).

It prints a summary (--json for machine-readable output) and can write
SUMO's tripinfo XML (--tripinfo) and per-edge flow and mean speed per
interval (--edge-stats JSON).`,
		Example: `  twin traffic --sumo-net grid.net.xml --routes grid.rou.xml --end 3600 --json
  twin traffic --rate 1200 --end 1800 --tripinfo trips.xml`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTraffic(cmd.Context(), g, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.net, "sumo-net", "", "SUMO .net.xml network")
	fl.StringSliceVar(&f.routes, "routes", nil, "SUMO route files (comma-separated or repeated)")
	fl.StringSliceVar(&f.additional, "additional", nil, "SUMO additional files (tlLogic programs, vTypes)")
	fl.StringArrayVar(&f.data.files, "data", nil, "OSM files for the road network (default: the sample city)")
	addCRSFlags(cmd, &f.data)
	fl.StringVar(&f.od, "od", "", "OD matrix CSV (origin-edge,dest-edge,count,begin,end) for OSM networks")
	fl.Float64Var(&f.rate, "rate", 0, "generated demand on OSM networks (veh/h; default 1000 without --od)")
	fl.Float64Var(&f.begin, "begin", 0, "start time (s)")
	fl.Float64Var(&f.end, "end", 3600, "end time (s)")
	fl.Float64Var(&f.interval, "interval", 300, "per-edge statistics interval (s)")
	fl.Uint64Var(&f.seed, "seed", 1, "random seed (demand draws, dawdling)")
	fl.IntVar(&f.workers, "workers", -1, "goroutines moving lanes (-1: one per CPU); results do not depend on it")
	fl.StringVar(&f.tripinfo, "tripinfo", "", "write SUMO tripinfo XML here")
	fl.StringVar(&f.edgeStats, "edge-stats", "", "write per-edge interval statistics (JSON) here")
	fl.BoolVar(&f.asJSON, "json", false, "print the summary as JSON")
	return cmd
}

func runTraffic(ctx context.Context, g *globalFlags, f *trafficFlags, stdout, stderr io.Writer) error {
	if f.net == "" && (len(f.routes) > 0 || len(f.additional) > 0) {
		return errors.New("traffic: --routes and --additional need --sumo-net")
	}
	if f.net != "" && (f.od != "" || f.rate > 0 || len(f.data.files) > 0) {
		return errors.New("traffic: --od, --rate and --data are for OSM networks, not with --sumo-net")
	}
	rng := rand.New(rand.NewPCG(f.seed, f.seed^0x5eed))
	var net *traffic.Network
	var dem *traffic.Demand
	var err error
	if f.net != "" {
		net, dem, err = loadSUMOScenario(f, rng)
	} else {
		net, dem, err = loadOSMScenario(ctx, g, f, rng, stderr)
	}
	if err != nil {
		return err
	}
	s, err := traffic.New(net, dem, traffic.Options{Begin: f.begin, End: f.end, Seed: f.seed, Workers: f.workers, Interval: f.interval})
	if err != nil {
		return fmt.Errorf("traffic: %w", err)
	}
	start := time.Now()
	runWithProgress(ctx, g, s, f.begin, f.end, stderr)
	wall := time.Since(start).Seconds()
	if err := writeTrafficOutputs(f, s); err != nil {
		return err
	}
	sum := trafficSummary{Summary: s.Summary(), Edges: len(net.Edges), Trips: len(dem.Trips), WallS: wall}
	if wall > 0 {
		sum.UpdPerS = float64(sum.VehicleSteps) / wall
	}
	return printTrafficSummary(stdout, sum, f.asJSON)
}

// runWithProgress steps the simulation to its end, with a progress bar on
// a terminal; Ctrl-C stops early and keeps the results so far.
func runWithProgress(ctx context.Context, g *globalFlags, s *traffic.Sim, begin, end float64, stderr io.Writer) {
	var bar *progressbar.ProgressBar
	if interactive(g) {
		bar = progressbar.NewOptions(int(end-begin), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("simulating"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	for !s.Done() {
		if ctx != nil && ctx.Err() != nil {
			slog.Warn("traffic: interrupted", "t", s.Time())
			break
		}
		s.Step()
		if bar != nil && int(s.Time()-begin)%60 == 0 {
			bar.Set(int(s.Time() - begin))
		}
	}
	if bar != nil {
		bar.Finish()
	}
}

func loadSUMOScenario(f *trafficFlags, rng *rand.Rand) (*traffic.Network, *traffic.Demand, error) {
	sn, err := trafficDecodeFile(f.net, func(r io.Reader, name string) (*sumo.Net, error) { return sumo.DecodeNet(r, name) })
	if err != nil {
		return nil, nil, err
	}
	all := &sumo.Demand{}
	var tls []sumo.TLLogic
	for _, p := range append(append([]string(nil), f.additional...), f.routes...) {
		d, err := trafficDecodeFile(p, func(r io.Reader, name string) (*sumo.Demand, error) { return sumo.DecodeDemand(r, name) })
		if err != nil {
			return nil, nil, err
		}
		tls = append(tls, d.TLLogics...)
		all.Merge(d)
	}
	net, err := traffic.FromSUMO(sn, tls)
	if err != nil {
		return nil, nil, fmt.Errorf("traffic: %w", err)
	}
	dem, err := traffic.DemandFromSUMO(net, all, traffic.DemandOptions{End: f.end}, rng)
	if err != nil {
		return nil, nil, fmt.Errorf("traffic: %w", err)
	}
	slog.Info("traffic: SUMO scenario", "edges", len(net.Edges), "signals", len(net.Signals), "trips", len(dem.Trips))
	return net, dem, nil
}

func trafficDecodeFile[T any](path string, dec func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	fh, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer fh.Close()
	v, err := dec(bufio.NewReaderSize(fh, 1<<16), filepath.Base(path))
	if err != nil {
		return zero, err
	}
	return v, nil
}

func loadOSMScenario(ctx context.Context, g *globalFlags, f *trafficFlags, rng *rand.Rand, stderr io.Writer) (*traffic.Network, *traffic.Demand, error) {
	w, _, err := openWorld(ctx, g, f.data, stderr)
	if err != nil {
		return nil, nil, err
	}
	net, err := osmNetwork(w.Snapshot())
	if err != nil {
		return nil, nil, err
	}
	var dem *traffic.Demand
	if f.od != "" {
		rows, err := trafficDecodeFile(f.od, func(r io.Reader, _ string) ([]traffic.ODEntry, error) { return traffic.DecodeOD(r) })
		if err != nil {
			return nil, nil, fmt.Errorf("traffic: %s: %w", f.od, err)
		}
		dem, err = traffic.DemandFromOD(net, rows, rng)
		if err != nil {
			return nil, nil, fmt.Errorf("traffic: %w", err)
		}
	} else {
		rate := f.rate
		if rate == 0 {
			rate = 1000
		}
		dem, err = traffic.RandomDemand(net, traffic.RandomOptions{Rate: rate, Begin: f.begin, End: f.end}, rng)
		if err != nil {
			return nil, nil, fmt.Errorf("traffic: %w", err)
		}
	}
	slog.Info("traffic: OSM network", "edges", len(net.Edges), "signals", len(net.Signals), "trips", len(dem.Trips))
	return net, dem, nil
}

// osmNetwork builds the traffic network from the World's road graph.
func osmNetwork(s *engine.Snapshot) (*traffic.Network, error) {
	var links []*geo.RoadLink
	var nodes []*geo.RoadNode
	s.Layer(geo.LayerLinks).Ascend("", func(ft geo.Feature) bool {
		if l, ok := ft.(*geo.RoadLink); ok {
			links = append(links, l)
		}
		return true
	})
	s.Layer(geo.LayerRoadNodes).Ascend("", func(ft geo.Feature) bool {
		if n, ok := ft.(*geo.RoadNode); ok {
			nodes = append(nodes, n)
		}
		return true
	})
	if len(links) == 0 {
		return nil, errors.New("traffic: the data has no drivable road links")
	}
	net, err := traffic.FromOSM(links, nodes, traffic.OSMOptions{})
	if err != nil {
		return nil, fmt.Errorf("traffic: %w", err)
	}
	return net, nil
}

func writeTrafficOutputs(f *trafficFlags, s *traffic.Sim) error {
	if f.tripinfo != "" {
		if err := trafficWriteFile(f.tripinfo, func(w io.Writer) error { return sumo.EncodeTripInfos(w, s.TripInfos()) }); err != nil {
			return err
		}
	}
	if f.edgeStats != "" {
		return trafficWriteFile(f.edgeStats, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", " ")
			return enc.Encode(s.EdgeIntervals())
		})
	}
	return nil
}

func trafficWriteFile(path string, fn func(io.Writer) error) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(fh)
	if err := fn(bw); err != nil {
		fh.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

func printTrafficSummary(w io.Writer, s trafficSummary, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	_, err := fmt.Fprintf(w, "vehicles: %d inserted, %d arrived, %d running, %d waiting to depart\n"+
		"mean travel time %.1f s, waiting %.1f s, stops %.2f, time loss %.1f s\n"+
		"%d vehicle updates in %.2f s (%.0f /s)\n",
		s.Inserted, s.Arrived, s.Running, s.Waiting, s.MeanTravelTime, s.MeanWaitingTime, s.MeanStops,
		s.MeanTimeLoss, s.VehicleSteps, s.WallS, s.UpdPerS)
	return err
}

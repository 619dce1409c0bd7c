package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/sim/dispatch"
)

// dispatchFlags are the flags of twin dispatch.
type dispatchFlags struct {
	graph      graphFlags
	incidents  string
	rate       float64
	durationS  float64
	seed       uint64
	policy     string
	stations   string
	perStation int
	defaults   string
	start      string
	turnoutS   float64
	targetS    float64
	busyQ      float64
	closures   []string
	mapType    string
	out        string
	asJSON     bool
}

func newDispatchCmd(g *globalFlags) *cobra.Command {
	var f dispatchFlags
	cmd := &cobra.Command{
		Use:   "dispatch (--incidents FILE | --rate N) --duration S",
		Short: "Simulate emergency dispatch: calls, units, policies, response times and coverage",
		Long: `dispatch runs the event-driven dispatch simulation on the road graph of the
data (default: the sample city) and prints a summary: response times (p50,
p90, mean, share within the target), per incident type, unit utilisation,
and coverage (share of building floor area within 8, 10 and 15 minutes of
an available unit of each type) at the start and on average.

Calls come from --incidents (CSV id,time_s,type,lon,lat[,on_scene_s] or a
JSON array of such objects) or are generated at --rate calls per hour:
Poisson in time with a time-of-day profile, placed by building floor area,
10 % fire, 70 % medical, 20 % traffic.

Stations come from --stations (CSV id,type,lon,lat[,units]) or else from
buildings and lone OSM nodes (a node within 50 m of a building station of
its type being the same station) tagged amenity=fire_station (engines), amenity=hospital or
emergency=ambulance_station (ambulances) and amenity=police (police);
a unit type with no tagged station gets --default-stations of its own,
placed by a k-median of floor area (seeded).

--close WAY@FROM[-TO] closes an OSM way (its number, e.g. 95449778, a bridge
in the sample city) from
FROM to TO seconds into the run; units on the road are rerouted.

--out DIR writes response_times.png, coverage.png, utilisation.png,
coverage_map.png (every building coloured by the travel time from the
nearest --map-type station at the start, closures due at 0 s applied),
result.json (every call and unit) and incidents.csv.`,
		Example: `  twin dispatch --rate 4 --duration 86400 --seed 1 --json
  twin dispatch --rate 4 --duration 86400 --close 95449778@0-3600 --out run0
  twin dispatch --data monaco.osm.pbf --incidents calls.csv --duration 3600 --policy mexclp --out run1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := runDispatch(cmd, g, f); err != nil {
				return fmt.Errorf("dispatch: %w", err)
			}
			return nil
		},
	}
	addGraphFlags(cmd, &f.graph)
	fl := cmd.Flags()
	fl.StringVar(&f.incidents, "incidents", "", "calls file (CSV or JSON); - for stdin")
	fl.Float64Var(&f.rate, "rate", 0, "generate calls at this mean rate per hour")
	fl.Float64Var(&f.durationS, "duration", 0, "simulated time in seconds")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the call generator and the default station siting")
	fl.StringVar(&f.policy, "policy", "nearest", "nearest (shortest ETA) or mexclp (least expected coverage lost)")
	fl.StringVar(&f.stations, "stations", "", "stations file (CSV id,type,lon,lat[,units] or JSON)")
	fl.IntVar(&f.perStation, "units-per-station", 1, "units at each station found in the data or placed by default")
	fl.StringVar(&f.defaults, "default-stations", "engine=2,ambulance=2,police=2", "stations placed per unit type that the data lack")
	fl.StringVar(&f.start, "start", "2024-01-01T08:00:00Z", "wall-clock start (RFC 3339); its time of day drives the call profile")
	fl.Float64Var(&f.turnoutS, "turnout", 60, "seconds from dispatch until a unit at rest moves")
	fl.Float64Var(&f.targetS, "target", 480, "response-time target in seconds")
	fl.Float64Var(&f.busyQ, "busy-q", 0, "MEXCLP's busy probability q (0: each unit type's utilisation estimated from the calls)")
	fl.StringArrayVar(&f.closures, "close", nil, "WAY@FROM[-TO]: close an OSM way during the run (repeatable)")
	fl.StringVar(&f.out, "out", "", "directory for plots and the full result")
	fl.StringVar(&f.mapType, "map-type", "ambulance", "unit type whose coverage map --out draws")
	fl.BoolVar(&f.asJSON, "json", false, "print the summary as JSON")
	return cmd
}

// dispatchSummary is what twin dispatch prints.
type dispatchSummary struct {
	dispatch.Summary
	Seed         uint64 `json:"seed"`
	Stations     int    `json:"stations"`
	Units        int    `json:"units"`
	DemandPoints int    `json:"demand_points"`
}

func runDispatch(cmd *cobra.Command, g *globalFlags, f dispatchFlags) error {
	run, err := setupDispatch(cmd, g, f)
	if err != nil {
		return err
	}
	if f.out != "" {
		if err := writeCoverageMap(f, run.graph, run.cov, run.stations, run.opt.Changes); err != nil {
			return err
		}
	}
	slog.Info("dispatch", "demand_points", run.cov.Demand().Len(), "buildings_dropped", run.cov.Demand().Dropped,
		"stations", len(run.stations), "units", len(run.units), "incidents", len(run.incidents))
	res, err := runDispatchSim(cmd, g, run)
	if err != nil {
		return err
	}
	sum := dispatchSummary{Summary: dispatch.Summarize(res), Seed: f.seed, Stations: len(run.stations),
		Units: len(run.units), DemandPoints: run.cov.Demand().Len()}
	if f.out != "" {
		if err := writeDispatchOut(f.out, run.snap, res, run.incidents); err != nil {
			return err
		}
	}
	if f.asJSON {
		enc := json.NewEncoder(cmd.OutOrStdout())
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	return printDispatch(cmd.OutOrStdout(), sum)
}

// dispatchRun is everything a dispatch simulation starts from.
type dispatchRun struct {
	snap      *engine.Snapshot
	graph     *dispatch.Graph
	cov       *dispatch.Coverage
	stations  []dispatch.Station
	units     []dispatch.Unit
	incidents []dispatch.Incident
	opt       dispatch.SimOptions
}

// setupDispatch checks the flags, loads the data and builds the graph,
// the demand, the fleet, the calls and the options.
func setupDispatch(cmd *cobra.Command, g *globalFlags, f dispatchFlags) (*dispatchRun, error) {
	if (f.incidents == "") == (f.rate == 0) {
		return nil, errors.New("give either --incidents FILE or --rate N")
	}
	if !(f.durationS > 0) {
		return nil, errors.New("--duration must be a positive number of seconds")
	}
	pol, err := dispatch.ParsePolicy(f.policy)
	if err != nil {
		return nil, err
	}
	start, err := time.Parse(time.RFC3339, f.start)
	if err != nil {
		return nil, fmt.Errorf("--start: %w", err)
	}
	closures, err := parseClosures(f.closures)
	if err != nil {
		return nil, err
	}
	r := &dispatchRun{}
	if r.snap, r.graph, err = openRoadGraph(cmd.Context(), g, f.graph, cmd.ErrOrStderr()); err != nil {
		return nil, err
	}
	demand, err := dispatch.NewDemand(r.graph, layerBuildings(r.snap), dispatch.DemandOptions{})
	if err != nil {
		return nil, err
	}
	r.cov = dispatch.NewCoverage(r.graph, demand)
	rng := rand.New(rand.NewPCG(f.seed, 0x6469737061746368))
	if r.stations, r.units, err = dispatchFleet(f, r.snap, r.cov, rng); err != nil {
		return nil, err
	}
	hour := float64(start.Hour()) + float64(start.Minute())/60 + float64(start.Second())/3600
	if r.incidents, err = dispatchIncidents(f, r.snap, demand, rng, hour); err != nil {
		return nil, err
	}
	changes, err := closureChanges(r.graph, closures)
	if err != nil {
		return nil, err
	}
	r.opt = dispatch.SimOptions{
		Start: start, DurationS: f.durationS, TurnoutS: f.turnoutS, Changes: changes,
		Policy: dispatch.PolicyOptions{Kind: pol, TargetS: f.targetS, BusyQ: f.busyQ},
	}
	return r, nil
}

// runDispatchSim runs the simulation hour by hour, with a progress bar when
// interactive.
func runDispatchSim(cmd *cobra.Command, g *globalFlags, r *dispatchRun) (*dispatch.Result, error) {
	opt := r.opt
	s, err := dispatch.NewSim(r.graph, r.cov, r.stations, r.units, opt)
	if err != nil {
		return nil, err
	}
	for _, x := range r.incidents {
		if err := s.AddIncident(x); err != nil {
			return nil, err
		}
	}
	var bar *progressbar.ProgressBar
	if interactive(g) {
		bar = progressbar.NewOptions(int(opt.DurationS/3600)+1, progressbar.OptionSetWriter(cmd.ErrOrStderr()),
			progressbar.OptionSetDescription("simulated hours"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	for t := 0.0; t < opt.DurationS; {
		t = min(t+3600, opt.DurationS)
		if err := s.AdvanceTo(t); err != nil {
			return nil, err
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	return s.Result(), nil
}

// layerBuildings returns the World's buildings in ID order.
func layerBuildings(s *engine.Snapshot) []*geo.Building {
	var bs []*geo.Building
	if l := s.Layer(geo.LayerBuildings); l != nil {
		l.Ascend("", func(ft geo.Feature) bool {
			if b, ok := ft.(*geo.Building); ok {
				bs = append(bs, b)
			}
			return true
		})
	}
	return bs
}

// osmStations returns the stations the World's OSM data tag: those of
// the buildings (in ID order) followed by those of the points of interest
// (geo.LayerPOIs, lone nodes, in ID order) that no building station of
// their type already gives (dispatch.StationsFromOSM).
func osmStations(s *engine.Snapshot) []dispatch.Station {
	var pois []geo.Feature
	if l := s.Layer(geo.LayerPOIs); l != nil {
		l.Ascend("", func(f geo.Feature) bool {
			pois = append(pois, f)
			return true
		})
	}
	return dispatch.StationsFromOSM(layerBuildings(s), pois)
}

// dispatchFleet returns the stations and units: from --stations, or the
// tagged buildings and nodes (osmStations) plus k-median defaults for
// missing types.
func dispatchFleet(f dispatchFlags, s *engine.Snapshot, cov *dispatch.Coverage, rng *rand.Rand) ([]dispatch.Station, []dispatch.Unit, error) {
	if f.perStation < 1 {
		return nil, nil, errors.New("--units-per-station must be at least 1")
	}
	if f.stations != "" {
		specs, err := readWith(f.stations, dispatch.ReadStations)
		if err != nil {
			return nil, nil, err
		}
		for i := range specs {
			if specs[i].Point, err = s.FromLonLat(specs[i].Point[0], specs[i].Point[1]); err != nil {
				return nil, nil, err
			}
		}
		st, us := dispatch.Fleet(specs)
		return st, us, nil
	}
	st := osmStations(s)
	have := map[dispatch.UnitType]bool{}
	for _, x := range st {
		have[x.Type] = true
	}
	want, err := parseCounts(f.defaults)
	if err != nil {
		return nil, nil, err
	}
	for _, typ := range sortedKeys(want) {
		if have[typ] || want[typ] == 0 {
			continue
		}
		def, err := dispatch.MedianStations(rng, cov, typ, want[typ])
		if err != nil {
			return nil, nil, err
		}
		st = append(st, def...)
	}
	return st, dispatch.FleetAtStations(st, f.perStation), nil
}

// dispatchIncidents reads or generates the calls.
func dispatchIncidents(f dispatchFlags, s *engine.Snapshot, d *dispatch.Demand, rng *rand.Rand, hour float64) ([]dispatch.Incident, error) {
	if f.incidents == "" {
		return dispatch.GenerateIncidents(rng, d, f.durationS, dispatch.GeneratorOptions{RatePerHour: f.rate, StartHour: hour})
	}
	in, err := readWith(f.incidents, dispatch.ReadIncidents)
	if err != nil {
		return nil, err
	}
	for i := range in {
		if in[i].Point, err = s.FromLonLat(in[i].Point[0], in[i].Point[1]); err != nil {
			return nil, fmt.Errorf("incident %s: %w", in[i].ID, err)
		}
	}
	return in, nil
}

// readWith opens path (- for stdin) and decodes it with read.
func readWith[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	if path == "-" {
		return read(os.Stdin, "stdin")
	}
	fh, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer fh.Close()
	return read(fh, path)
}

// parseCounts reads "engine=2,ambulance=3".
func parseCounts(s string) (map[dispatch.UnitType]int, error) {
	out := map[dispatch.UnitType]int{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil || n < 0 || n > 100 {
			return nil, fmt.Errorf("--default-stations: %q is not TYPE=N (0 … 100)", part)
		}
		out[dispatch.UnitType(strings.TrimSpace(k))] = n
	}
	return out, nil
}

func sortedKeys(m map[dispatch.UnitType]int) []dispatch.UnitType {
	ks := make([]dispatch.UnitType, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// closure is a parsed --close flag.
type closure struct {
	way      int64
	from, to float64 // to < 0: never reopened
}

func parseClosures(flags []string) ([]closure, error) {
	var out []closure
	for _, s := range flags {
		w, span, ok := strings.Cut(strings.TrimPrefix(s, "w"), "@")
		way, err := strconv.ParseInt(w, 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("--close %q: want WAY@FROM[-TO]", s)
		}
		c := closure{way: way, to: -1}
		a, b, two := strings.Cut(span, "-")
		if c.from, err = strconv.ParseFloat(a, 64); err != nil || !(c.from >= 0) {
			return nil, fmt.Errorf("--close %q: bad start time", s)
		}
		if two {
			if c.to, err = strconv.ParseFloat(b, 64); err != nil || !(c.to > c.from) {
				return nil, fmt.Errorf("--close %q: bad end time", s)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// closureChanges turns closures into timed graph changes.
func closureChanges(rg *dispatch.Graph, cs []closure) ([]dispatch.TimedChange, error) {
	var out []dispatch.TimedChange
	for _, c := range cs {
		es := rg.WayEdges(c.way)
		if len(es) == 0 {
			return nil, fmt.Errorf("--close: way %d has no edge in the road graph", c.way)
		}
		mk := func(closed bool) []dispatch.Change {
			ch := make([]dispatch.Change, len(es))
			for i, e := range es {
				ch[i] = dispatch.Change{Edge: int(e), Closed: closed}
			}
			return ch
		}
		out = append(out, dispatch.TimedChange{AtS: c.from, Changes: mk(true)})
		if c.to >= 0 {
			out = append(out, dispatch.TimedChange{AtS: c.to, Changes: mk(false)})
		}
	}
	return out, nil
}

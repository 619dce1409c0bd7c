package main

import (
	"errors"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"twin/sim/flood/urban"
)

// floodFlags are the flags of `twin flood`.
type floodFlags struct {
	lisflood  string // LISFLOOD-FP .par file (LISFLOOD mode)
	data      dataFlags
	rain      string  // rain spec (city mode)
	duration  float64 // s; 0: the model's own (sim_time) in LISFLOOD mode
	cell      float64 // m, city-mode grid cell; 0: the urban model's default
	out       string  // output folder
	json      bool    // summary JSON on stdout
	threshold float64 // m, the depth from which a cell counts as flooded
	every     float64 // s, interval of depth grids and series in city mode
	workers   int
	gauges    string  // LISFLOOD-FP .stage gauge file (city mode)
	start     string  // RFC 3339 clock time of t = 0 (city mode)
	closeAt   float64 // m, depth that closes a road
	bldgAt    float64 // m, depth that affects a building
	velocity  bool    // write flow-speed grids (city mode)
	seaLevel  string  // m, "none", or "" for the default (city mode)
}

// errFloodUsage marks bad flags and inputs of `twin flood`.
var errFloodUsage = errors.New("flood")

func newFloodCmd(g *globalFlags) *cobra.Command {
	var f floodFlags
	cmd := &cobra.Command{
		Use:   "flood (--lisflood FILE.par | [--data FILE...] --rain SPEC --duration S) [--out DIR] [--json]",
		Short: "Flood a LISFLOOD-FP model or the city under a storm; write depths, maps, gauges and a summary",
		Long: `flood runs the 2D local-inertial flood model (LISFLOOD-FP's ACC scheme) in
one of two modes.

--lisflood FILE.par runs a LISFLOOD-FP model as it is (its .par, .bci, .bdy,
.stage and ASCII DEM) and writes, in --out: <resroot>.stage in LISFLOOD-FP's
stage format, the maximum-depth grid <resroot>.max (ASCII grid, as LISFLOOD-FP
names it) and <resroot>.max.tif (GeoTIFF), <resroot>.mxe (highest water level)
and <resroot>.maxtm (time of the maximum depth, hours), depth snapshots
<resroot>-NNNN.wd every saveint seconds (NNNN = 0 at the start), PNG maps of the maximum depth and
the flood extent, a plot of the gauges, the mass balance (Markdown and JSON)
and summary.json. --duration replaces the .par's sim_time.

Without --lisflood it floods the city (--data files, default the embedded
sample city) under the --rain storm for --duration seconds through the coupled
street and sewer model (the first SWMM .inp among the files is the sewer), on a
grid of --cell metres over the sewer's extent, and writes in --out:
max-depth.asc/.tif, max-depth-time.asc/.tif (s), depth-NNNNNNs.asc/.tif every
--every seconds (and speed-NNNNNNs.tif with --velocity), PNG maps,
gauges.stage (LISFLOOD-FP format; --gauges, default the outfalls) and its plot,
outfalls.csv and outfalls.png (hydrographs), mass-balance.md/.json,
flooded_roads.ndjson (closure deltas on the roads layer, the engine's ingest
format, for roads with a link under --close-depth of water),
affected_buildings.csv and summary.json.

Rain forms: uniform:50mm/h[,T=1h]; chinese:A1=..,C=..,b=..,n=..,P=years[,r=0.4][,T=2h]
(the GB 50014 storm-intensity formula as a Chicago hyetograph peaking at r of
its duration T, default the run's, at most 3 h); swmm-gauges (the .inp's rain
gauges); FILE.csv (rows time_s,mm_per_h, each reading lasting to the next).

The sea: cells whose ground lies at or below --sea-level are sea. They take
the water that runs into them and never count as flooded: they are no data in
the grids, left out of the maps, the flooded area, the closures and the
buildings. By default the sea level is 0 m when the DEM has any cell at or
below 0 m (SRTM and most DEMs give the sea 0 m), and there is no sea otherwise;
give --sea-level none for an inland city whose ground lies below 0 m.

Ctrl-C stops the run and writes what it has so far.`,
		Example: `  twin flood --lisflood ea4/ea4.par --out ea4-out
  twin flood --rain uniform:50mm/h --duration 3600 --out storm
  twin flood --rain chinese:A1=12,C=0.8,b=10,n=0.7,P=100,r=0.4 --duration 7200 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.validate(); err != nil {
				return err
			}
			if f.lisflood != "" {
				return runLisflood(cmd, g, f)
			}
			return runCityFlood(cmd, g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.lisflood, "lisflood", "", "LISFLOOD-FP parameter file (.par) to run as it is")
	fl.StringArrayVar(&f.data.files, "data", nil, "city files: OSM, CityJSON, SWMM .inp, DEM (default: the sample city)")
	addCRSFlags(cmd, &f.data)
	fl.StringVar(&f.rain, "rain", "", "storm: uniform:50mm/h, chinese:A1=..,C=..,b=..,n=..,P=100,r=0.4[,T=120m], swmm-gauges, or a CSV file of time_s,mm_per_h")
	fl.Float64Var(&f.duration, "duration", 0, "simulated time, s (LISFLOOD mode: default the .par's sim_time)")
	fl.Float64Var(&f.cell, "cell", 0, "grid cell size of the city model, m (default: the model's)")
	fl.StringVar(&f.out, "out", "flood-out", "folder for the outputs (created)")
	fl.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout")
	fl.Float64Var(&f.threshold, "threshold", 0.1, "depth from which a cell counts as flooded (area, extent map), m")
	fl.Float64Var(&f.every, "every", 0, "interval of depth grids and series in city mode, s (default: duration/6, at most 600)")
	fl.IntVar(&f.workers, "workers", 0, "solver threads (default: all cores)")
	fl.StringVar(&f.gauges, "gauges", "", "gauge points for the .stage output, a LISFLOOD-FP .stage input file in the World's CRS (default: the sewer's outfalls)")
	fl.StringVar(&f.start, "start", "", "clock time of t = 0, RFC 3339, for the closure deltas (default: the SWMM model's start, else 2000-01-01T00:00:00Z)")
	fl.Float64Var(&f.closeAt, "close-depth", urban.DefaultClosureDepth, "water depth on a road that closes it, m (Pregnolato et al. 2017)")
	fl.BoolVar(&f.velocity, "velocity", false, "also write the flow speed at every output time, speed-NNNNNNs.tif (m/s)")
	fl.Float64Var(&f.bldgAt, "building-depth", urban.DefaultBuildingDepth, "water depth next to a building that affects it, m")
	fl.StringVar(&f.seaLevel, "sea-level", "", "sea level, m, or none: cells at or below it are sea, never flooded land (default: 0 when the DEM has a cell at or below 0 m, else none)")
	return cmd
}

// validate checks the flags that need no file, naming the flag at fault.
func (f *floodFlags) validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{errFloodUsage}, a...)...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !finite(f.duration) || f.duration < 0:
		return bad("--duration %g: must be a number of seconds > 0", f.duration)
	case !finite(f.cell) || f.cell < 0:
		return bad("--cell %g: must be a size in metres > 0", f.cell)
	case !finite(f.threshold) || f.threshold <= 0:
		return bad("--threshold %g: must be a depth in metres > 0", f.threshold)
	case !finite(f.every) || f.every < 0:
		return bad("--every %g: must be a number of seconds > 0", f.every)
	case !finite(f.closeAt) || f.closeAt <= 0:
		return bad("--close-depth %g: must be a depth in metres > 0", f.closeAt)
	case !finite(f.bldgAt) || f.bldgAt <= 0:
		return bad("--building-depth %g: must be a depth in metres > 0", f.bldgAt)
	case f.workers < 0:
		return bad("--workers %d: must be ≥ 0", f.workers)
	case f.out == "":
		return bad("--out: empty folder name")
	}
	if f.lisflood != "" {
		if f.rain != "" || len(f.data.files) > 0 || f.cell != 0 || f.gauges != "" || f.start != "" || f.velocity || f.seaLevel != "" {
			return bad("--lisflood runs the model as it is: drop --rain, --data, --cell, --gauges, --start, --velocity and --sea-level")
		}
		return nil
	}
	if f.rain == "" {
		return bad("--rain: give a storm (or --lisflood FILE.par to run a LISFLOOD-FP model)")
	}
	if f.duration == 0 {
		return bad("--duration: give the simulated time in seconds")
	}
	if f.start != "" {
		if _, err := parseStart(f.start); err != nil {
			return err
		}
	}
	_, _, err := parseSeaLevel(f.seaLevel)
	return err
}

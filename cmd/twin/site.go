package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/sim/dispatch"
)

// siteFlags are the flags of twin site.
type siteFlags struct {
	graph         graphFlags
	candidates    string
	autoN         int
	existing      string
	existingOSM   bool
	open          int
	targetS       float64
	typ           string
	seed          uint64
	maxSnapM      float64
	exhaustiveMax int
	lpMaxCells    int
	asJSON        bool
	png           string
	out           string
}

// newSiteCmd is `twin site`: the station siting what-if (maximal covering
// location over candidate sites).
func newSiteCmd(g *globalFlags) *cobra.Command {
	var f siteFlags
	cmd := &cobra.Command{
		Use:   "site --open K [--candidates FILE | --candidates-auto N] [--existing FILE | --existing-from-osm]",
		Short: "Where to put the next stations: maximal covering location over candidate sites",
		Long: `site answers "where should the next stations go?": it opens --open K of the
candidate sites so that the building floor area within --target seconds of
driving from an open station (new or existing) is as large as can be: the
maximal covering location problem (Church and ReVelle 1974) on the
emergency-vehicle road graph of the data (default: the sample city).

Demand is every building's floor area (footprint × storeys) at its
centroid, on the nearest road of the city's main connected network.

Candidates come from --candidates (CSV id,lon,lat, an optional header
line, # comments) or --candidates-auto N: N distinct buildings drawn with
probability proportional to their floor area (seeded by --seed), each
standing for the road position its demand point snaps to.

Existing stations are open whatever and count as covering: from
--existing (the stations file of twin dispatch: CSV id,type,lon,lat[,units]
or JSON; rows of other types are ignored) or --existing-from-osm (the
buildings and lone nodes tagged as stations of --type, as twin dispatch finds them).
Without either, the city starts with no station of the type.

The answer is greedy with swap local search and restarts. The optimum of
the linear relaxation bounds what any choice can cover; the gap between the
two says how far from optimal the answer can be at most. The relaxation is
solved with a dense simplex when its tableau has at most --lp-max-cells
cells; larger problems (many candidates, a short standard) are bounded by
its Lagrangian dual instead (subgradient steps, milliseconds). When there are at
most --exhaustive-max choices, every choice is tried and the answer is
confirmed or bettered.

--png writes a map of the demand coloured by travel time from the nearest
station before and after, side by side; --out DIR writes site.json,
sites.csv and map.png.`,
		Example: `  twin site --open 1 --json
  twin site --open 2 --candidates-auto 60 --existing-from-osm --type engine --png site.png
  twin site --data city.osm.pbf --candidates sites.csv --existing stations.csv --open 3 --target 300`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := runSite(cmd, g, f); err != nil {
				return fmt.Errorf("site: %w", err)
			}
			return nil
		},
	}
	addGraphFlags(cmd, &f.graph)
	fl := cmd.Flags()
	fl.StringVar(&f.candidates, "candidates", "", "candidate sites: CSV id,lon,lat")
	fl.IntVar(&f.autoN, "candidates-auto", 0, "draw N candidate sites from the buildings, by floor area (default 40 without --candidates)")
	fl.StringVar(&f.existing, "existing", "", "existing stations: CSV id,type,lon,lat[,units] or JSON")
	fl.BoolVar(&f.existingOSM, "existing-from-osm", false, "existing stations from the data's tagged station buildings")
	fl.IntVar(&f.open, "open", 0, "how many new sites to open (≥ 1)")
	fl.Float64Var(&f.targetS, "target", 480, "service standard: travel time in seconds within which a site covers demand")
	fl.StringVar(&f.typ, "type", "engine", "station type: engine, ambulance or police")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of --candidates-auto")
	fl.Float64Var(&f.maxSnapM, "max-snap", 250, "how far a candidate or station may lie from a road, metres")
	fl.IntVar(&f.exhaustiveMax, "exhaustive-max", 20000, "confirm by trying every choice when there are at most this many (0: never)")
	fl.IntVar(&f.lpMaxCells, "lp-max-cells", 60000, "solve the LP relaxation by the simplex only when its dense tableau has at most this many cells (beyond, the Lagrangian bound)")
	fl.BoolVar(&f.asJSON, "json", false, "print the result as one JSON object")
	fl.StringVar(&f.png, "png", "", "write the before/after coverage map to this PNG file")
	fl.StringVar(&f.out, "out", "", "directory for site.json, sites.csv and map.png")
	return cmd
}

// defaultAutoCandidates is --candidates-auto when no candidates are given.
const defaultAutoCandidates = 40

// validate checks the flags that need no data.
func (f *siteFlags) validate() error {
	switch dispatch.UnitType(f.typ) {
	case dispatch.UnitEngine, dispatch.UnitAmbulance, dispatch.UnitPolice:
	default:
		return fmt.Errorf("--type %q: want engine, ambulance or police", f.typ)
	}
	switch {
	case f.open < 1:
		return fmt.Errorf("--open %d: open at least 1 new site", f.open)
	case f.candidates != "" && f.autoN != 0:
		return errors.New("give --candidates FILE or --candidates-auto N, not both")
	case f.autoN < 0:
		return fmt.Errorf("--candidates-auto %d: want at least 1", f.autoN)
	case f.existing != "" && f.existingOSM:
		return errors.New("give --existing FILE or --existing-from-osm, not both")
	case !(f.targetS > 0) || math.IsInf(f.targetS, 0):
		return fmt.Errorf("--target %v: want a positive number of seconds", f.targetS)
	case !(f.maxSnapM > 0) || math.IsInf(f.maxSnapM, 0):
		return fmt.Errorf("--max-snap %v: want a positive distance in metres", f.maxSnapM)
	case f.lpMaxCells < 1:
		return fmt.Errorf("--lp-max-cells %d: want at least 1", f.lpMaxCells)
	case f.exhaustiveMax < 0:
		return fmt.Errorf("--exhaustive-max %d: want 0 or more", f.exhaustiveMax)
	}
	if f.candidates == "" && f.autoN == 0 {
		f.autoN = defaultAutoCandidates
	}
	return nil
}

// siteCandidate is a candidate site or an existing station, on the road.
type siteCandidate struct {
	ID       string
	Lon, Lat float64
	snap     dispatch.Snap
}

// readCandidates reads candidate sites, CSV id,lon,lat: one site a line,
// an optional header line "id,lon,lat", blank lines and # comments
// skipped. Errors are *geo.ParseError with the line: geo.ErrSyntax for a
// malformed row or a duplicate id, geo.ErrInvalid for coordinates out of
// range. Lon/lat are as read; the caller places them.
func readCandidates(r io.Reader, name string) ([]siteCandidate, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	seen := map[string]bool{}
	var out []siteCandidate
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, geo.LineError(name, pe.Line, geo.ErrSyntax, "%v", pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 3 {
			return nil, geo.LineError(name, line, geo.ErrSyntax, "%d fields, want id,lon,lat", len(rec))
		}
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), "id") {
			continue // header
		}
		c, err := candidateRow(rec, name, line)
		if err != nil {
			return nil, err
		}
		if seen[c.ID] {
			return nil, geo.LineError(name, line, geo.ErrSyntax, "duplicate id %q", c.ID)
		}
		seen[c.ID] = true
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, geo.LineError(name, 1, geo.ErrSyntax, "no candidate sites")
	}
	return out, nil
}

// candidateRow parses one id,lon,lat record.
func candidateRow(rec []string, name string, line int) (siteCandidate, error) {
	c := siteCandidate{ID: strings.TrimSpace(rec[0])}
	if c.ID == "" {
		return c, geo.LineError(name, line, geo.ErrSyntax, "empty id")
	}
	var err error
	if c.Lon, err = strconv.ParseFloat(strings.TrimSpace(rec[1]), 64); err != nil {
		return c, geo.LineError(name, line, geo.ErrSyntax, "lon %q is not a number", rec[1])
	}
	if c.Lat, err = strconv.ParseFloat(strings.TrimSpace(rec[2]), 64); err != nil {
		return c, geo.LineError(name, line, geo.ErrSyntax, "lat %q is not a number", rec[2])
	}
	if !(c.Lon >= -180 && c.Lon <= 180) || !(c.Lat >= -90 && c.Lat <= 90) {
		return c, geo.LineError(name, line, geo.ErrInvalid, "lon %v, lat %v out of range", c.Lon, c.Lat)
	}
	return c, nil
}

// siteSetup is the problem site solves and what it needs to report.
type siteSetup struct {
	snap       *engine.Snapshot
	graph      *dispatch.Graph
	cov        *dispatch.Coverage
	existing   []siteCandidate
	candidates []siteCandidate
	problem    dispatch.SitingProblem
}

// setupSite loads the data, the demand, the existing stations and the
// candidates, and builds the covering problem: existing stations first
// (fixed), then the candidates.
func setupSite(cmd *cobra.Command, g *globalFlags, f siteFlags) (*siteSetup, error) {
	s := &siteSetup{}
	var err error
	var cands []siteCandidate
	if f.candidates != "" {
		if cands, err = readWith(f.candidates, readCandidates); err != nil {
			return nil, err
		}
		if f.open > len(cands) {
			return nil, fmt.Errorf("--open %d: %s has only %d candidate sites", f.open, f.candidates, len(cands))
		}
	}
	if s.snap, s.graph, err = openRoadGraph(cmd.Context(), g, f.graph, cmd.ErrOrStderr()); err != nil {
		return nil, err
	}
	demand, err := dispatch.NewDemand(s.graph, layerBuildings(s.snap), dispatch.DemandOptions{})
	if err != nil {
		return nil, err
	}
	s.cov = dispatch.NewCoverage(s.graph, demand)
	if s.existing, err = siteExisting(f, s); err != nil {
		return nil, err
	}
	if f.candidates != "" {
		s.candidates, err = s.place(cands, f.candidates, f.maxSnapM)
	} else {
		s.candidates, err = s.autoCandidates(f.autoN, f.seed)
	}
	if err != nil {
		return nil, err
	}
	if f.open > len(s.candidates) {
		return nil, fmt.Errorf("--open %d: only %d candidate sites", f.open, len(s.candidates))
	}
	return s, s.buildProblem(f)
}

// place projects the sites and snaps them to the main road network.
func (s *siteSetup) place(cs []siteCandidate, what string, maxSnapM float64) ([]siteCandidate, error) {
	for i := range cs {
		p, err := s.snap.FromLonLat(cs[i].Lon, cs[i].Lat)
		if err != nil {
			return nil, fmt.Errorf("%s: site %s: %w", what, cs[i].ID, err)
		}
		if cs[i].snap, err = s.cov.Demand().Snap(s.graph, p, maxSnapM); err != nil {
			return nil, fmt.Errorf("%s: site %s at %.6f,%.6f: %w (--max-snap %g m)", what, cs[i].ID, cs[i].Lon, cs[i].Lat, err, maxSnapM)
		}
	}
	return cs, nil
}

// autoCandidates draws n distinct demand points with probability ∝ floor
// area (fewer when the city has fewer buildings), named "auto-{k}" after
// the building, sitting at the point's road position.
func (s *siteSetup) autoCandidates(n int, seed uint64) ([]siteCandidate, error) {
	d := s.cov.Demand()
	rng := rand.New(rand.NewPCG(seed, 0x73697465))
	cum := make([]float64, d.Len())
	sum := 0.0
	for i, w := range d.Weights {
		sum += w
		cum[i] = sum
	}
	n = min(n, d.Len())
	seen := map[int]bool{}
	var out []siteCandidate
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		i := sort.SearchFloat64s(cum, rng.Float64()*sum)
		if i >= d.Len() || seen[i] {
			continue
		}
		seen[i] = true
		ll, err := s.snap.ToLonLat(d.Snaps[i].Point)
		if err != nil {
			return nil, err
		}
		out = append(out, siteCandidate{ID: "auto-" + d.IDs[i], Lon: ll[0], Lat: ll[1], snap: d.Snaps[i]})
	}
	return out, nil
}

// siteExisting returns the existing stations of the type, placed.
func siteExisting(f siteFlags, s *siteSetup) ([]siteCandidate, error) {
	typ := dispatch.UnitType(f.typ)
	var out []siteCandidate
	switch {
	case f.existing != "":
		specs, err := readWith(f.existing, dispatch.ReadStations)
		if err != nil {
			return nil, err
		}
		for _, sp := range specs {
			if sp.Type == typ {
				out = append(out, siteCandidate{ID: sp.ID, Lon: sp.Point[0], Lat: sp.Point[1]})
			}
		}
		return s.place(out, f.existing, f.maxSnapM)
	case f.existingOSM:
		for _, st := range osmStations(s.snap) {
			if st.Type != typ {
				continue
			}
			ll, err := s.snap.ToLonLat(st.Point)
			if err != nil {
				return nil, err
			}
			out = append(out, siteCandidate{ID: st.ID, Lon: ll[0], Lat: ll[1]})
		}
		return s.place(out, "OSM station", f.maxSnapM)
	}
	return nil, nil
}

// buildProblem fills the covering problem from the coverage's travel
// times: site j covers demand point i when its time is within the target.
func (s *siteSetup) buildProblem(f siteFlags) error {
	all := append(append([]siteCandidate(nil), s.existing...), s.candidates...)
	p := dispatch.SitingProblem{Weights: s.cov.Demand().Weights, Covers: make([][]int32, len(all)),
		Sites: len(s.existing) + f.open}
	for j := range s.existing {
		p.Fixed = append(p.Fixed, j)
	}
	for j, c := range all {
		ts, err := s.cov.Times(c.snap)
		if err != nil {
			return fmt.Errorf("site %s: %w", c.ID, err)
		}
		for i, t := range ts {
			if t <= f.targetS {
				p.Covers[j] = append(p.Covers[j], int32(i))
			}
		}
	}
	s.problem = p
	return p.Validate()
}

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/sim/dispatch"
)

// routeFlags are the flags of twin route.
type routeFlags struct {
	graph     graphFlags
	from, to  string
	pairs     string
	isochrone string
	snapM     float64
	bufferM   float64
	asJSON    bool
	timing    bool
}

func newRouteCmd(g *globalFlags) *cobra.Command {
	var f routeFlags
	cmd := &cobra.Command{
		Use:   "route (--from LON,LAT --to LON,LAT | --pairs FILE | --from LON,LAT --isochrone MIN,…)",
		Short: "Fastest emergency-vehicle routes, route batches between graph nodes, isochrones",
		Long: `route answers on the road graph of the data (default: the sample city):

  --from LON,LAT --to LON,LAT   the fastest route: cost_s, length_m and the
                                route as a GeoJSON LineString in lon/lat
  --pairs FILE                  one route per line of FILE (source,target:
                                node ids of 'twin graph export'), one JSON
                                object per pair, in order
  --from LON,LAT --isochrone 5,10,15
                                the area reachable within each number of
                                minutes, as GeoJSON MultiPolygons

Points snap to the nearest road within --snap-radius metres. An
unreachable destination is reported as "unreachable": true, not as an
error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := runRoute(cmd, g, f); err != nil {
				return fmt.Errorf("route: %w", err)
			}
			return nil
		},
	}
	addGraphFlags(cmd, &f.graph)
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "start as lon,lat (WGS84 degrees)")
	fl.StringVar(&f.to, "to", "", "destination as lon,lat (WGS84 degrees)")
	fl.StringVar(&f.pairs, "pairs", "", "CSV file of source,target node ids (as in 'twin graph export'); - for stdin")
	fl.StringVar(&f.isochrone, "isochrone", "", "comma-separated travel times in minutes: write the reachable areas")
	fl.Float64Var(&f.snapM, "snap-radius", 250, "how far in metres a point may lie from the nearest road")
	fl.Float64Var(&f.bufferM, "isochrone-buffer", 0, "metres around the reached roads counted as reached (0: the library default, 100)")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON (for --from/--to; --pairs and --isochrone always print JSON)")
	fl.BoolVar(&f.timing, "timing", false, "print the time the queries took to stderr")
	fl.BoolVar(&f.graph.dijkstra, "dijkstra", false, "answer with plain Dijkstra searches instead of the contraction hierarchy")
	return cmd
}

func runRoute(cmd *cobra.Command, g *globalFlags, f routeFlags) error {
	modes := 0
	for _, on := range []bool{f.to != "", f.pairs != "", f.isochrone != ""} {
		if on {
			modes++
		}
	}
	switch {
	case modes != 1:
		return errors.New("give exactly one of --to, --pairs, --isochrone")
	case f.pairs == "" && f.from == "":
		return errors.New("--from LON,LAT is required")
	case f.pairs != "" && f.from != "":
		return errors.New("--pairs takes node ids from its file, not --from")
	case !(f.snapM >= 0):
		return fmt.Errorf("--snap-radius %v: want ≥ 0 metres", f.snapM)
	}
	var isoMin []float64
	if f.isochrone != "" {
		var err error
		if isoMin, err = parseMinutes(f.isochrone); err != nil {
			return err
		}
	}
	var pairs []routePair
	if f.pairs != "" { // read before the graph is built: fail fast on bad files
		var err error
		if pairs, err = readPairsFile(cmd.InOrStdin(), f.pairs); err != nil {
			return err
		}
	}
	s, rg, err := openRoadGraph(cmd.Context(), g, f.graph, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	switch {
	case f.pairs != "":
		err = routePairs(out, cmd.ErrOrStderr(), rg, pairs, f.pairs, f.timing)
	case f.isochrone != "":
		err = routeIsochrone(out, s, rg, f, isoMin)
	default:
		err = routeOne(out, s, rg, f)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// parseLonLat reads "lon,lat" in degrees.
func parseLonLat(flag, v string) (lon, lat float64, err error) {
	a, b, ok := strings.Cut(v, ",")
	if ok {
		lon, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			lat, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
	}
	if !ok || err != nil || math.IsNaN(lon+lat) || math.IsInf(lon+lat, 0) {
		return 0, 0, fmt.Errorf("--%s %q: want lon,lat in degrees", flag, v)
	}
	return lon, lat, nil
}

// snapLonLat places a --from/--to point on the graph.
func snapLonLat(s *engine.Snapshot, rg *dispatch.Graph, flag, v string, maxM float64) (dispatch.Snap, error) {
	lon, lat, err := parseLonLat(flag, v)
	if err != nil {
		return dispatch.Snap{}, err
	}
	p, err := s.FromLonLat(lon, lat)
	if err != nil {
		return dispatch.Snap{}, fmt.Errorf("--%s %s: %w", flag, v, err)
	}
	sn, err := rg.Snap(p, maxM)
	if errors.Is(err, dispatch.ErrTooFar) {
		return dispatch.Snap{}, fmt.Errorf("--%s %s is too far from any road (%w; raise --snap-radius)", flag, v, err)
	}
	if err != nil {
		return dispatch.Snap{}, fmt.Errorf("--%s %s: %w", flag, v, err)
	}
	return sn, nil
}

// routeResult is the JSON answer of twin route --from --to.
type routeResult struct {
	CostS       *float64        `json:"cost_s,omitempty"`
	LengthM     *float64        `json:"length_m,omitempty"`
	Unreachable bool            `json:"unreachable,omitempty"`
	FromSnapM   float64         `json:"from_snap_m"`
	ToSnapM     float64         `json:"to_snap_m"`
	Route       json.RawMessage `json:"route,omitempty"`
}

func routeOne(w io.Writer, s *engine.Snapshot, rg *dispatch.Graph, f routeFlags) error {
	from, err := snapLonLat(s, rg, "from", f.from, f.snapM)
	if err != nil {
		return err
	}
	to, err := snapLonLat(s, rg, "to", f.to, f.snapM)
	if err != nil {
		return err
	}
	res := routeResult{FromSnapM: round3(from.DistM), ToSnapM: round3(to.DistM)}
	p, err := rg.Route(from, to)
	switch {
	case errors.Is(err, dispatch.ErrUnreachable):
		res.Unreachable = true
	case err != nil:
		return err
	default:
		c, l := round3(p.CostS), round3(p.LengthM)
		res.CostS, res.LengthM = &c, &l
		if res.Route, err = lineGeoJSON(s, p.Line); err != nil {
			return err
		}
	}
	if !f.asJSON {
		if res.Unreachable {
			_, err = fmt.Fprintln(w, "unreachable")
			return err
		}
		_, err = fmt.Fprintf(w, "%.3f s, %.1f m, %d edges\n", p.CostS, p.LengthM, len(p.Edges))
		return err
	}
	enc := json.NewEncoder(w)
	return enc.Encode(res)
}

// lineGeoJSON encodes a line of the World's CRS as a GeoJSON LineString in
// lon/lat (7 decimals).
func lineGeoJSON(s *engine.Snapshot, line orb.LineString) (json.RawMessage, error) {
	buf := []byte(`{"type":"LineString","coordinates":[`)
	for i, p := range line {
		ll, err := s.ToLonLat(p)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendLonLat(buf, ll)
	}
	return append(buf, "]}"...), nil
}

func appendLonLat(buf []byte, ll orb.Point) []byte {
	buf = append(buf, '[')
	buf = strconv.AppendFloat(buf, ll[0], 'f', 7, 64)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, ll[1], 'f', 7, 64)
	return append(buf, ']')
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// parseMinutes reads "5,10,15": positive, finite, ascending minutes.
func parseMinutes(v string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(v, ",") {
		m, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || !(m > 0) || math.IsInf(m, 0) || len(out) > 0 && m <= out[len(out)-1] {
			return nil, fmt.Errorf("--isochrone %q: want ascending positive minutes, e.g. 5,10,15", v)
		}
		out = append(out, m)
	}
	return out, nil
}

// openPairs opens the --pairs file, "-" for stdin.
func openPairs(stdin io.Reader, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(stdin), nil
	}
	return os.Open(name)
}

func readPairsFile(stdin io.Reader, name string) ([]routePair, error) {
	r, err := openPairs(stdin, name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readPairs(r, name)
}

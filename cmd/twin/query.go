package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/geo/geojson"
)

type queryFlags struct {
	layer string
	bbox  string
	near  string
	k     int
	under string
	depth string
}

func newQueryCmd(g *globalFlags) *cobra.Command {
	var d dataFlags
	var q queryFlags
	cmd := &cobra.Command{
		Use:   "query --layer L (--bbox … | --near lon,lat [--k N] | --under lon,lat [--depth a,b])",
		Short: "Query a layer and print a GeoJSON FeatureCollection in lon/lat",
		Long: `query loads the data (--data FILE..., default the embedded sample city) and
prints the features of one layer that answer one query, as RFC 7946 GeoJSON:

  --bbox minlon,minlat,maxlon,maxlat   features intersecting the box
  --near lon,lat --k N                 the N nearest features, nearest first
  --under lon,lat [--depth a,b]        pipes and structures under the point
                                       whose depth overlaps a..b metres,
                                       shallowest first (layer default: pipes)`,
		Example: `  twin query --layer buildings --bbox 7.42,43.73,7.43,43.74
  twin query --layer road_nodes --near 7.4246,43.7384 --k 5
  twin query --data city.osm.pbf --data sewer.inp --crs EPSG:32632 --under 7.42,43.73 --depth 0,5`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, _, err := openWorld(cmd.Context(), g, d, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			fs, err := runQuery(w.Snapshot(), q)
			if err != nil {
				return err
			}
			s := w.Snapshot()
			opt := geojson.EncodeOptions{Name: q.layer}
			if s.CRS() != nil {
				opt.Project = func(p orb.Point) orb.Point { ll, _ := s.ToLonLat(p); return ll }
			}
			return geojson.Encode(cmd.OutOrStdout(), fs, opt)
		},
	}
	cmd.Flags().StringArrayVar(&d.files, "data", nil, "data file to load (repeat for several; default: the sample city)")
	addCRSFlags(cmd, &d)
	cmd.Flags().StringVar(&q.layer, "layer", "", "layer to query (buildings, roads, links, road_nodes, pipes, pipe_nodes, …)")
	cmd.Flags().StringVar(&q.bbox, "bbox", "", "minlon,minlat,maxlon,maxlat")
	cmd.Flags().StringVar(&q.near, "near", "", "lon,lat of the point to search from")
	cmd.Flags().IntVar(&q.k, "k", 10, "number of nearest features for --near")
	cmd.Flags().StringVar(&q.under, "under", "", "lon,lat: pipes and structures under this point")
	cmd.Flags().StringVar(&q.depth, "depth", "", "a,b: depth range in metres below ground for --under")
	return cmd
}

var errQueryUsage = errors.New("give exactly one of --bbox, --near or --under")

// runQuery answers q on s; the result's geometries are in the World's CRS.
func runQuery(s *engine.Snapshot, q queryFlags) ([]geo.Feature, error) {
	n := 0
	for _, v := range []string{q.bbox, q.near, q.under} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return nil, errQueryUsage
	}
	if q.layer == "" && q.under == "" {
		return nil, errors.New("--layer is required (one of: " + strings.Join(s.LayerNames(), ", ") + ")")
	}
	if q.layer != "" && s.Layer(q.layer) == nil {
		return nil, fmt.Errorf("%w %q (have: %s)", engine.ErrUnknownLayer, q.layer, strings.Join(s.LayerNames(), ", "))
	}
	switch {
	case q.bbox != "":
		return queryBBox(s, q)
	case q.near != "":
		return queryNear(s, q)
	}
	return queryUnder(s, q)
}

func queryBBox(s *engine.Snapshot, q queryFlags) ([]geo.Feature, error) {
	v, err := floats(q.bbox, 4, "--bbox")
	if err != nil {
		return nil, err
	}
	if v[0] > v[2] || v[1] > v[3] {
		return nil, fmt.Errorf("--bbox: min greater than max in %q", q.bbox)
	}
	// Clip to the World's extent (padded 1 km) first: corners far outside
	// the World CRS's area of use would project to nonsense.
	if mb, ok := s.Bounds(); ok {
		if ll, ok := s.LonLatHull(mb.Pad(1000)); ok {
			if !ll.Intersects(orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}) {
				return nil, nil
			}
			v = []float64{max(v[0], ll.Min[0]), max(v[1], ll.Min[1]), min(v[2], ll.Max[0]), min(v[3], ll.Max[1])}
		}
	}
	corners := [][2]float64{{v[0], v[1]}, {v[2], v[1]}, {v[2], v[3]}, {v[0], v[3]}}
	var ring orb.Ring
	for _, c := range corners {
		p, err := s.FromLonLat(c[0], c[1])
		if err != nil {
			return nil, err
		}
		ring = append(ring, p)
	}
	ring = append(ring, ring[0])
	// A lon/lat box is a slightly curved quadrilateral in metres: search its
	// bound, keep what intersects the quadrilateral.
	poly := orb.Polygon{ring}
	var out []geo.Feature
	s.Layer(q.layer).Intersecting(poly, func(f geo.Feature) bool { out = append(out, f); return true })
	return out, nil
}

func queryNear(s *engine.Snapshot, q queryFlags) ([]geo.Feature, error) {
	v, err := floats(q.near, 2, "--near")
	if err != nil {
		return nil, err
	}
	if q.k <= 0 {
		return nil, fmt.Errorf("--k must be positive, got %d", q.k)
	}
	p, err := s.FromLonLat(v[0], v[1])
	if err != nil {
		return nil, err
	}
	var out []geo.Feature
	s.Layer(q.layer).Nearest(p, q.k, nil, func(f geo.Feature, d float64) bool {
		out = append(out, withProps(f, map[string]any{"distance_m": d}))
		return true
	})
	return out, nil
}

func queryUnder(s *engine.Snapshot, q queryFlags) ([]geo.Feature, error) {
	v, err := floats(q.under, 2, "--under")
	if err != nil {
		return nil, err
	}
	p, err := s.FromLonLat(v[0], v[1])
	if err != nil {
		return nil, err
	}
	uq := engine.UnderQuery{}
	if q.layer != "" {
		uq.Layers = []string{q.layer}
	}
	if q.depth != "" {
		d, err := floats(q.depth, 2, "--depth")
		if err != nil {
			return nil, err
		}
		if d[0] < 0 || d[1] < d[0] {
			return nil, fmt.Errorf("--depth: want 0 ≤ a ≤ b, got %q", q.depth)
		}
		uq.DepthMin, uq.DepthMax = d[0], d[1]
	}
	var out []geo.Feature
	for _, h := range s.Under(p, uq) {
		out = append(out, withProps(h.Feature, map[string]any{
			"layer": h.Layer, "distance_m": h.Distance, "depth_top_m": h.Top, "depth_bottom_m": h.Bottom, "ground_m": h.Ground,
		}))
	}
	return out, nil
}

// withProps returns a copy of f as a Generic feature with extra properties.
func withProps(f geo.Feature, extra map[string]any) geo.Feature {
	props := f.Properties()
	for k, v := range extra {
		if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
			continue // unknown: JSON has no NaN
		}
		props[k] = v
	}
	lo, _ := f.ZRange()
	return &geo.Generic{ID: f.FeatureID(), Geom: f.Geometry(), Z: lo, Props: props}
}

// floats parses n comma-separated finite numbers.
func floats(s string, n int, flag string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%s: want %d comma-separated numbers, got %q", flag, n, s)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v != v || v > 1e300 || v < -1e300 {
			return nil, fmt.Errorf("%s: %q is not a finite number", flag, p)
		}
		out[i] = v
	}
	return out, nil
}

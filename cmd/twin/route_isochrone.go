package main

import (
	"encoding/json"
	"io"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"twin/engine"
	"twin/sim/dispatch"
)

// routeIsochrone writes the areas reachable from --from within each
// number of minutes as a GeoJSON FeatureCollection: one Feature per band
// (properties minutes and seconds), a MultiPolygon in lon/lat with 7
// decimals, smallest band first.
func routeIsochrone(w io.Writer, s *engine.Snapshot, rg *dispatch.Graph, f routeFlags, minutes []float64) error {
	from, err := snapLonLat(s, rg, "from", f.from, f.snapM)
	if err != nil {
		return err
	}
	limits := make([]float64, len(minutes))
	for i, m := range minutes {
		limits[i] = m * 60
	}
	areas, err := rg.Isochrones(from, limits, dispatch.IsochroneOptions{BufferM: f.bufferM})
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for i, mp := range areas {
		ll, err := multiPolygonLonLat(s, mp)
		if err != nil {
			return err
		}
		ft := geojson.NewFeature(ll)
		ft.Properties["minutes"] = minutes[i]
		ft.Properties["seconds"] = limits[i]
		fc.Append(ft)
	}
	return json.NewEncoder(w).Encode(fc)
}

// multiPolygonLonLat converts a MultiPolygon of the World's CRS to lon/lat
// rounded to 7 decimals (about 1 cm).
func multiPolygonLonLat(s *engine.Snapshot, mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, p := range ring {
				ll, err := s.ToLonLat(p)
				if err != nil {
					return nil, err
				}
				r[k] = orb.Point{math.Round(ll[0]*1e7) / 1e7, math.Round(ll[1]*1e7) / 1e7}
			}
			out[i][j] = r
		}
	}
	return out, nil
}

package api

import (
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"twin/engine"
	"twin/geo"
	"twin/geo/proj"
)

// annotated returns f as a Generic feature with extra properties (distances,
// depths), leaving out non-finite values, which JSON cannot carry.
func annotated(f geo.Feature, extra map[string]any) geo.Feature {
	props := f.Properties()
	for k, v := range extra {
		if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
			continue
		}
		props[k] = v
	}
	lo, _ := f.ZRange()
	return &geo.Generic{ID: f.FeatureID(), Geom: f.Geometry(), Z: lo, Props: props}
}

// resultSet answers a query with an unpaged FeatureCollection.
func (s *Server) resultSet(rq *request, collection string, fs []geo.Feature) (response, error) {
	return s.resultPrefix(rq, collection, fs, len(fs))
}

// resultPrefix answers a query whose answer was cut to its first len(fs) of
// matched features: numberMatched says matched, numberReturned len(fs).
func (s *Server) resultPrefix(rq *request, collection string, fs []geo.Feature, matched int) (response, error) {
	c, err := parseCRS(rq.snap, "crs", rq.URL.Query().Get("crs"), crsCRS84)
	if err != nil {
		return nil, err
	}
	self := s.base(rq.Request) + rq.URL.RequestURI()
	return featurePage{s: s, collection: collection, features: fs, crs: c, foreign: map[string]any{
		"numberMatched": matched, "numberReturned": len(fs),
		"timeStamp": time.Now().UTC().Format(time.RFC3339),
		"links":     []link{{Href: self, Rel: "self", Type: typeGeoJSON}},
	}}, nil
}

// queryPoint parses the point parameter in point-crs (default CRS84).
func queryPoint(rq *request) (orb.Point, error) {
	c, err := parseCRS(rq.snap, "point-crs", rq.URL.Query().Get("point-crs"), crsCRS84)
	if err != nil {
		return orb.Point{}, err
	}
	return wirePoint(rq.snap, "point", rq.URL.Query().Get("point"), c)
}

// nearest: GET /collections/{id}/nearest?point=lon,lat&k=N — the k nearest
// features, nearest first, each with distance_m.
func (s *Server) nearest(rq *request) (response, error) {
	l, id, err := layerOf(rq)
	if err != nil {
		return nil, err
	}
	p, err := queryPoint(rq)
	if err != nil {
		return nil, err
	}
	k, err := intParam(rq.URL.Query(), "k", 10, 1, s.cfg.MaxLimit)
	if err != nil {
		return nil, err
	}
	var out []geo.Feature
	l.Nearest(p, k, nil, func(f geo.Feature, d float64) bool {
		out = append(out, annotated(f, map[string]any{"distance_m": d}))
		return true
	})
	return s.resultSet(rq, id, out)
}

// within: POST /collections/{id}/within with a GeoJSON Polygon or
// MultiPolygon (geometry or Feature) in filter-crs (default CRS84) — the
// features lying inside it (relation=within, default) or touching it
// (relation=intersects), in ID order, up to limit.
func (s *Server) within(rq *request) (response, error) {
	l, id, err := layerOf(rq)
	if err != nil {
		return nil, err
	}
	q := rq.URL.Query()
	c, err := parseCRS(rq.snap, "filter-crs", q.Get("filter-crs"), crsCRS84)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(q, "limit", s.cfg.MaxLimit, 1, s.cfg.MaxLimit)
	if err != nil {
		return nil, err
	}
	rel := q.Get("relation")
	if rel != "" && rel != "within" && rel != "intersects" {
		return nil, badParam("relation", "want within or intersects, got %q", rel)
	}
	g, err := readPolygon(rq.Request, rq.snap, c)
	if err != nil {
		return nil, err
	}
	var out []geo.Feature
	collect := func(f geo.Feature) bool { out = append(out, f); return len(out) < limit }
	if rel == "intersects" {
		l.Intersecting(g, collect)
	} else {
		l.Within(g, collect)
	}
	sortByID(out)
	return s.resultSet(rq, id, out)
}

// readPolygon reads the request body as a GeoJSON (Multi)Polygon geometry or
// Feature in CRS c and returns it in World coordinates.
func readPolygon(r *http.Request, snap *engine.Snapshot, c *proj.CRS) (orb.Geometry, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, problem(http.StatusRequestEntityTooLarge, "", "body exceeds %d bytes", mbe.Limit)
		}
		return nil, badParam("body", "cannot read the body: %v", err)
	}
	var g orb.Geometry
	if f, err := orbjson.UnmarshalFeature(body); err == nil && f.Geometry != nil {
		g = f.Geometry
	} else if gg, err := orbjson.UnmarshalGeometry(body); err == nil && gg.Coordinates != nil {
		g = gg.Coordinates
	} else {
		return nil, badParam("body", "want a GeoJSON Polygon or MultiPolygon (geometry or Feature)")
	}
	if err := checkPolygon(g, c); err != nil {
		return nil, err
	}
	fn := fromWire(snap, c)
	var out orb.Geometry
	switch g := g.(type) {
	case orb.Polygon:
		out = mapPolygon(g, fn)
	case orb.MultiPolygon:
		mp := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			mp[i] = mapPolygon(p, fn)
		}
		out = mp
	}
	return out, nil
}

func checkPolygon(g orb.Geometry, c *proj.CRS) error {
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return badParam("body", "want a Polygon or MultiPolygon, got %s", g.GeoJSONType())
	}
	for _, p := range polys {
		if len(p) == 0 {
			return badParam("body", "empty polygon")
		}
		for _, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				return badParam("body", "every ring needs at least 4 positions and must be closed")
			}
			for _, pt := range r {
				if math.IsNaN(pt[0]) || math.IsNaN(pt[1]) || math.IsInf(pt[0], 0) || math.IsInf(pt[1], 0) {
					return badParam("body", "non-finite coordinate")
				}
				if err := checkGeographic("body", c, pt); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func mapPolygon(p orb.Polygon, fn geo.PointFunc) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = make(orb.Ring, len(r))
		for j, pt := range r {
			out[i][j] = fn(pt)
		}
	}
	return out
}

// under: GET /under?point=lon,lat[&depth=a,b][&tolerance=m][&layers=…]
// [&limit=n] — pipes and structures under the point, shallowest first, the
// first limit of them (1..MaxLimit, default MaxLimit); numberMatched counts
// them all.
func (s *Server) under(rq *request) (response, error) {
	p, err := queryPoint(rq)
	if err != nil {
		return nil, err
	}
	q := rq.URL.Query()
	limit, err := intParam(q, "limit", s.cfg.MaxLimit, 1, s.cfg.MaxLimit)
	if err != nil {
		return nil, err
	}
	uq := engine.UnderQuery{}
	if v := q.Get("depth"); v != "" {
		d, err := numbers("depth", v)
		if err != nil {
			return nil, err
		}
		if len(d) != 2 || d[0] < 0 || d[1] < d[0] {
			return nil, badParam("depth", "want a,b with 0 ≤ a ≤ b metres, got %q", v)
		}
		uq.DepthMin, uq.DepthMax = d[0], d[1]
	}
	if v := q.Get("tolerance"); v != "" {
		t, err := numbers("tolerance", v)
		if err != nil || len(t) != 1 || t[0] <= 0 || t[0] > 1000 {
			return nil, badParam("tolerance", "want metres in (0, 1000], got %q", v)
		}
		uq.Tolerance = t[0]
	}
	if v := q.Get("layers"); v != "" {
		uq.Layers = strings.Split(v, ",")
		for _, name := range uq.Layers {
			if rq.snap.Layer(name) == nil {
				return nil, badParam("layers", "unknown layer %q", name)
			}
		}
	}
	hits := rq.snap.Under(p, uq) // sorted by depth: the limit keeps the shallowest
	out := make([]geo.Feature, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, annotated(h.Feature, map[string]any{"layer": h.Layer, "distance_m": h.Distance,
			"depth_top_m": h.Top, "depth_bottom_m": h.Bottom, "ground_m": h.Ground}))
	}
	return s.resultPrefix(rq, "under", out, len(hits))
}

// elevation: GET /elevation?point=lon,lat — the terrain height there.
func (s *Server) elevation(rq *request) (response, error) {
	p, err := queryPoint(rq)
	if err != nil {
		return nil, err
	}
	z, ok := rq.snap.TerrainHeight(p)
	if !ok {
		return nil, notFound("no terrain at %s", rq.URL.Query().Get("point"))
	}
	ll, _ := rq.snap.ToLonLat(p)
	return okJSON(map[string]any{"point": []float64{ll[0], ll[1]}, "elevation_m": z, "crs": crsCRS84.URI()}), nil
}

// building: GET /building?point=lon,lat — the buildings whose footprint
// contains the point, the most specific (smallest) first.
func (s *Server) building(rq *request) (response, error) {
	p, err := queryPoint(rq)
	if err != nil {
		return nil, err
	}
	var out []geo.Feature
	for _, b := range rq.snap.BuildingsAt(p) {
		out = append(out, b)
	}
	return s.resultSet(rq, geo.LayerBuildings, out)
}

func sortByID(fs []geo.Feature) {
	slices.SortFunc(fs, func(a, b geo.Feature) int { return strings.Compare(a.FeatureID(), b.FeatureID()) })
}

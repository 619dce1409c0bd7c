package api

import (
	"net/http"
)

// Conformance classes implemented (OGC API – Features Parts 1 and 2).
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
}

func (s *Server) landing(rq *request) (response, error) {
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	b := s.base(rq.Request)
	return okJSON(map[string]any{
		"title":       s.cfg.Title,
		"description": "City digital twin: buildings, roads, pipes, terrain and sensors, as OGC API – Features, vector tiles and spatial queries.",
		"links": []link{
			{Href: b + "/", Rel: "self", Type: typeJSON, Title: "this document"},
			{Href: b + "/api", Rel: "service-desc", Type: typeOpenAPI, Title: "the API definition"},
			{Href: b + "/conformance", Rel: "conformance", Type: typeJSON, Title: "conformance classes"},
			{Href: b + "/collections", Rel: "data", Type: typeJSON, Title: "the feature collections"},
			{Href: b + "/tiles.json", Rel: "tiles", Type: typeJSON, Title: "vector tiles (TileJSON)"},
		},
	}), nil
}

func (s *Server) conformance(rq *request) (response, error) {
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	return okJSON(map[string]any{"conformsTo": conformanceClasses}), nil
}

// checkFormat accepts f=json (or no f); other output formats are a 400.
func checkFormat(r *http.Request) error {
	switch f := r.URL.Query().Get("f"); f {
	case "", "json", "geojson", "application/json", "application/geo+json":
		return nil
	default:
		return badParam("f", "unsupported format %q (supported: json)", f)
	}
}

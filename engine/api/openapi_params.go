package api

import (
	"fmt"
	"strings"

	"twin/engine"
)

// openAPIParameters returns the document's reusable parameters. The
// collection ids are enumerated from snap, and the limits come from cfg, so
// a client sees exactly what this server accepts.
func openAPIParameters(snap *engine.Snapshot, cfg Config) map[string]*oaParameter {
	crsList := strings.Join(crsURIs(supportedCRS(snap)), ", ")
	crsParam := func(name, what string) *oaParameter {
		return query(name, fmt.Sprintf("The CRS %s, as a URI (or [EPSG:n], EPSG:n, an OGC URN). "+
			"Default CRS84 (lon/lat). Offered: %s. EPSG:4326 and EPSG:4490 use their authority axis "+
			"order, lat/lon.", what, crsList),
			&oaSchema{Type: "string", Default: crsCRS84.URI()})
	}
	ids := []any{}
	for _, name := range snap.LayerNames() {
		ids = append(ids, name)
	}
	p := map[string]*oaParameter{
		"collectionId": {Name: "collectionId", In: "path", Required: true,
			Description: "The collection (World layer) id.",
			Schema:      &oaSchema{Type: "string", Enum: ids}},
		"featureId": {Name: "featureId", In: "path", Required: true,
			Description: "The feature's id within its collection (e.g. an OSM id such as w123 or r45).",
			Schema:      &oaSchema{Type: "string"}},
		"bbox": csvParam("bbox", "Only features whose geometry intersects the box: minx,miny,maxx,maxy "+
			"(or 6 numbers with heights) in bbox-crs. Boxes crossing the antimeridian are not supported.",
			&oaSchema{Type: "array", MinItems: count(4), MaxItems: count(6), Items: &oaSchema{Type: "number"}}, false),
		"bbox-crs": crsParam("bbox-crs", "of bbox (OGC API – Features Part 2)"),
		"crs":      crsParam("crs", "of the response geometries (OGC API – Features Part 2); the Content-Crs header names it"),
		"limit": query("limit", "The page size: at most this many features.",
			&oaSchema{Type: "integer", Minimum: num(1), Maximum: num(float64(cfg.MaxLimit)), Default: cfg.DefaultLimit}),
		"offset": query("offset", "The number of matching features to skip (the next links carry it).",
			&oaSchema{Type: "integer", Minimum: num(0), Default: 0}),
		"datetime": query("datetime", "Only features whose time (property datetime, ts or time) is this "+
			"RFC 3339 instant or lies in the interval a/b; an open end is .. or empty.",
			&oaSchema{Type: "string", Example: "2024-01-01T00:00:00Z/.."}),
		"f": query("f", "The response format; only JSON is offered.",
			&oaSchema{Type: "string", Enum: []any{"json", "geojson", typeJSON, typeGeoJSON}, Default: "json"}),
		"propertyFilters": {Name: "propertyFilters", In: "query", Style: "form", Explode: boolPtr(true),
			Description: "Any other query parameter name=value keeps the features whose property of that " +
				"name, written as text, equals value (numbers as shortest decimals, booleans as true/false).",
			Schema: &oaSchema{Type: "object", AdditionalProperties: &oaSchema{Type: "string"}}},
		"point": csvParam("point", "The query point: x,y in point-crs (lon,lat for the default CRS84).",
			&oaSchema{Type: "array", MinItems: count(2), MaxItems: count(2), Items: &oaSchema{Type: "number"}}, true),
		"point-crs":  crsParam("point-crs", "of point"),
		"filter-crs": crsParam("filter-crs", "of the posted polygon"),
		"k": query("k", "The number of nearest features to return.",
			&oaSchema{Type: "integer", Minimum: num(1), Maximum: num(float64(cfg.MaxLimit)), Default: 10}),
		"withinLimit": query("limit", "At most this many features, the first in id order.",
			&oaSchema{Type: "integer", Minimum: num(1), Maximum: num(float64(cfg.MaxLimit)), Default: cfg.MaxLimit}),
		"underLimit": query("limit", "At most this many features, the shallowest; numberMatched counts them all.",
			&oaSchema{Type: "integer", Minimum: num(1), Maximum: num(float64(cfg.MaxLimit)), Default: cfg.MaxLimit}),
		"relation": query("relation", "within: features lying inside the polygon; intersects: features touching it.",
			&oaSchema{Type: "string", Enum: []any{"within", "intersects"}, Default: "within"}),
		"depth": csvParam("depth", "The depth range a,b in metres below ground, 0 ≤ a ≤ b. "+
			"Features whose depth range overlaps it are returned; without it, all depths.",
			&oaSchema{Type: "array", MinItems: count(2), MaxItems: count(2), Items: &oaSchema{Type: "number", Minimum: num(0)}}, false),
		"tolerance": query("tolerance", "The horizontal search distance in metres, added to half a pipe's width. Default: the World's.",
			&oaSchema{Type: "number", Minimum: num(0), ExclusiveMinimum: true, Maximum: num(1000)}),
		"layers": csvParam("layers", "The layers to search (default pipes and pipe_nodes).",
			&oaSchema{Type: "array", Items: &oaSchema{Type: "string", Enum: ids}}, false),
		"z": tileParam("z", "The zoom level.", 22),
		"x": tileParam("x", "The tile column, 0 ≤ x < 2^z, from the west.", 0),
		"y": tileParam("y", "The tile row, 0 ≤ y < 2^z, from the north (XYZ scheme); the path writes it followed by .mvt.", 0),
	}
	return p
}

func query(name, description string, s *oaSchema) *oaParameter {
	return &oaParameter{Name: name, In: "query", Description: description, Schema: s}
}

// csvParam is a query parameter holding a comma-separated list (form style,
// not exploded).
func csvParam(name, description string, s *oaSchema, required bool) *oaParameter {
	return &oaParameter{Name: name, In: "query", Description: description, Required: required,
		Style: "form", Explode: boolPtr(false), Schema: s}
}

// tileParam is a tile coordinate path parameter; max 0 leaves the upper
// bound to the description (it depends on z).
func tileParam(name, description string, max int) *oaParameter {
	s := &oaSchema{Type: "integer", Minimum: num(0)}
	if max > 0 {
		s.Maximum = num(float64(max))
	}
	return &oaParameter{Name: name, In: "path", Required: true, Description: description, Schema: s}
}

// openAPIResponses returns the reusable error responses, all RFC 7807
// problem documents.
func openAPIResponses() map[string]*oaResponse {
	problemResp := func(description string, headers map[string]*oaHeader) *oaResponse {
		return problemResponse(description, "exception", headers)
	}
	return map[string]*oaResponse{
		"BadRequest": problemResp("A query parameter, path element or body is malformed or out of range; "+
			"the problem's parameter member names it.", nil),
		"Unauthorized": problemResp("The request needs a valid bearer token.", map[string]*oaHeader{
			"WWW-Authenticate": {Required: true, Schema: &oaSchema{Type: "string", Example: `Bearer realm="twin"`}},
		}),
		"NotFound": problemResp("No such collection, feature or resource.", nil),
		"MethodNotAllowed": problemResp("The path exists but not with this method; Allow lists the methods it has.",
			map[string]*oaHeader{"Allow": {Required: true, Schema: &oaSchema{Type: "string", Example: "GET, HEAD"}}}),
		"PayloadTooLarge":    problemResp("The request body is larger than the server's limit.", nil),
		"ServerError":        problemResp("The server failed; the detail does not say why (the log does).", nil),
		"ServiceUnavailable": problemResp("The server is not ready to serve (loading, or shutting down).", nil),
	}
}

// problemResponse is an error response whose application/problem+json body
// follows the named schema (exception, or one that extends it).
func problemResponse(description, schema string, headers map[string]*oaHeader) *oaResponse {
	return &oaResponse{Description: description, Headers: headers,
		Content: content(schemaRef(schema), "application/problem+json")}
}

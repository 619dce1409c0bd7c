package api

import (
	"sort"

	"twin/engine"
)

// queryPaths are twin's spatial queries.
func (b opBuilder) queryPaths() map[string]*oaPathItem {
	fc := func(what string) map[string]*oaResponse {
		return okResp(what, "featureCollectionGeoJSON", typeGeoJSON, contentCrs())
	}
	within := b.op("Queries", "postWithin", "The features of a collection within (or intersecting) a posted polygon.",
		refs("collectionId", "filter-crs", "relation", "withinLimit", "crs"),
		fc("The matching features in id order, at most limit of them."), 400, 404, 413)
	within.RequestBody = &oaRequestBody{Required: true,
		Description: "The polygon, at most the server's body limit (default 8 MiB).",
		Content:     content(schemaRef("polygonBody"), typeGeoJSON, typeJSON)}
	return map[string]*oaPathItem{
		"/collections/{collectionId}/nearest": {Get: b.op("Queries", "getNearest",
			"The k features of a collection nearest to a point, nearest first; each has the property distance_m (metres).",
			refs("collectionId", "point", "point-crs", "k", "crs"), fc("The nearest features."), 400, 404)},
		"/collections/{collectionId}/within": {Post: within},
		"/under": {Get: b.op("Queries", "getUnder",
			"Pipes and structures under a point within a depth range, shallowest first; each has layer, "+
				"distance_m, depth_top_m, depth_bottom_m and ground_m (metres).",
			refs("point", "point-crs", "depth", "tolerance", "layers", "underLimit", "crs"),
			fc("The features under the point, at most limit of them."), 400)},
		"/elevation": {Get: b.op("Queries", "getElevation", "The terrain height at a point.",
			refs("point", "point-crs"), okResp("The height.", "elevation", typeJSON, nil), 400, 404)},
		"/building": {Get: b.op("Queries", "getBuilding",
			"The buildings whose footprint contains a point, the smallest first.",
			refs("point", "point-crs", "crs"), fc("The buildings at the point (none: an empty collection)."), 400)},
	}
}

// servicePaths are the vector tiles and the operational endpoints.
func (b opBuilder) servicePaths() map[string]*oaPathItem {
	text := func(description string) *oaResponse {
		return &oaResponse{Description: description, Content: content(&oaSchema{Type: "string"}, "text/plain")}
	}
	tile := b.op("Tiles", "getTile", "One Mapbox Vector Tile (extent 4096) with the layers the TileJSON document lists.",
		refs("z", "x", "y"), map[string]*oaResponse{
			"200": {Description: "The tile; gzip-encoded when the client accepts it. A tile with no features is empty (zero bytes).",
				Headers: map[string]*oaHeader{"ETag": {Description: "Changes with the World's version.", Schema: &oaSchema{Type: "string"}}},
				Content: content(&oaSchema{Type: "string", Format: "binary"}, typeMVT)},
			"304": {Description: "Not modified since the ETag given in If-None-Match."},
		}, 400, 404)
	return map[string]*oaPathItem{
		"/tiles.json": {Get: b.op("Tiles", "getTileJSON", "The TileJSON 3.0.0 document describing the vector tiles.",
			nil, okResp("The TileJSON document.", "tileJSON", typeJSON, nil))},
		"/tiles/{z}/{x}/{y}.mvt": {Get: tile},
		"/healthz": {Get: probe(b.op("Operations", "getHealth", "Liveness: the process answers.", nil,
			map[string]*oaResponse{"200": text("ok")}))},
		"/readyz": {Get: probe(b.op("Operations", "getReady", "Readiness: the World is loaded and the server takes requests.", nil,
			map[string]*oaResponse{"200": text("ready")}, 503))},
		"/metrics": {Get: b.op("Operations", "getMetrics",
			"Prometheus metrics: twin_http_requests_total and twin_http_request_duration_seconds by route, "+
				"twin_features_served_total by collection, twin_world_version, Go and process metrics.", nil,
			map[string]*oaResponse{"200": text("The Prometheus text exposition format (version 0.0.4).")})},
	}
}

// probe marks o as a health probe, which answers without a token even where
// reads are protected (orchestrators probe without credentials).
func probe(o *oaOperation) *oaOperation {
	o.Security = &[]oaSecurityReq{}
	delete(o.Responses, "401")
	return o
}

// queryableSample is the number of features, spread evenly over a layer's
// id order, whose properties are read to list the layer's queryables.
const queryableSample = 256

// queryables returns one query parameter per property name seen in a sample
// of l's features, typed by the values seen (number, integer, boolean or
// string; string when they differ). Names the items route reserves are left
// out; properties missing from the sample can still be filtered on (see
// propertyFilters). O(S·P) for S sampled features with P properties each.
func queryables(l *engine.Layer) []*oaParameter {
	n := l.Len()
	step := max(1, n/queryableSample)
	types := map[string]string{}
	for i := 0; i < n; i += step {
		f, ok := l.At(i)
		if !ok {
			continue
		}
		for k, v := range f.Properties() {
			t := jsonType(v)
			if k == "" || reservedParams[k] || t == "" {
				continue
			}
			if old, seen := types[k]; seen && old != t {
				t = "string"
			}
			types[k] = t
		}
	}
	names := make([]string, 0, len(types))
	for k := range types {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]*oaParameter, len(names))
	for i, k := range names {
		out[i] = query(k, "Keeps the features whose property "+k+" equals this value (compared as text).",
			&oaSchema{Type: types[k]})
	}
	return out
}

// jsonType is the OpenAPI type of a property value a filter can match, or
// "" for values a filter cannot match (objects, arrays, null).
func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case int, int64:
		return "integer"
	case bool:
		return "boolean"
	}
	return ""
}

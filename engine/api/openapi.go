package api

import (
	"fmt"
	"net/http"

	"twin/engine"
)

// openAPI serves the OpenAPI 3.0.3 document of every route (GET /api, as
// application/vnd.oai.openapi+json;version=3.0). The document is built for
// the request: its server URL is the request's base URL, the collection ids
// and queryable properties come from the request's snapshot, the limits
// from the server's Config, and the live routes (POST /deltas and the delta
// streams) are described only where MountLive has added them. Building it costs O(L·S) for L layers and a
// bounded sample of S features each (see queryables), whatever the World's
// size: about 4 ms and 2 MB of garbage for the sample city
// (BenchmarkOpenAPI), most of it reading the sampled features' properties.
// Safe for concurrent use.
func (s *Server) openAPI(rq *request) (response, error) {
	return jsonResponse{contentType: typeOpenAPI, v: s.openAPIDoc(rq.snap, s.base(rq.Request))}, nil
}

// openAPIDoc builds the document for snap, served at base.
func (s *Server) openAPIDoc(snap *engine.Snapshot, base string) *oaDoc {
	doc := &oaDoc{
		OpenAPI: "3.0.3",
		Info:    oaInfo{Title: s.cfg.Title, Version: "1.0.0", Description: openAPIDescription},
		Servers: []oaServer{{URL: base, Description: "this server"}},
		Tags: []oaTag{
			{Name: "Capabilities", Description: "What the service offers (OGC API – Features Part 1)."},
			{Name: "Data", Description: "The World's layers as feature collections."},
			{Name: "Queries", Description: "twin's spatial queries: nearest, within a polygon, under a point, elevation, building at a point."},
			{Name: "Tiles", Description: "Mapbox Vector Tiles of buildings, roads and pipes."},
			{Name: "Operations", Description: "Health, readiness and Prometheus metrics."},
		},
		Paths: map[string]*oaPathItem{},
		Components: oaComponents{
			Schemas:    openAPISchemas(),
			Parameters: openAPIParameters(snap, s.cfg),
			Responses:  openAPIResponses(),
			SecuritySchemes: map[string]*oaSecurityScheme{"bearerAuth": {Type: "http", Scheme: "bearer",
				Description: "The server's token (twin serve --token-file, or TWIN_TOKEN), sent as " +
					"Authorization: Bearer TOKEN. Requests that change state need it; reads need it only " +
					"when the server protects reads."}},
		},
	}
	if s.cfg.ProtectReads {
		doc.Security = []oaSecurityReq{{"bearerAuth": {}}}
	}
	b := opBuilder{protected: s.cfg.ProtectReads}
	for path, item := range b.capabilityPaths() {
		doc.Paths[path] = item
	}
	for path, item := range b.dataPaths(snap) {
		doc.Paths[path] = item
	}
	for path, item := range b.queryPaths() {
		doc.Paths[path] = item
	}
	for path, item := range b.servicePaths() {
		doc.Paths[path] = item
	}
	if s.live != nil {
		b.addLive(doc)
	}
	if s.scen != nil {
		b.addScenarios(doc)
	}
	return doc
}

const openAPIDescription = `A city digital twin served as OGC API – Features (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference), with spatial queries and Mapbox Vector Tiles.

Coordinates are lon/lat in degrees (CRS84) unless a request names another CRS with crs, bbox-crs, point-crs or filter-crs; EPSG:4326 and EPSG:4490 use lat/lon order. Lengths are metres.

Errors are RFC 7807 problem documents (application/problem+json): 400 for a malformed or out-of-range parameter, 401 for a missing or wrong bearer token, 404 for an unknown collection, feature or path, 405 for a method the path does not have (with Allow), 413 for a body over the server's limit.

Security: reads are open unless the server protects them (the /healthz and /readyz probes stay open); requests that change the World (the delta ingest POST /deltas, on a server with the live routes) need the bearer token.`

// opBuilder assembles operations with the error responses every operation
// shares.
type opBuilder struct {
	protected bool // reads need the token: every operation may answer 401
}

// op is one operation: tag, id, summary, parameters, its success responses,
// and the statuses of the shared error responses it may give (400, 404, 413,
// 503).
func (b opBuilder) op(tag, id, summary string, params []*oaParameter, ok map[string]*oaResponse, errs ...int) *oaOperation {
	o := &oaOperation{Tags: []string{tag}, OperationID: id, Summary: summary, Parameters: params,
		Responses: map[string]*oaResponse{"500": responseRef("ServerError")}}
	for code, r := range ok {
		o.Responses[code] = r
	}
	names := map[int]string{http.StatusBadRequest: "BadRequest", http.StatusNotFound: "NotFound",
		http.StatusRequestEntityTooLarge: "PayloadTooLarge", http.StatusServiceUnavailable: "ServiceUnavailable"}
	for _, code := range errs {
		o.Responses[fmt.Sprint(code)] = responseRef(names[code])
	}
	if b.protected {
		o.Responses["401"] = responseRef("Unauthorized")
	}
	return o
}

// refs returns references to the named component parameters.
func refs(names ...string) []*oaParameter {
	out := make([]*oaParameter, len(names))
	for i, n := range names {
		out[i] = paramRef(n)
	}
	return out
}

// okResp is a 200 response of schema in the given media type.
func okResp(description, schema, mediaType string, headers map[string]*oaHeader) map[string]*oaResponse {
	return map[string]*oaResponse{"200": {Description: description, Headers: headers,
		Content: content(schemaRef(schema), mediaType)}}
}

// contentCrs documents the Content-Crs header of GeoJSON answers (Part 2).
func contentCrs() map[string]*oaHeader {
	return map[string]*oaHeader{"Content-Crs": {Required: true,
		Description: "The CRS of the geometries, as <URI>.",
		Schema:      &oaSchema{Type: "string", Example: "<" + crsCRS84.URI() + ">"}}}
}

func (b opBuilder) capabilityPaths() map[string]*oaPathItem {
	return map[string]*oaPathItem{
		"/": {Get: b.op("Capabilities", "getLandingPage", "The landing page: links to the API definition, conformance and collections.",
			refs("f"), okResp("The landing page.", "landingPage", typeJSON, nil), 400)},
		"/conformance": {Get: b.op("Capabilities", "getConformance", "The conformance classes implemented.",
			refs("f"), okResp("The conformance classes.", "confClasses", typeJSON, nil), 400)},
		"/api": {Get: b.op("Capabilities", "getAPI", "This document.", nil,
			map[string]*oaResponse{"200": {Description: "The OpenAPI 3.0 document.",
				Content: content(&oaSchema{Type: "object"}, typeOpenAPI)}})},
	}
}

// dataPaths are the OGC API – Features data paths, generic in
// {collectionId}, and one items path per collection listing its queryable
// properties as parameters (GDAL and other clients read them to filter on
// the server).
func (b opBuilder) dataPaths(snap *engine.Snapshot) map[string]*oaPathItem {
	itemsParams := func(extra ...*oaParameter) []*oaParameter {
		ps := refs("bbox", "bbox-crs", "crs", "limit", "offset", "datetime", "f")
		return append(append(ps, extra...), paramRef("propertyFilters"))
	}
	items := okResp("One page of features, with next and prev links where there are more.",
		"featureCollectionGeoJSON", typeGeoJSON, contentCrs())
	paths := map[string]*oaPathItem{
		"/collections": {Get: b.op("Data", "getCollections", "The feature collections: one per non-empty World layer.",
			refs("f"), okResp("The collections.", "collections", typeJSON, nil), 400)},
		"/collections/{collectionId}": {Get: b.op("Data", "describeCollection", "One collection's description, extent and CRSs.",
			refs("collectionId", "f"), okResp("The collection.", "collection", typeJSON, nil), 400, 404)},
		"/collections/{collectionId}/items": {Get: b.op("Data", "getFeatures",
			"The features of a collection, filtered by bbox, datetime and properties, in id order, paged.",
			append(refs("collectionId"), itemsParams()...), items, 400, 404)},
		"/collections/{collectionId}/items/{featureId}": {Get: b.op("Data", "getFeature", "One feature.",
			refs("collectionId", "featureId", "crs", "f"),
			okResp("The feature.", "featureGeoJSON", typeGeoJSON, contentCrs()), 400, 404)},
	}
	for _, name := range snap.LayerNames() {
		if !pathSafe(name) {
			continue
		}
		op := b.op("Data", "getFeatures_"+name, "The features of "+name+", filtered and paged.",
			itemsParams(queryables(snap.Layer(name))...), items, 400)
		paths["/collections/"+name+"/items"] = &oaPathItem{Get: op}
	}
	return paths
}

// pathSafe reports whether a collection id can stand in a path template as
// it is (letters, digits, '_', '-', '.').
func pathSafe(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return id != ""
}

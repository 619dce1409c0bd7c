package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"twin/engine/live"
)

// Real answers of every route checked against the served OpenAPI document
// with kin-openapi's openapi3filter: status, headers and body schema.

// exchange is one request whose response the document must describe.
type exchange struct {
	name, method, path, body string
	want                     int
	// badRequest marks requests the document itself rejects (an unknown
	// collection, a malformed parameter): only their response is checked.
	badRequest bool
	// header is sent with the request; its Content-Type replaces the
	// default (GeoJSON, for a body).
	header http.Header
}

// validator checks requests and responses against a served document.
type validator struct {
	ts     *httptest.Server
	doc    *openapi3.T
	router routers.Router
	seen   map[string]bool // "METHOD path template" of operations exercised with a 2xx answer
}

func newValidator(t *testing.T, ts *httptest.Server) *validator {
	doc := loadOpenAPI(t, ts, nil)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &validator{ts: ts, doc: doc, router: router, seen: map[string]bool{}}
}

// check sends ex, then validates the request (unless badRequest) and the
// response (status, headers, body schema) against the document.
func (v *validator) check(t *testing.T, ex exchange) []byte {
	ctx := context.Background()
	req, _ := http.NewRequest(ex.method, v.ts.URL+ex.path, strings.NewReader(ex.body))
	if ex.body != "" {
		req.Header.Set("Content-Type", typeGeoJSON)
	}
	for k, vs := range ex.header {
		req.Header[k] = vs
	}
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s: no route in the document: %v", ex.method, ex.path, err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if !ex.badRequest {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("the document rejects the request: %v", err)
		}
	}
	req.Body = io.NopCloser(strings.NewReader(ex.body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != ex.want {
		t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, ex.want, body)
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts})
	if err != nil {
		t.Errorf("the response does not match the document: %v\n%.400s", err, body)
	}
	if resp.StatusCode < 300 {
		v.seen[route.Method+" "+route.Path] = true
	}
	return body
}

// samplePoints finds query points in the sample city: a building's
// interior and a pipe's first vertex (lon/lat), read through the API.
func samplePoints(t *testing.T, ts *httptest.Server) (fid string, pipe orb.Point) {
	t.Helper()
	var fc struct {
		Features []struct {
			ID       string
			Geometry struct{ Coordinates [][]float64 }
		}
	}
	_, _, body := get(t, ts, "/collections/pipes/items?limit=1")
	if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) == 0 {
		t.Fatalf("no pipe: %v %s", err, body)
	}
	c := fc.Features[0].Geometry.Coordinates[0]
	pipe = orb.Point{c[0], c[1]}
	_, _, body = get(t, ts, "/collections/buildings/items?limit=1&offset=7")
	var one struct{ Features []struct{ ID string } }
	if err := json.Unmarshal(body, &one); err != nil || len(one.Features) == 0 {
		t.Fatalf("no building: %v %s", err, body)
	}
	return one.Features[0].ID, pipe
}

func TestOpenAPIResponses(t *testing.T) {
	ts := newTestServer(t, Config{})
	v := newValidator(t, ts)
	fid, pipe := samplePoints(t, ts)
	for _, ex := range responseCases(fid, pipe) {
		t.Run(ex.name, func(t *testing.T) { v.check(t, ex) })
	}
	for _, name := range sampleWorld(t).Snapshot().LayerNames() {
		t.Run("collection "+name, func(t *testing.T) {
			v.check(t, exchange{method: "GET", path: "/collections/" + name, want: 200})
			v.check(t, exchange{method: "GET", path: "/collections/" + name + "/items?limit=3", want: 200})
		})
	}
	// Every operation of the document was answered at least once. Every
	// served collection has its own items path, which routing prefers, so
	// the generic one only answers unknown ids (the 404 case above).
	v.seen["GET /collections/{collectionId}/items"] = true
	for path, item := range v.doc.Paths.Map() {
		for method := range item.Operations() {
			if key := method + " " + path; !v.seen[key] {
				t.Errorf("no request exercised %s %s", method, path)
			}
		}
	}
}

// responseCases are a handful of requests per route, answered and failing.
// The building point (7.4246, 43.7375) lies inside a building of the sample
// city and (7.44, 43.72) at sea; (0, 0) is far outside its terrain.
func responseCases(fid string, pipe orb.Point) []exchange {
	pt := fmt.Sprintf("%.7f,%.7f", pipe[0], pipe[1])
	tile := maptile.At(orb.Point{7.4246, 43.7375}, 15)
	poly := `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.74],[7.42,43.73]]]}`
	multi := `{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[7.42,43.73],[7.425,43.73],[7.425,43.735],[7.42,43.735],[7.42,43.73]]]]}}`
	return []exchange{
		{name: "landing", method: "GET", path: "/", want: 200},
		{name: "landing f=json", method: "GET", path: "/?f=json", want: 200},
		{name: "landing f=xml", method: "GET", path: "/?f=xml", want: 400, badRequest: true},
		{name: "conformance", method: "GET", path: "/conformance", want: 200},
		{name: "api", method: "GET", path: "/api", want: 200},
		{name: "collections", method: "GET", path: "/collections", want: 200},
		{name: "unknown collection", method: "GET", path: "/collections/rivers", want: 404, badRequest: true},
		{name: "items bbox", method: "GET", path: "/collections/buildings/items?bbox=7.42,43.73,7.425,43.735&limit=5", want: 200},
		{name: "items bbox-crs 4326", method: "GET", path: "/collections/buildings/items?bbox=43.73,7.42,43.735,7.425&bbox-crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/4326"), want: 200},
		{name: "items crs 3857 paged", method: "GET", path: "/collections/roads/items?crs=EPSG:3857&limit=4&offset=8", want: 200},
		{name: "items crs local", method: "GET", path: "/collections/pipes/items?crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/32632") + "&limit=2", want: 200},
		{name: "items property filter", method: "GET", path: "/collections/buildings/items?type=yes&limit=3", want: 200},
		{name: "items datetime", method: "GET", path: "/collections/buildings/items?datetime=2020-01-01T00:00:00Z/..", want: 200},
		{name: "items generic path", method: "GET", path: "/collections/nothing/items", want: 404, badRequest: true},
		{name: "items bbox of 3", method: "GET", path: "/collections/buildings/items?bbox=1,2,3", want: 400, badRequest: true},
		{name: "items limit 0", method: "GET", path: "/collections/buildings/items?limit=0", want: 400, badRequest: true},
		{name: "item", method: "GET", path: "/collections/buildings/items/" + fid, want: 200},
		{name: "item lat/lon", method: "GET", path: "/collections/buildings/items/" + fid + "?crs=EPSG:4326", want: 200},
		{name: "item unknown", method: "GET", path: "/collections/buildings/items/nope", want: 404},
		{name: "nearest", method: "GET", path: "/collections/buildings/nearest?point=7.42,43.73&k=3", want: 200},
		{name: "nearest lat/lon", method: "GET", path: "/collections/roads/nearest?point=43.73,7.42&point-crs=EPSG:4326&k=1&crs=EPSG:4326", want: 200},
		{name: "nearest without point", method: "GET", path: "/collections/buildings/nearest", want: 400, badRequest: true},
		{name: "within", method: "POST", path: "/collections/buildings/within", body: poly, want: 200},
		{name: "within feature intersects", method: "POST", path: "/collections/roads/within?relation=intersects&limit=5", body: multi, want: 200},
		{name: "within bad body", method: "POST", path: "/collections/buildings/within", body: `{"type":"Point","coordinates":[7.42,43.73]}`, want: 400, badRequest: true},
		{name: "under", method: "GET", path: "/under?point=" + pt + "&tolerance=5", want: 200},
		{name: "under depth", method: "GET", path: "/under?point=" + pt + "&depth=0,20&layers=pipes,pipe_nodes", want: 200},
		{name: "under limit", method: "GET", path: "/under?point=" + pt + "&tolerance=50&limit=2", want: 200},
		{name: "under limit 0", method: "GET", path: "/under?point=" + pt + "&limit=0", want: 400, badRequest: true},
		{name: "under bad depth", method: "GET", path: "/under?point=" + pt + "&depth=5,1", want: 400, badRequest: true},
		{name: "elevation", method: "GET", path: "/elevation?point=7.42,43.73", want: 200},
		{name: "elevation outside terrain", method: "GET", path: "/elevation?point=0,0", want: 404},
		{name: "building", method: "GET", path: "/building?point=7.4246,43.7375", want: 200},
		{name: "building at sea", method: "GET", path: "/building?point=7.44,43.72", want: 200},
		{name: "tilejson", method: "GET", path: "/tiles.json", want: 200},
		{name: "tile", method: "GET", path: fmt.Sprintf("/tiles/%d/%d/%d.mvt", tile.Z, tile.X, tile.Y), want: 200},
		{name: "tile z out of range", method: "GET", path: "/tiles/40/0/0.mvt", want: 400, badRequest: true},
		{name: "healthz", method: "GET", path: "/healthz", want: 200},
		{name: "readyz", method: "GET", path: "/readyz", want: 200},
		{name: "metrics", method: "GET", path: "/metrics", want: 200},
	}
}

// TestOpenAPILiveResponses checks real answers of the live routes against
// the document of a server that has them (an in-memory Store on a one-road
// World): acknowledged and rejected batches, the version, the event stream
// and the WebSocket route's refusals.
func TestOpenAPILiveResponses(t *testing.T) {
	// openapi3filter decodes bodies by media type and has no decoder for
	// event streams: read them as plain text.
	openapi3filter.RegisterBodyDecoder("text/event-stream", openapi3filter.PlainBodyDecoder)
	t.Cleanup(func() { openapi3filter.UnregisterBodyDecoder("text/event-stream") })
	f := newLiveFixture(t, smallWorld(t), Config{MaxBody: 4096}, live.Options{}, nil)
	v := newValidator(t, f.ts)
	ndjson := func(token string) http.Header {
		h := http.Header{"Content-Type": {"application/x-ndjson"}}
		if token != "" {
			h.Set("Authorization", "Bearer "+token)
		}
		return h
	}
	batch := sensorUpsert("s1", 1, "g1") + "\n" + readingLine("s1", 2, "g1", 0.42) + "\n"
	tests := []struct {
		exchange
		contains string // a fragment the body must hold
	}{
		{exchange{name: "version before", method: "GET", path: "/deltas/version", want: 200}, `{"version":0}`},
		{exchange{name: "batch", method: "POST", path: "/deltas", body: batch, header: ndjson(liveToken), want: 200},
			`{"applied":2,"duplicates":0,"version":1}`},
		{exchange{name: "batch resent", method: "POST", path: "/deltas", body: batch, header: ndjson(liveToken), want: 200},
			`{"applied":0,"duplicates":2,"version":1}`},
		{exchange{name: "bad lines", method: "POST", path: "/deltas", header: ndjson(liveToken), want: 400,
			body: readingLine("s1", 3, "g1", 1) + "\n{not json\n" + `{"source":"s1","seq":4,"kind":"reading"}` + "\n"},
			`"errors":[{"line":2,`},
		{exchange{name: "unknown id", method: "POST", path: "/deltas", body: readingLine("s1", 3, "nope", 1), header: ndjson(liveToken), want: 422},
			`"errors":[{"line":1,`},
		{exchange{name: "no token", method: "POST", path: "/deltas", body: batch, header: ndjson(""), want: 401}, ""},
		{exchange{name: "form body", method: "POST", path: "/deltas", body: batch, badRequest: true, want: 415,
			header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Authorization": {"Bearer " + liveToken}}}, ""},
		{exchange{name: "too large", method: "POST", path: "/deltas", body: strings.Repeat(batch, 40), header: ndjson(liveToken), want: 413}, ""},
		{exchange{name: "version after", method: "GET", path: "/deltas/version", want: 200}, `{"version":1}`},
		// A client ahead of the store resyncs at once, and the stream ends.
		{exchange{name: "stream since ahead", method: "GET", path: "/deltas/stream?since=9", want: 200}, "event: resync"},
		{exchange{name: "stream Last-Event-ID ahead", method: "GET", path: "/deltas/stream", want: 200,
			header: http.Header{"Last-Event-ID": {"7"}}}, `data: {"resync":true,"version":1}`},
		{exchange{name: "stream bad since", method: "GET", path: "/deltas/stream?since=soon", want: 400, badRequest: true}, `"parameter":"since"`},
		{exchange{name: "ws without upgrade", method: "GET", path: "/deltas/ws", want: 426}, ""},
		{exchange{name: "ws bad since", method: "GET", path: "/deltas/ws?since=-1", want: 400, badRequest: true}, `"parameter":"since"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if body := v.check(t, tc.exchange); !strings.Contains(string(body), tc.contains) {
				t.Errorf("body %.300s lacks %s", body, tc.contains)
			}
		})
	}
	// The 101 of GET /deltas/ws is not checked here: TestWSOrderAndResume
	// (live_stream_test.go) opens real WebSockets.
	for _, key := range []string{"POST /deltas", "GET /deltas/version", "GET /deltas/stream"} {
		if !v.seen[key] {
			t.Errorf("no request exercised %s with a 2xx answer", key)
		}
	}
}

// TestOpenAPIValidatorRejects makes sure the response check above has
// teeth: answers that break the document fail it.
func TestOpenAPIValidatorRejects(t *testing.T) {
	ts := newTestServer(t, Config{})
	v := newValidator(t, ts)
	crs := http.Header{"Content-Type": {typeGeoJSON}, "Content-Crs": {"<" + crsCRS84.URI() + ">"}}
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
	}{
		{"collection without features", 200, crs, `{"type":"FeatureCollection"}`},
		{"feature of the wrong type", 200, crs, `{"type":"FeatureCollection","features":[{"type":"Point"}]}`},
		{"missing Content-Crs", 200, http.Header{"Content-Type": {typeGeoJSON}}, `{"type":"FeatureCollection","features":[]}`},
		{"undocumented media type", 200, http.Header{"Content-Type": {"text/html"}}, `<p>hi</p>`},
		{"undocumented status", 418, http.Header{"Content-Type": {"application/problem+json"}}, `{"type":"about:blank","title":"teapot","status":418}`},
		{"problem without title", 400, http.Header{"Content-Type": {"application/problem+json"}}, `{"type":"about:blank","status":400}`},
	}
	req, _ := http.NewRequest("GET", ts.URL+"/collections/buildings/items", nil)
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in, Status: tc.status, Header: tc.header,
				Body: io.NopCloser(strings.NewReader(tc.body)), Options: opts})
			if err == nil {
				t.Error("the response passed")
			}
		})
	}
}

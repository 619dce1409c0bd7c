package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
)

// fuzzRoutes are the routes of Server.routes with {} for each path element
// the fuzzer fills in, and the value used when it gives none.
var fuzzRoutes = []struct {
	method, path string
	defaults     []string
}{
	{"GET", "/", nil},
	{"GET", "/conformance", nil},
	{"GET", "/api", nil},
	{"GET", "/collections", nil},
	{"GET", "/collections/{}", []string{"buildings"}},
	{"GET", "/collections/{}/items", []string{"buildings"}},
	{"GET", "/collections/{}/items/{}", []string{"buildings", "w94252399"}},
	{"GET", "/collections/{}/nearest", []string{"roads"}},
	{"POST", "/collections/{}/within", []string{"buildings"}},
	{"GET", "/under", nil},
	{"GET", "/elevation", nil},
	{"GET", "/building", nil},
	{"GET", "/tiles.json", nil},
	// The z15 tile over the building at 7.4246, 43.7375 (slippy-map tile
	// formula: x = ⌊(lon+180)/360·2^z⌋, y = ⌊(1−asinh(tan lat)/π)/2·2^z⌋).
	{"GET", "/tiles/{}/{}/{}", []string{"15", "17059", "11948.mvt"}},
	{"GET", "/healthz", nil},
	{"GET", "/readyz", nil},
	{"GET", "/metrics", nil},
}

// fuzzMethods are the methods a route byte can swap in for the route's own
// (index 0): HEAD and OPTIONS (a CORS preflight) and one no route has.
var fuzzMethods = []string{"", "HEAD", "OPTIONS", "DELETE"}

// fuzzTarget builds the request for route byte r: a route of fuzzRoutes with
// its {} filled from the '/'-separated elems, or, past the routes, elems
// itself as the path; the higher values of r swap in the other methods.
func fuzzTarget(r uint8, elems, query string, body []byte) (method, target string) {
	n := int(r) % (len(fuzzRoutes) + 1)
	swap := fuzzMethods[int(r)/(len(fuzzRoutes)+1)%len(fuzzMethods)]
	defer func() {
		if swap != "" {
			method = swap
		}
	}()
	if n == len(fuzzRoutes) {
		method = "GET"
		if len(body) > 0 {
			method = "POST"
		}
		return method, "/" + elems + "?" + query
	}
	rt := fuzzRoutes[n]
	parts := strings.Split(elems, "/")
	path := rt.path
	for i, def := range rt.defaults {
		v := def
		if i < len(parts) && parts[i] != "" {
			v = parts[i]
		}
		path = strings.Replace(path, "{}", v, 1)
	}
	return rt.method, path + "?" + query
}

// FuzzQuery throws arbitrary paths, query strings and bodies at every
// route. Whatever comes in, the server must not fail (no 5xx, no panic) and
// must answer in a well-formed body: JSON for the JSON routes, a problem
// document for errors, an MVT for tiles, text for the operational routes.
func FuzzQuery(f *testing.F) {
	poly := []byte(`{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.74],[7.42,43.73]]]}`)
	nr := uint8(len(fuzzRoutes) + 1) // route bytes per method
	seeds := []struct {
		route        uint8
		elems, query string
		body         []byte
	}{
		{5, "", "bbox=7.42,43.73,7.425,43.735&limit=5", nil},
		{5, "", "bbox=1,2,3", nil},
		{5, "", "bbox=NaN,43,7.5,43.8", nil},
		{5, "", "bbox=7,43,8,91&bbox-crs=EPSG:4326", nil},
		{5, "", "bbox=-2e7,-2e7,2e7,2e7&bbox-crs=EPSG:3857&crs=EPSG:3857", nil},
		{5, "roads", "limit=-1&offset=99999999999", nil},
		{5, "pipes", "crs=http://www.opengis.net/def/crs/EPSG/0/32632&datetime=2020-01-01/..", nil},
		{5, "buildings", "type=yes&height=9&f=json", nil},
		{6, "buildings/w94252399", "crs=[EPSG:4490]", nil},
		{7, "roads", "point=7.42,43.73&k=5", nil},
		{7, "buildings", "point=1e308,1e308&point-crs=EPSG:3857", nil},
		{8, "buildings", "relation=intersects&limit=3", poly},
		{8, "buildings", "filter-crs=EPSG:3857", []byte(`{"type":"Polygon","coordinates":[[[0,0],[1e300,0],[1e300,1e300],[0,0]]]}`)},
		{8, "roads", "", []byte(`{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]}}`)},
		{9, "", "point=7.4213,43.7311&depth=0,10&tolerance=50&layers=pipes", nil},
		{10, "", "point=7.42,43.73&point-crs=EPSG:32632", nil},
		{11, "", "point=7.4246,43.7375", nil},
		{13, "22/4194303/4194303.mvt", "", nil},
		{13, "3/8/0.mvt", "", nil},
		{16, "", "", nil},
		{nr - 1, "collections/buildings/items/%2F..%2F", "", nil},
		{nr - 1, "collections//items", "bbox=", []byte("x")},
		{nr + 5, "", "", nil},        // HEAD items
		{2*nr + 8, "roads", "", nil}, // OPTIONS within: a preflight
		{3*nr + 3, "", "", nil},      // DELETE collections: 405
	}
	for _, s := range seeds {
		f.Add(s.route, s.elems, s.query, s.body)
	}
	// CORS on, so that preflights and the allow-origin path run too.
	srv, err := New(sampleWorld(f), Config{MaxBody: 1 << 16, CORSOrigins: []string{"https://maps.test"}}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, route uint8, elems, query string, body []byte) {
		method, target := fuzzTarget(route, elems, query, body)
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return // net/http refuses such a request line before routing
		}
		req := &http.Request{Method: method, URL: u, RequestURI: target, Host: "twin.test",
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Origin": {"https://maps.test"}, "Access-Control-Request-Method": {"POST"}},
			Body:   io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if err := answerError(method+" "+target, u.Path, rec); err != nil {
			t.Fatal(err)
		}
	})
}

// answerError says what is wrong with rec, the answer to the request what
// for path, or nil when it is well formed and below 500.
func answerError(what, path string, rec *httptest.ResponseRecorder) error {
	code, body := rec.Code, rec.Body.Bytes()
	// A route still stubbed out answers 501 Not Implemented, whatever the
	// request: a gap, not a failure.
	if code >= 500 && code != http.StatusNotImplemented {
		return fmt.Errorf("%s: status %d: %s", what, code, body)
	}
	ct, _, _ := strings.Cut(rec.Header().Get("Content-Type"), ";")
	switch {
	case code == http.StatusNotModified || code == http.StatusNoContent:
		if len(body) > 0 {
			return fmt.Errorf("%s: status %d with a body: %.200s", what, code, body)
		}
	case code >= 300 && code < 400:
		// net/http.ServeMux redirects unclean paths (// or /../) to the
		// clean one.
		if rec.Header().Get("Location") == "" {
			return fmt.Errorf("%s: redirect %d without Location", what, code)
		}
	case ct == "application/problem+json":
		var p Problem
		if err := json.Unmarshal(body, &p); err != nil || p.Status != code || code < 400 {
			return fmt.Errorf("%s: status %d with problem %+v (%v): %s", what, code, p, err, body)
		}
	case ct == typeJSON || ct == typeGeoJSON || ct == "application/vnd.oai.openapi+json":
		if !json.Valid(body) {
			return fmt.Errorf("%s: status %d: invalid JSON: %.300s", what, code, body)
		}
	case ct == typeMVT:
		if _, err := mvt.Unmarshal(body); err != nil {
			return fmt.Errorf("%s: the tile does not decode: %v", what, err)
		}
	case ct == "text/plain":
		if path != "/healthz" && path != "/readyz" && path != "/metrics" {
			return fmt.Errorf("%s: text answer from a data route: %.200s", what, body)
		}
	default:
		return fmt.Errorf("%s: status %d with content type %q: %.200s", what, code, ct, body)
	}
	return nil
}

// TestAnswerError makes sure the fuzz oracle has teeth.
func TestAnswerError(t *testing.T) {
	tests := []struct {
		name, path, ct string
		code           int
		body           string
		ok             bool
	}{
		{"problem", "/collections/x", "application/problem+json", 404, `{"type":"about:blank","title":"Not Found","status":404}`, true},
		{"geojson", "/collections/x/items", typeGeoJSON, 200, `{"type":"FeatureCollection","features":[]}`, true},
		{"metrics", "/metrics", "text/plain; version=0.0.4", 200, "# HELP x\n", true},
		{"a 500", "/collections/x/items", "application/problem+json", 500, `{"type":"about:blank","title":"Internal Server Error","status":500}`, false},
		{"a 502", "/", typeJSON, 502, `{}`, false},
		{"truncated JSON", "/collections/x/items", typeGeoJSON, 200, `{"type":"FeatureCollection","features":[`, false},
		{"problem status differs", "/x", "application/problem+json", 400, `{"type":"about:blank","title":"Not Found","status":404}`, false},
		{"text from a data route", "/collections", "text/plain", 200, "ok", false},
		{"HTML", "/", "text/html", 200, "<p>", false},
		{"a broken tile", "/tiles/1/0/0.mvt", typeMVT, 200, "\xff\xff\xff", false},
		{"204 with a body", "/x", "", 204, "x", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			if tc.ct != "" {
				rec.Header().Set("Content-Type", tc.ct)
			}
			rec.WriteHeader(tc.code)
			rec.WriteString(tc.body)
			if err := answerError("GET "+tc.path, tc.path, rec); (err == nil) != tc.ok {
				t.Errorf("answerError = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The error cases of the spatial API issue: every refusal is an RFC 7807
// problem+json document whose status matches the response's, and a 400
// names the parameter at fault. TestErrorStatuses (server_test.go) holds the
// first few; these cover each parameter of each route.

// doProblem sends a request and decodes the problem document it must get
// back with status want.
func doProblem(t *testing.T, req *http.Request, want int) (*Problem, http.Header) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL.RequestURI(), resp.StatusCode, want, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("content type %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, body)
	}
	if p.Status != want || p.Title != http.StatusText(want) || p.Type == "" {
		t.Errorf("problem %+v does not match status %d", p, want)
	}
	return &p, resp.Header
}

func TestBadParameters(t *testing.T) {
	ts := newTestServer(t, Config{})
	const ring = `[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.74],[7.42,43.73]]`
	tests := []struct {
		name, path, param string
		body              string // non-empty: POST
	}{
		// bbox: 4 or 6 finite numbers, lower corner first, in range
		// (OGC API – Features Part 1, /req/core/fc-bbox-definition).
		{"bbox of 3 numbers", "/collections/buildings/items?bbox=1,2,3", "bbox", ""},
		{"bbox of 5 numbers", "/collections/buildings/items?bbox=7,43,8,44,5", "bbox", ""},
		{"NaN in bbox", "/collections/buildings/items?bbox=NaN,43,7.5,43.8", "bbox", ""},
		{"Inf in bbox", "/collections/buildings/items?bbox=-Inf,43,7.5,43.8", "bbox", ""},
		{"word in bbox", "/collections/buildings/items?bbox=7,43,east,44", "bbox", ""},
		{"empty bbox", "/collections/buildings/items?bbox=", "bbox", ""},
		{"latitude above 90", "/collections/buildings/items?bbox=7,43,8,91", "bbox", ""},
		{"latitude above 90 in lat/lon order", "/collections/buildings/items?bbox=43,7,91,8&bbox-crs=EPSG:4326", "bbox", ""},
		{"longitude beyond 180", "/collections/buildings/items?bbox=7,43,181,44", "bbox", ""},
		{"upper corner below lower", "/collections/buildings/items?bbox=8,44,7,43", "bbox", ""},
		// limit 1..MaxLimit (default 10000, Config), offset ≥ 0.
		{"negative limit", "/collections/buildings/items?limit=-1", "limit", ""},
		{"zero limit", "/collections/buildings/items?limit=0", "limit", ""},
		{"too large limit", "/collections/buildings/items?limit=10001", "limit", ""},
		{"limit beyond int64", "/collections/buildings/items?limit=99999999999999999999", "limit", ""},
		{"fractional limit", "/collections/buildings/items?limit=2.5", "limit", ""},
		{"negative offset", "/collections/buildings/items?offset=-3", "offset", ""},
		// CRSs: unknown, or known but not offered (Part 2, /req/crs/crs-action).
		{"unknown crs", "/collections/buildings/items?crs=EPSG:99999", "crs", ""},
		{"crs not offered", "/collections/buildings/items?crs=EPSG:32633", "crs", ""},
		{"unknown bbox-crs", "/collections/buildings/items?bbox=1,2,3,4&bbox-crs=foo", "bbox-crs", ""},
		{"unknown item crs", "/collections/buildings/items/x?crs=urn:nothing", "crs", ""},
		// datetime: RFC 3339 instants and intervals (Part 1, /req/core/fc-time-definition).
		{"bad datetime", "/collections/buildings/items?datetime=yesterday", "datetime", ""},
		{"open instant", "/collections/buildings/items?datetime=..", "datetime", ""},
		{"reversed interval", "/collections/buildings/items?datetime=2024-02-01T00:00:00Z/2024-01-01T00:00:00Z", "datetime", ""},
		{"bad format", "/collections/buildings/items?f=xml", "f", ""},
		// point: exactly two finite numbers within the CRS's range.
		{"missing point", "/collections/buildings/nearest", "point", ""},
		{"point of 3 numbers", "/collections/buildings/nearest?point=7.42,43.73,5", "point", ""},
		{"point of words", "/elevation?point=east,north", "point", ""},
		{"NaN point", "/building?point=NaN,43.73", "point", ""},
		{"point latitude above 90", "/under?point=7.42,90.5", "point", ""},
		{"point in lat/lon order out of range", "/building?point=7.42,543.73&point-crs=EPSG:4326", "point", ""},
		{"unknown point-crs", "/elevation?point=7.42,43.73&point-crs=EPSG:0", "point-crs", ""},
		// k: 1..MaxLimit.
		{"zero k", "/collections/buildings/nearest?point=7.42,43.73&k=0", "k", ""},
		{"negative k", "/collections/buildings/nearest?point=7.42,43.73&k=-2", "k", ""},
		{"too large k", "/collections/buildings/nearest?point=7.42,43.73&k=10001", "k", ""},
		{"word k", "/collections/buildings/nearest?point=7.42,43.73&k=many", "k", ""},
		// depth: a,b with 0 ≤ a ≤ b metres; tolerance in (0, 1000] metres; limit 1..MaxLimit.
		{"reversed depth", "/under?point=7.42,43.73&depth=5,1", "depth", ""},
		{"negative depth", "/under?point=7.42,43.73&depth=-1,3", "depth", ""},
		{"one depth", "/under?point=7.42,43.73&depth=3", "depth", ""},
		{"NaN depth", "/under?point=7.42,43.73&depth=0,NaN", "depth", ""},
		{"zero tolerance", "/under?point=7.42,43.73&tolerance=0", "tolerance", ""},
		{"too large tolerance", "/under?point=7.42,43.73&tolerance=1001", "tolerance", ""},
		{"unknown layer", "/under?point=7.42,43.73&layers=pipes,sewers", "layers", ""},
		{"zero under limit", "/under?point=7.42,43.73&limit=0", "limit", ""},
		{"too large under limit", "/under?point=7.42,43.73&limit=10001", "limit", ""},
		// within: relation, filter-crs, limit and the polygon body.
		{"bad relation", "/collections/buildings/within?relation=touches", "relation", `{"type":"Polygon","coordinates":[` + ring + `]}`},
		{"bad filter-crs", "/collections/buildings/within?filter-crs=nope", "filter-crs", `{"type":"Polygon","coordinates":[` + ring + `]}`},
		{"within limit 0", "/collections/buildings/within?limit=0", "limit", `{"type":"Polygon","coordinates":[` + ring + `]}`},
		{"body not JSON", "/collections/buildings/within", "body", `POLYGON((7 43, 8 43, 8 44, 7 43))`},
		{"body a point", "/collections/buildings/within", "body", `{"type":"Point","coordinates":[7.42,43.73]}`},
		{"open ring", "/collections/buildings/within", "body", `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.74]]]}`},
		{"ring of 3", "/collections/buildings/within", "body", `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.42,43.73]]]}`},
		{"body latitude 95", "/collections/buildings/within", "body", `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,95],[7.43,43.74],[7.42,43.73]]]}`},
		{"empty polygon", "/collections/buildings/within", "body", `{"type":"Polygon","coordinates":[]}`},
		// tiles: 0 ≤ z ≤ 22, 0 ≤ x, y < 2^z (XYZ scheme), y written with .mvt.
		{"zoom 23", "/tiles/23/0/0.mvt", "z", ""},
		{"zoom a word", "/tiles/z/0/0.mvt", "z", ""},
		{"x = 2^z", "/tiles/3/8/0.mvt", "x", ""},
		{"negative x", "/tiles/3/-1/0.mvt", "x", ""},
		{"y = 2^z", "/tiles/3/0/8.mvt", "y", ""},
		{"y without .mvt", "/tiles/3/0/0", "y", ""},
		{"y as png", "/tiles/3/0/0.png", "y", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method, body := "GET", io.Reader(nil)
			if tc.body != "" {
				method, body = "POST", strings.NewReader(tc.body)
			}
			req, _ := http.NewRequest(method, ts.URL+tc.path, body)
			p, _ := doProblem(t, req, http.StatusBadRequest)
			if p.Param != tc.param {
				t.Errorf("parameter %q, want %q (%s)", p.Param, tc.param, p.Detail)
			}
		})
	}
}

func TestUnauthorized(t *testing.T) {
	const token = "s3cret-Tok3n"
	tests := []struct {
		name   string
		cfg    Config
		method string
		path   string
		auth   string
		want   int
	}{
		{"write without a token", Config{Token: token}, "POST", "/deltas", "", 401},
		{"write with a wrong token", Config{Token: token}, "POST", "/deltas", "Bearer " + token + "x", 401},
		{"write with a token prefix", Config{Token: token}, "POST", "/deltas", "Bearer " + token[:4], 401},
		{"write with basic auth", Config{Token: token}, "POST", "/deltas", "Basic czNjcmV0LVRvazNu", 401},
		{"write with the token", Config{Token: token}, "POST", "/deltas", "Bearer " + token, 202},
		{"write when no token is configured", Config{}, "POST", "/deltas", "Bearer ", 401},
		{"open read", Config{Token: token}, "GET", "/collections", "", 200},
		{"protected read without a token", Config{Token: token, ProtectReads: true}, "GET", "/collections", "", 401},
		{"protected read with a wrong token", Config{Token: token, ProtectReads: true}, "GET", "/collections/buildings/items", "Bearer nope", 401},
		{"protected read with the token", Config{Token: token, ProtectReads: true}, "GET", "/collections", "Bearer " + token, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			s, err := New(sampleWorld(t), tc.cfg, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
			if err != nil {
				t.Fatal(err)
			}
			// No write route exists yet; register one as delta ingest will.
			s.Handle("POST /deltas", "deltas", true, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusAccepted)
			}))
			ts := httptest.NewServer(s)
			defer ts.Close()
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(`{}`))
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			if tc.want == http.StatusUnauthorized {
				_, h := doProblem(t, req, tc.want)
				if got := h.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
					t.Errorf("WWW-Authenticate %q, want a Bearer challenge (RFC 6750 §3)", got)
				}
			} else {
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != tc.want {
					t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
				}
			}
			// The access log is written after the response; Close waits
			// for the handler to finish before the log is read.
			ts.Close()
			if strings.Contains(logs.String(), token[:6]) {
				t.Errorf("the token appears in the log:\n%s", logs.String())
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	ts := newTestServer(t, Config{})
	poly := `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.73]]]}`
	tests := []struct{ name, method, path, body string }{
		{"unknown collection", "GET", "/collections/rivers", ""},
		{"unknown collection items", "GET", "/collections/rivers/items", ""},
		{"unknown collection item", "GET", "/collections/rivers/items/1", ""},
		{"unknown collection nearest", "GET", "/collections/rivers/nearest?point=7.42,43.73", ""},
		{"unknown collection within", "POST", "/collections/rivers/within", poly},
		{"unknown feature", "GET", "/collections/buildings/items/nope", ""},
		{"escaped unknown feature", "GET", "/collections/buildings/items/w1%2Fx", ""},
		{"unknown path", "GET", "/nothing/here", ""},
		{"items with a trailing slash", "GET", "/collections/buildings/items/", ""},
		// (0, 0) lies in the Gulf of Guinea, far from the sample's terrain.
		{"no terrain there", "GET", "/elevation?point=0,0", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			doProblem(t, req, http.StatusNotFound)
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	ts := newTestServer(t, Config{})
	tests := []struct{ method, path, allow string }{
		// GET routes also answer HEAD (net/http.ServeMux, RFC 9110 §9.3.2).
		{"DELETE", "/collections/buildings/items", "GET, HEAD"},
		{"POST", "/collections", "GET, HEAD"},
		{"PUT", "/api", "GET, HEAD"},
		{"PATCH", "/collections/buildings/items/w1", "GET, HEAD"},
		{"GET", "/collections/buildings/within", "POST"},
		{"DELETE", "/tiles/1/0/0.mvt", "GET, HEAD"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
			_, h := doProblem(t, req, http.StatusMethodNotAllowed)
			if got := h.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}

func TestPayloadTooLarge(t *testing.T) {
	const maxBody = 1024
	ts := newTestServer(t, Config{MaxBody: maxBody})
	// A valid polygon padded with whitespace past the limit: only its size
	// is wrong.
	poly := `{"type":"Polygon","coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.73]]]}`
	big := poly + strings.Repeat(" ", 2*maxBody)
	tests := []struct {
		name string
		body func() io.Reader
		want int
	}{
		{"declared length over the limit", func() io.Reader { return strings.NewReader(big) }, 413},
		// A chunked body has no declared length: the limit trips while reading.
		{"chunked body over the limit", func() io.Reader { return io.MultiReader(strings.NewReader(big)) }, 413},
		{"body at the limit", func() io.Reader { return strings.NewReader(poly + strings.Repeat(" ", maxBody-len(poly))) }, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/collections/buildings/within", tc.body())
			if tc.want != http.StatusOK {
				doProblem(t, req, tc.want)
				return
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
}

package api

// The server's operational behaviour: probes, metrics, CORS, the bearer
// token, logs that keep secrets out, body limits and request timeouts.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines to log
// into while a test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// opsServer serves the sample city with cfg, logging JSON at debug level
// into the returned buffer; setup, if not nil, registers extra routes or the
// readiness check before serving.
func opsServer(t *testing.T, cfg Config, setup func(*Server)) (*httptest.Server, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := New(sampleWorld(t), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(s)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, logs
}

// do sends one request and returns the response with its body read.
func do(t *testing.T, method, url string, header http.Header, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// isProblem reports whether a response is an RFC 7807 problem with status.
func isProblem(resp *http.Response, body []byte, status int) bool {
	var p Problem
	return resp.StatusCode == status && resp.Header.Get("Content-Type") == "application/problem+json" &&
		json.Unmarshal(body, &p) == nil && p.Status == status
}

// writeRoute is a state-changing route for the tests: it reads the body and
// answers 200 "applied", or 413 when the body is over the limit.
var writeRoute = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if _, err := io.ReadAll(r.Body); err != nil {
		writeProblem(w, problem(http.StatusRequestEntityTooLarge, "", "%v", err))
		return
	}
	w.Write([]byte("applied\n"))
})

func TestProbes(t *testing.T) {
	var ready atomic.Bool
	ts, _ := opsServer(t, Config{}, func(s *Server) { s.SetReady(ready.Load) })
	guarded, _ := opsServer(t, Config{Token: "probe-secret", ProtectReads: true}, nil)
	tests := []struct {
		name   string
		url    string
		ready  bool
		status int
		body   string // "" for a problem
	}{
		{"healthz", ts.URL + "/healthz", true, 200, "ok\n"},
		{"readyz", ts.URL + "/readyz", true, 200, "ready\n"},
		{"readyz when not ready", ts.URL + "/readyz", false, 503, ""},
		{"healthz while not ready", ts.URL + "/healthz", false, 200, "ok\n"},
		{"healthz with reads protected", guarded.URL + "/healthz", true, 200, "ok\n"},
		{"readyz with reads protected", guarded.URL + "/readyz", true, 200, "ready\n"},
		{"data with reads protected", guarded.URL + "/collections", true, 401, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ready.Store(tc.ready)
			resp, body := do(t, "GET", tc.url, nil, nil)
			if tc.body == "" {
				if !isProblem(resp, body, tc.status) {
					t.Errorf("%d %q, want a %d problem", resp.StatusCode, body, tc.status)
				}
			} else if resp.StatusCode != tc.status || string(body) != tc.body {
				t.Errorf("%d %q, want %d %q", resp.StatusCode, body, tc.status, tc.body)
			}
		})
	}
}

// scrape fetches /metrics and parses the text exposition format.
func scrape(t *testing.T, ts *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	resp, body := do(t, "GET", ts.URL+"/metrics", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mf, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("/metrics is not the text format: %v", err)
	}
	return mf
}

// metricValue returns the value of the family's metric whose labels include
// want (counter, gauge or histogram count); ok is false when none does.
func metricValue(mf *dto.MetricFamily, want map[string]string) (v float64, ok bool) {
	if mf == nil {
		return 0, false
	}
	for _, m := range mf.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			match = match && have[k] == v
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// TestMetrics makes a known set of requests and reads them back from
// /metrics: the expected counts are those requests, and the features served
// are the page sizes asked for (5 + 5 + 1 buildings).
func TestMetrics(t *testing.T) {
	ts, _ := opsServer(t, Config{}, nil)
	for _, path := range []string{
		"/collections/buildings/items?limit=5",
		"/collections/buildings/items?limit=5&offset=5",
		"/collections/buildings/items/w104863465",
		"/collections/rivers/items",
		"/no/such/path",
	} {
		do(t, "GET", ts.URL+path, nil, nil)
	}
	mf := scrape(t, ts)
	tests := []struct {
		family string
		labels map[string]string
		want   float64
	}{
		{"twin_http_requests_total", map[string]string{"route": "items", "method": "GET", "code": "200"}, 2},
		{"twin_http_requests_total", map[string]string{"route": "item", "method": "GET", "code": "200"}, 1},
		{"twin_http_requests_total", map[string]string{"route": "items", "method": "GET", "code": "404"}, 1},
		{"twin_http_requests_total", map[string]string{"route": "unmatched", "method": "GET", "code": "404"}, 1},
		{"twin_http_request_duration_seconds", map[string]string{"route": "items"}, 3},
		{"twin_features_served_total", map[string]string{"collection": "buildings"}, 11},
		{"twin_world_version", nil, float64(sampleWorld(t).Snapshot().Version())},
	}
	for _, tc := range tests {
		t.Run(tc.family, func(t *testing.T) {
			if got, ok := metricValue(mf[tc.family], tc.labels); !ok || got != tc.want {
				t.Errorf("%s%v = %v (found %v), want %v", tc.family, tc.labels, got, ok, tc.want)
			}
		})
	}
	// Each Server has its own registry: a second one has counted nothing.
	other, _ := opsServer(t, Config{}, nil)
	if got, ok := metricValue(scrape(t, other)["twin_features_served_total"], nil); ok {
		t.Errorf("a fresh server reports %v features served", got)
	}
}

// TestCORS: the configured origin gets Access-Control-Allow-Origin on simple
// requests, errors included (so a browser can read the problem), and on
// preflights, which are answered 204 with the methods and headers allowed;
// other origins get no CORS headers, and a server without CORS origins
// sends none. "*" allows any origin.
func TestCORS(t *testing.T) {
	const site = "https://map.example.org"
	one, _ := opsServer(t, Config{CORSOrigins: []string{site}}, func(s *Server) {
		s.Handle("POST /deltas", "deltas", true, writeRoute)
	})
	anyOrigin, _ := opsServer(t, Config{CORSOrigins: []string{"*"}}, nil)
	none, _ := opsServer(t, Config{}, nil)
	preflight := func(origin, method string) http.Header {
		return http.Header{"Origin": {origin}, "Access-Control-Request-Method": {method},
			"Access-Control-Request-Headers": {"authorization, content-type"}}
	}
	items := "/collections/buildings/items?limit=1"
	tests := []struct {
		name, method, url string
		header            http.Header
		status            int
		allow             string // wanted Access-Control-Allow-Origin ("" none)
	}{
		{"simple GET, allowed origin", "GET", one.URL + items, http.Header{"Origin": {site}}, 200, site},
		{"simple GET, other origin", "GET", one.URL + items, http.Header{"Origin": {"https://evil.example"}}, 200, ""},
		{"no Origin", "GET", one.URL + items, nil, 200, ""},
		{"404, allowed origin", "GET", one.URL + "/collections/rivers", http.Header{"Origin": {site}}, 404, site},
		{"401 on a write, allowed origin", "POST", one.URL + "/deltas", http.Header{"Origin": {site}}, 401, site},
		{"preflight GET, allowed origin", "OPTIONS", one.URL + items, preflight(site, "GET"), 204, site},
		{"preflight POST, allowed origin", "OPTIONS", one.URL + "/collections/buildings/within", preflight(site, "POST"), 204, site},
		{"preflight write, allowed origin", "OPTIONS", one.URL + "/deltas", preflight(site, "POST"), 204, site},
		{"preflight, other origin", "OPTIONS", one.URL + items, preflight("https://evil.example", "GET"), 405, ""},
		{"any origin", "GET", anyOrigin.URL + items, http.Header{"Origin": {"https://evil.example"}}, 200, "*"},
		{"CORS not configured", "GET", none.URL + items, http.Header{"Origin": {site}}, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, tc.method, tc.url, tc.header, nil)
			h := resp.Header
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.200s", resp.StatusCode, tc.status, body)
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != tc.allow {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tc.allow)
			}
			if tc.allow == "" {
				return
			}
			if tc.allow != "*" && !strings.Contains(h.Get("Vary"), "Origin") {
				t.Errorf("Vary %q lacks Origin (caches would mix origins)", h.Get("Vary"))
			}
			if tc.method == "OPTIONS" {
				methods := h.Get("Access-Control-Allow-Methods")
				hdrs := strings.ToLower(h.Get("Access-Control-Allow-Headers"))
				if !strings.Contains(methods, tc.header.Get("Access-Control-Request-Method")) ||
					!strings.Contains(hdrs, "authorization") || !strings.Contains(hdrs, "content-type") {
					t.Errorf("preflight allows methods %q, headers %q", methods, hdrs)
				}
			} else if !strings.Contains(h.Get("Access-Control-Expose-Headers"), "Content-Crs") {
				t.Errorf("Access-Control-Expose-Headers %q lacks Content-Crs", h.Get("Access-Control-Expose-Headers"))
			}
		})
	}
}

// TestBearerToken: a route registered with write set needs the bearer token
// (401 with a Bearer challenge otherwise); reads stay open by default; with
// ProtectReads they need it too; a server without a token refuses writes.
func TestBearerToken(t *testing.T) {
	const token = "tok-3f9a-correct-horse"
	write := func(s *Server) { s.Handle("POST /deltas", "deltas", true, writeRoute) }
	open, _ := opsServer(t, Config{Token: token}, write)
	guarded, _ := opsServer(t, Config{Token: token, ProtectReads: true}, write)
	noToken, _ := opsServer(t, Config{}, write)
	bearer := func(v string) http.Header { return http.Header{"Authorization": {v}} }
	tests := []struct {
		name, method, url string
		header            http.Header
		status            int
	}{
		{"write, no token", "POST", open.URL + "/deltas", nil, 401},
		{"write, wrong token", "POST", open.URL + "/deltas", bearer("Bearer wrong"), 401},
		{"write, token with a suffix", "POST", open.URL + "/deltas", bearer("Bearer " + token + "x"), 401},
		{"write, token as a prefix", "POST", open.URL + "/deltas", bearer("Bearer " + token[:8]), 401},
		{"write, Basic scheme", "POST", open.URL + "/deltas", bearer("Basic " + token), 401},
		{"write, right token", "POST", open.URL + "/deltas", bearer("Bearer " + token), 200},
		{"write, scheme in lower case", "POST", open.URL + "/deltas", bearer("bearer " + token), 200},
		{"read, no token", "GET", open.URL + "/collections", nil, 200},
		{"protected read, no token", "GET", guarded.URL + "/collections", nil, 401},
		{"protected read, wrong token", "GET", guarded.URL + "/collections/buildings/items", bearer("Bearer nope"), 401},
		{"protected read, right token", "GET", guarded.URL + "/collections", bearer("Bearer " + token), 200},
		{"protected metrics, no token", "GET", guarded.URL + "/metrics", nil, 401},
		{"protected write, right token", "POST", guarded.URL + "/deltas", bearer("Bearer " + token), 200},
		{"server without a token, write", "POST", noToken.URL + "/deltas", bearer("Bearer " + token), 401},
		{"server without a token, empty bearer", "POST", noToken.URL + "/deltas", bearer("Bearer "), 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, tc.method, tc.url, tc.header, strings.NewReader("{}"))
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.200s", resp.StatusCode, tc.status, body)
			}
			if tc.status != 401 {
				return
			}
			if !isProblem(resp, body, 401) {
				t.Errorf("not a 401 problem: %s", body)
			}
			if got := resp.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
				t.Errorf("WWW-Authenticate %q, want a Bearer challenge (RFC 6750)", got)
			}
		})
	}
	if _, err := New(sampleWorld(t), Config{ProtectReads: true}, nil); !errors.Is(err, ErrConfig) {
		t.Errorf("ProtectReads without a token: %v, want ErrConfig", err)
	}
}

// TestTokenNeverLogged sends the token, and near misses of it, in every
// place a client might put it, and checks that none reaches the access log,
// which still has a line for each request.
func TestTokenNeverLogged(t *testing.T) {
	const token, wrong = "s3cr3t-token-7d1c", "s3cr3t-token-typo"
	ts, logs := opsServer(t, Config{Token: token}, func(s *Server) {
		s.Handle("POST /deltas", "deltas", true, writeRoute)
	})
	reqs := []struct {
		method, path, auth string
	}{
		{"POST", "/deltas", "Bearer " + token},
		{"POST", "/deltas", "Bearer " + wrong},
		{"GET", "/collections", "Bearer " + token},
		{"GET", "/collections/buildings/items?access_token=" + token + "&limit=1", ""},
		{"GET", "/collections/buildings/items?token=" + wrong + "&bbox=1,2,3", ""},
		{"GET", "/no/such/path?token=" + token, "Bearer " + token},
	}
	for _, r := range reqs {
		h := http.Header{}
		if r.auth != "" {
			h.Set("Authorization", r.auth)
		}
		do(t, r.method, ts.URL+r.path, h, strings.NewReader(`{"token":"`+token+`"}`))
	}
	ts.Close() // waits for the handlers, so every log line is written
	out := logs.String()
	for _, secret := range []string{token, wrong} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	n := 0
	for line := range strings.Lines(out) {
		var rec struct{ Msg, Route string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, line)
		}
		if rec.Msg == "request" && rec.Route != "" {
			n++
		}
	}
	if n != len(reqs) {
		t.Errorf("%d access-log lines for %d requests:\n%s", n, len(reqs), out)
	}
}

// TestMaxBody: a body over Config.MaxBody is a 413 problem, whether its
// length is declared or it arrives chunked; the handler behind a declared
// oversize body never runs.
func TestMaxBody(t *testing.T) {
	const limit, token = 1024, "body-token"
	var calls atomic.Int32
	ts, _ := opsServer(t, Config{MaxBody: limit, Token: token}, func(s *Server) {
		s.Handle("POST /deltas", "deltas", true, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			writeRoute(w, r)
		}))
	})
	poly := `{"type":"Polygon","coordinates":[[[7.420,43.730],[7.425,43.730],[7.425,43.735],[7.420,43.735],[7.420,43.730]]]}`
	big := poly + strings.Repeat(" ", 2*limit)
	auth := http.Header{"Authorization": {"Bearer " + token}}
	chunked := func(s string) io.Reader { return io.MultiReader(strings.NewReader(s)) } // no length: sent chunked
	tests := []struct {
		name, path string
		body       io.Reader
		status     int
	}{
		{"within, small polygon", "/collections/buildings/within", strings.NewReader(poly), 200},
		{"within, declared oversize", "/collections/buildings/within", strings.NewReader(big), 413},
		{"within, chunked oversize", "/collections/buildings/within", chunked(big), 413},
		{"write, declared oversize", "/deltas", strings.NewReader(big), 413},
		{"write, chunked oversize", "/deltas", chunked(big), 413},
		{"write, at the limit", "/deltas", strings.NewReader(strings.Repeat("x", limit)), 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, "POST", ts.URL+tc.path, auth, tc.body)
			if tc.status == 200 && resp.StatusCode != 200 || tc.status != 200 && !isProblem(resp, body, tc.status) {
				t.Errorf("%d %.200s, want %d", resp.StatusCode, body, tc.status)
			}
		})
	}
	// Declared oversize never reaches the handler; chunked and at-limit do.
	if got := calls.Load(); got != 2 {
		t.Errorf("the write handler ran %d times, want 2", got)
	}
}

// TestRequestTimeout: a handler sees a context whose deadline is the
// configured Timeout and that ends with DeadlineExceeded, so a handler that
// waits on it answers instead of hanging. The 10 s guard only catches a
// missing deadline (the default would be 30 s); no timing is asserted.
func TestRequestTimeout(t *testing.T) {
	const timeout = 50 * time.Millisecond
	type seen struct {
		deadline time.Duration
		err      error
	}
	got := make(chan seen, 1)
	ts, _ := opsServer(t, Config{Timeout: timeout}, func(s *Server) {
		s.Handle("GET /slow", "slow", false, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			dl, ok := r.Context().Deadline()
			if !ok {
				dl = start.Add(time.Hour)
			}
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			got <- seen{dl.Sub(start), r.Context().Err()}
			writeProblem(w, problem(http.StatusServiceUnavailable, "", "gave up waiting"))
		}))
	})
	resp, body := do(t, "GET", ts.URL+"/slow", nil, nil)
	g := <-got
	if g.deadline <= 0 || g.deadline > timeout {
		t.Errorf("deadline %v after the handler started, want within %v", g.deadline, timeout)
	}
	if !errors.Is(g.err, context.DeadlineExceeded) {
		t.Errorf("context ended with %v, want DeadlineExceeded", g.err)
	}
	if !isProblem(resp, body, 503) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}

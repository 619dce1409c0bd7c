package api

// The live routes: POST /deltas against the sample city, and the shared
// fixtures of the stream tests.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"twin/engine"
	"twin/engine/live"
	"twin/geo"
	"twin/internal/samplecity"
)

const liveToken = "s3cret"

// liveClock is the server clock of the live tests: the issue's example
// deltas are stamped 2026-11-23T08:00:00Z–08:00:04Z, and deltas more than
// engine.MaxFuture ahead of the clock are refused.
var liveClock = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// liveFixture is a server with the live routes over a real loopback
// listener.
type liveFixture struct {
	ts    *httptest.Server
	srv   *Server
	store *live.Store
}

// newLiveFixture serves w with a live Store (opt) and the token; tune, if
// not nil, adjusts the live routes before serving.
func newLiveFixture(t testing.TB, w *engine.World, cfg Config, opt live.Options, tune func(*liveRoutes)) *liveFixture {
	t.Helper()
	srv, st := mountLive(t, w, cfg, opt, tune)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Cleanup(srv.CloseStreams) // first: ts.Close waits for open streams
	return &liveFixture{ts: ts, srv: srv, store: st}
}

// mountLive opens a live Store on w and a Server with its live routes (the
// clock at liveClock); the test's cleanup closes both.
func mountLive(t testing.TB, w *engine.World, cfg Config, opt live.Options, tune func(*liveRoutes)) (*Server, *live.Store) {
	t.Helper()
	st, err := live.Open(context.Background(), w, opt)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Token = liveToken
	srv, err := New(w, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.MountLive(st)
	srv.live.now = func() time.Time { return liveClock }
	if tune != nil {
		tune(srv.live)
	}
	t.Cleanup(func() {
		srv.CloseStreams()
		st.Close()
	})
	return srv, st
}

// freshSampleWorld loads the embedded sample city into a World of its own
// (the live tests change it; sampleWorld is shared). About 0.5 s.
func freshSampleWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := samplecity.World(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// smallWorld is a one-road city in UTM 32N (Monaco's zone), for the stream
// tests, which need a geodetic CRS but not the sample city.
func smallWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := w.Snapshot().FromLonLat(7.42, 43.73)
	q, _ := w.Snapshot().FromLonLat(7.43, 43.73)
	if _, err := w.Update(func(tx *engine.Tx) error {
		_, err := tx.Put(geo.LayerRoads, &geo.Road{ID: "w1", Line: orb.LineString{p, q}, Class: "primary"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return w
}

// postDeltas POSTs body to /deltas with the content type and token (none
// when empty) and returns the status and body.
func postDeltas(t testing.TB, base, body, contentType, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/deltas", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
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
	return resp.StatusCode, b
}

// mustPost POSTs an NDJSON batch that must be acknowledged, and returns the
// acknowledgement.
func mustPost(t testing.TB, base, body string) live.Result {
	t.Helper()
	code, b := postDeltas(t, base, body, "application/x-ndjson", liveToken)
	var r live.Result
	if code != 200 || json.Unmarshal(b, &r) != nil {
		t.Fatalf("POST /deltas: %d %s", code, b)
	}
	return r
}

// sensorUpsert and readingLine are NDJSON lines of the wire format.
func sensorUpsert(src string, seq uint64, id string) string {
	return fmt.Sprintf(`{"source":%q,"seq":%d,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":%q,"geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"type":"water_level","unit":"m"}}`, src, seq, id)
}

func readingLine(src string, seq uint64, id string, v float64) string {
	return fmt.Sprintf(`{"source":%q,"seq":%d,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":%q,"value":%g}`, src, seq, id, v)
}

// feature fetches one item and decodes it.
func feature(t *testing.T, ts *httptest.Server, collection, id string) (int, struct {
	Geometry   struct{ Coordinates json.RawMessage }
	Properties map[string]any
}) {
	t.Helper()
	code, _, body := get(t, ts, "/collections/"+collection+"/items/"+id)
	var f struct {
		Geometry   struct{ Coordinates json.RawMessage }
		Properties map[string]any
	}
	if code == 200 {
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatalf("%s/%s: %v", collection, id, err)
		}
	}
	return code, f
}

// TestPostDeltasIssueExample sends the issue's example batch: an upsert, a
// reading, a move and a closure of a real road of the sample city, then
// checks the API shows each effect, that a resend is all duplicates, and
// that the example's delete removes the sensor.
func TestPostDeltasIssueExample(t *testing.T) {
	f := newLiveFixture(t, freshSampleWorld(t), Config{}, live.Options{Dir: t.TempDir()}, nil)
	road := firstID(t, f.ts, "roads")
	// The example moves ambulance amb-3, which the sample city lacks: a
	// fleet feed registers it first.
	r := mustPost(t, f.ts.URL, `{"source":"fleet","seq":1,"ts":"2026-11-23T07:59:00Z","kind":"upsert","layer":"units","id":"amb-3","geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"type":"ambulance"}}`)
	if r != (live.Result{Applied: 1, Version: 1}) {
		t.Fatalf("registering amb-3: %+v", r)
	}
	example := `{"source":"s1","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":"g1","geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"type":"water_level","unit":"m"}}
{"source":"s1","seq":2,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":"g1","value":0.42}
{"source":"s1","seq":3,"ts":"2026-11-23T08:00:02Z","kind":"move","layer":"units","id":"amb-3","lon":7.421,"lat":43.731}
{"source":"ops","seq":1,"ts":"2026-11-23T08:00:03Z","kind":"closure","layer":"roads","id":"` + road + `","closed":true}
`
	if r := mustPost(t, f.ts.URL, example); r != (live.Result{Applied: 4, Version: 2}) {
		t.Errorf("example batch: %+v, want applied 4 at version 2", r)
	}
	code, g1 := feature(t, f.ts, "sensors", "g1")
	want := map[string]any{"value": 0.42, "ts": "2026-11-23T08:00:01Z", "seq": 2.0, "source": "s1", "unit": "m"}
	for k, v := range want {
		if code != 200 || g1.Properties[k] != v {
			t.Errorf("sensors/g1: %d, properties.%s = %v, want %v", code, k, g1.Properties[k], v)
		}
	}
	// Moved to 7.421, 43.731 through the World's UTM projection and back:
	// within 1e-7° (~1 cm), the API's 7-decimal precision.
	_, amb := feature(t, f.ts, "units", "amb-3")
	var c []float64
	if json.Unmarshal(amb.Geometry.Coordinates, &c); len(c) < 2 || abs(c[0]-7.421) > 1e-7 || abs(c[1]-43.731) > 1e-7 {
		t.Errorf("units/amb-3 at %v, want [7.421 43.731]", c)
	}
	if _, rd := feature(t, f.ts, "roads", road); rd.Properties["closed"] != true {
		t.Errorf("roads/%s: closed = %v, want true", road, rd.Properties["closed"])
	}
	if r := mustPost(t, f.ts.URL, example); r != (live.Result{Duplicates: 4, Version: 2}) {
		t.Errorf("resend: %+v, want duplicates 4 at version 2", r)
	}
	del := `{"source":"s1","seq":4,"ts":"2026-11-23T08:00:04Z","kind":"delete","layer":"sensors","id":"g1"}`
	if r := mustPost(t, f.ts.URL, del); r != (live.Result{Applied: 1, Version: 3}) {
		t.Errorf("delete: %+v", r)
	}
	if code, _ := feature(t, f.ts, "sensors", "g1"); code != 404 {
		t.Errorf("sensors/g1 after delete: %d, want 404", code)
	}
	code, _, body := get(t, f.ts, "/deltas/version")
	if code != 200 || strings.TrimSpace(string(body)) != `{"version":3}` {
		t.Errorf("/deltas/version: %d %s", code, body)
	}
}

// firstID returns the id of the first item of a collection.
func firstID(t *testing.T, ts *httptest.Server, collection string) string {
	t.Helper()
	_, _, body := get(t, ts, "/collections/"+collection+"/items?limit=1")
	var fc struct{ Features []struct{ ID string } }
	if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) != 1 || fc.Features[0].ID == "" {
		t.Fatalf("first of %s: %v %.200s", collection, err, body)
	}
	return fc.Features[0].ID
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestPostDeltasRejected sends bad batches; each must be refused whole with
// a problem naming its lines, leave the version and the World as they were,
// and be counted in /metrics.
func TestPostDeltasRejected(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{MaxBody: 4096}, live.Options{}, nil)
	mustPost(t, f.ts.URL, sensorUpsert("s1", 1, "g1"))
	good := readingLine("s1", 2, "g1", 1.5)
	future := `{"source":"s1","seq":9,"ts":"2026-11-23T09:05:01Z","kind":"reading","layer":"sensors","id":"g1","value":1}`
	tests := []struct {
		name, body, contentType, token string
		status                         int
		lines                          []int // the problem's errors[].line
		reason                         string
	}{
		{"one bad line", good + "\n" + good + "\n{not json\n", "application/x-ndjson", liveToken, 400, []int{3}, rejectMalformed},
		{"every bad line listed", `{"seq":1}` + "\n" + good + "\n\n" + `{"source":"s","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"teleport","layer":"units","id":"x"}` + "\n", "", liveToken, 400, []int{1, 4}, rejectMalformed},
		{"timestamp beyond MaxFuture", future, "application/x-ndjson", liveToken, 400, []int{1}, rejectMalformed},
		{"reading for an unknown id", good + "\n\n" + readingLine("s1", 3, "nope", 1) + "\n", "application/x-ndjson", liveToken, 422, []int{3}, rejectUnknownFeature},
		{"move of a road", good + "\n" + `{"source":"s1","seq":3,"ts":"2026-11-23T08:00:00Z","kind":"move","layer":"roads","id":"w1","lon":7.4,"lat":43.7}`, "application/x-ndjson", liveToken, 422, []int{2}, rejectUnapplicable},
		{"no token", good, "application/x-ndjson", "", 401, nil, ""},
		{"wrong token", good, "application/x-ndjson", "guess", 401, nil, ""},
		{"oversized", strings.Repeat(good+"\n", 60), "application/x-ndjson", liveToken, 413, nil, ""},
		{"form content type", good, "application/x-www-form-urlencoded", liveToken, 415, nil, ""},
		{"empty body", "\n\n", "application/x-ndjson", liveToken, 400, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := metricSum(t, f.ts, "twin_http_deltas_rejected_total", tc.reason)
			code, body := postDeltas(t, f.ts.URL, tc.body, tc.contentType, tc.token)
			var p Problem
			if code != tc.status || json.Unmarshal(body, &p) != nil || p.Status != tc.status {
				t.Fatalf("%d %s, want a %d problem", code, body, tc.status)
			}
			var lines []int
			for _, e := range p.Errors {
				lines = append(lines, e.Line)
				if e.Err == "" {
					t.Errorf("line %d has no reason", e.Line)
				}
			}
			if fmt.Sprint(lines) != fmt.Sprint(tc.lines) && tc.lines != nil {
				t.Errorf("errors on lines %v, want %v: %s", lines, tc.lines, body)
			}
			if v := f.store.Version(); v != 1 {
				t.Errorf("version %d after a rejected batch, want 1", v)
			}
			if _, g1 := feature(t, f.ts, "sensors", "g1"); g1.Properties["seq"] != 1.0 {
				t.Errorf("sensors/g1 changed: seq %v", g1.Properties["seq"])
			}
			if tc.reason != "" {
				after := metricSum(t, f.ts, "twin_http_deltas_rejected_total", tc.reason)
				if after-before != float64(len(tc.lines)) {
					t.Errorf("rejected deltas (%s) rose by %g, want %d", tc.reason, after-before, len(tc.lines))
				}
			}
		})
	}
}

// TestPostDeltasChunkedOversized streams a body with no Content-Length past
// the limit: the handler stops reading at the limit and answers 413.
func TestPostDeltasChunkedOversized(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{MaxBody: 1024}, live.Options{}, nil)
	pr, pw := io.Pipe()
	go func() {
		line := sensorUpsert("s1", 1, "g1") + "\n"
		for i := 0; i < 20; i++ {
			if _, err := pw.Write([]byte(line)); err != nil {
				return
			}
		}
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", f.ts.URL+"/deltas", pr)
	req.Header.Set("Authorization", "Bearer "+liveToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pr.Close()
	if resp.StatusCode != 413 || f.store.Version() != 0 {
		t.Errorf("status %d, version %d; want 413 and nothing applied", resp.StatusCode, f.store.Version())
	}
	if n := metricSum(t, f.ts, "twin_http_delta_batches_rejected_total", rejectTooLarge); n != 1 {
		t.Errorf("too-large batches counted %g, want 1", n)
	}
}

// TestPostDeltasJSONSeq sends RFC 7464 JSON text sequences (each record
// starts with RS, 0x1E).
func TestPostDeltasJSONSeq(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{}, live.Options{}, nil)
	body := "\x1e" + sensorUpsert("s1", 1, "g1") + "\n\x1e" + readingLine("s1", 2, "g1", 3) + "\n"
	code, b := postDeltas(t, f.ts.URL, body, "application/json-seq", liveToken)
	if code != 200 || strings.TrimSpace(string(b)) != `{"applied":2,"duplicates":0,"version":1}` {
		t.Errorf("%d %s", code, b)
	}
}

// TestLineOf checks the mapping from a delta's index in a batch to its line,
// which skips blank lines as engine.ParseDeltas does.
func TestLineOf(t *testing.T) {
	body := []byte("a\n\n  \r\nb\r\nc\n\nd")
	for i, want := range []int{1, 4, 5, 7} {
		if got := lineOf(body, i); got != want {
			t.Errorf("delta %d: line %d, want %d", i, got, want)
		}
	}
}

// metricSum scrapes /metrics and returns the sum of the family's samples
// whose reason label is reason (any, when empty).
func metricSum(t testing.TB, ts *httptest.Server, name, reason string) float64 {
	t.Helper()
	code, _, body := get(t, ts, "/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, m := range mfs[name].GetMetric() {
		match := reason == ""
		for _, l := range m.GetLabel() {
			match = match || (l.GetName() == "reason" && l.GetValue() == reason)
		}
		if match {
			sum += m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return sum
}

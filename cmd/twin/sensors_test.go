package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"twin/engine"
	"twin/engine/live"
	"twin/geo"
	"twin/internal/samplecity"
	"twin/internal/sharedtest"
)

const simStart = "2026-11-23T08:00:00Z"

// simulateFile runs `twin sensors simulate … --out FILE` and returns the
// file's lines.
func simulateFile(t *testing.T, args ...string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sim.ndjson")
	if _, err := run(t, append([]string{"sensors", "simulate", "--start", simStart, "--out", path}, args...)...); err != nil {
		t.Fatalf("simulate %v: %v", args, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// sampleWorld loads the embedded sample city.
func sampleWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := samplecity.World(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestSimulateDeterministic: the same seed and start give the same bytes,
// another seed other readings; the stream is 76 setup upserts (50
// manholes, the sample's one rain gauge, 15 signals, 10 units: the sample
// city has 15 signalised nodes) and then deltas 1/rate apart whose kinds
// follow the simulator's shares.
func TestSimulateDeterministic(t *testing.T) {
	a := simulateFile(t, "--seed", "7", "--rate", "100/s", "--duration", "20s")
	b := simulateFile(t, "--seed", "7", "--rate", "100/s", "--count", "2000")
	c := simulateFile(t, "--seed", "8", "--rate", "100/s", "--duration", "20s")
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatal("the same seed and start gave different output")
	}
	if strings.Join(a, "\n") == strings.Join(c, "\n") {
		t.Fatal("seeds 7 and 8 gave the same output")
	}
	setup, kinds := 0, map[string]int{}
	var prev time.Time
	for i, line := range a {
		var d engine.Delta
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if err := d.Validate(time.Time{}); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if d.Source == simSetupSource {
			setup++
			continue
		}
		if !prev.IsZero() && d.TS.Sub(prev) != 10*time.Millisecond {
			t.Fatalf("line %d: %s after %s, want 10 ms (rate 100/s)", i+1, d.TS, prev)
		}
		prev = d.TS
		key := d.Kind
		if d.Kind == engine.KindReading {
			key = strings.SplitN(d.ID, "-", 2)[0]
		}
		kinds[key]++
	}
	if setup != 76 || len(a)-setup != 2000 {
		t.Errorf("%d setup upserts and %d stream deltas, want 76 and 2000", setup, len(a)-setup)
	}
	// Shares (per mille) from simShares; a binomial count of 2000 draws has
	// a standard deviation of at most 22, so ±70 is over 3σ.
	want := map[string]int{"wl": 700, "td": 700, engine.KindMove: 480, "rain": 100, engine.KindClosure: 20}
	for k, n := range want {
		if d := kinds[k] - n; d < -70 || d > 70 {
			t.Errorf("%d %s deltas, want %d ± 70", kinds[k], k, n)
		}
	}
}

// TestSimulatePlausible checks the simulated values against the ranges the
// model allows (water level 0 to the manhole's depth, rain ≥ 0 mm/h,
// speeds 3 to 70 km/h, counts ≥ 0) and that units stay in the city.
func TestSimulatePlausible(t *testing.T) {
	w := sampleWorld(t)
	start, _ := time.Parse(time.RFC3339, simStart)
	sim, err := newSimulator(w.Snapshot(), simConfig{Seed: 3, Start: start, Rate: 2})
	if err != nil {
		t.Fatal(err)
	}
	bounds, _ := w.Snapshot().BoundsLonLat()
	sim.setup()
	var maxRain, maxLevel float64
	for range 4 * 3600 * 2 { // four hours at 2/s: at least one storm
		d := sim.next()
		switch {
		case d.Kind == engine.KindMove:
			if !bounds.Pad(0.01).Contains([2]float64{*d.Lon, *d.Lat}) {
				t.Fatalf("%s at %g,%g: outside the city %v", d.ID, *d.Lon, *d.Lat, bounds)
			}
		case strings.HasPrefix(d.ID, "rain-"):
			maxRain = max(maxRain, *d.Value)
			if *d.Value < 0 {
				t.Fatalf("rain %g mm/h", *d.Value)
			}
		case strings.HasPrefix(d.ID, "wl-"):
			maxLevel = max(maxLevel, *d.Value)
			if *d.Value < 0 || *d.Value > 10 {
				t.Fatalf("%s level %g m", d.ID, *d.Value)
			}
		case strings.HasPrefix(d.ID, "td-"):
			v := d.Properties["speed_kmh"].(float64)
			if *d.Value < 0 || v < 3 || v > 70 {
				t.Fatalf("%s: %g veh/min at %g km/h", d.ID, *d.Value, v)
			}
		}
	}
	// The first storm starts within 10 minutes and peaks at 10 to 60 mm/h;
	// dry-weather levels stay under 0.12 m × 1.5 + noise, so a storm must
	// lift some manhole above that.
	if maxRain < 5 || maxLevel < 0.2 {
		t.Errorf("max rain %g mm/h, max level %g m: no storm response", maxRain, maxLevel)
	}
}

// ingestServer is a stand-in for `twin serve`'s POST /deltas: NDJSON in,
// a durable Store batch, {"applied","duplicates","version"} out; a bearer
// token guards it.
func ingestServer(t *testing.T, s *live.Store, token string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/deltas" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		ds, bad, err := engine.ParseDeltas(r.Body, time.Now(), 1<<20)
		if err != nil || len(bad) > 0 {
			http.Error(w, "bad lines", http.StatusBadRequest)
			return
		}
		res, err := s.Ingest(r.Context(), ds)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		json.NewEncoder(w).Encode(res)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSimulateReplayHTTP records a simulation, replays it over HTTP into a
// Store on the sample city, checks that every device and reading arrived,
// and replays it again: all duplicates.
func TestSimulateReplayHTTP(t *testing.T) {
	lines := simulateFile(t, "--seed", "11", "--rate", "50/s", "--count", "1500")
	path := filepath.Join(t.TempDir(), "rec.ndjson")
	writeFile(t, path, strings.Join(lines, "\n")+"\n")
	s, err := live.Open(context.Background(), sampleWorld(t), live.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := ingestServer(t, s, "tok")
	t.Setenv("TWIN_TOKEN", "tok")
	out, err := run(t, "sensors", "replay", path, "--speed", "0", "--to", srv.URL, "--batch", "200")
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if !strings.Contains(out, "1576 deltas") || !strings.Contains(out, "1576 applied, 0 duplicates") {
		t.Errorf("replay said %q, want 1576 deltas, all applied", out)
	}
	last := map[string]uint64{}
	for _, line := range lines {
		var d engine.Delta
		json.Unmarshal([]byte(line), &d)
		last[d.Source] = max(last[d.Source], d.Seq)
	}
	snap := s.World().Snapshot()
	for src, seq := range last {
		if got := snap.Seq(src); got != seq {
			t.Errorf("source %s at seq %d, want %d", src, got, seq)
		}
	}
	if n, u := snap.Layer(geo.LayerSensors).Len(), snap.Layer(geo.LayerUnits).Len(); n != 66 || u != 10 {
		t.Errorf("%d sensors and %d units, want 66 and 10", n, u)
	}
	out, err = run(t, "sensors", "replay", path, "--speed", "0", "--to", srv.URL)
	if err != nil || !strings.Contains(out, "0 applied, 1576 duplicates") {
		t.Errorf("second replay: %v %q, want all duplicates", err, out)
	}
}

// TestReplayPacing checks the schedule replay keeps: the recorded spacing
// divided by --speed, and --restamp's clock.
func TestReplayPacing(t *testing.T) {
	lines := simulateFile(t, "--seed", "1", "--rate", "4/s", "--count", "5")
	src := newReplaySource(strings.NewReader(strings.Join(lines, "\n")), "rec", 2)
	var dues []time.Duration
	for {
		_, due, ok, err := src.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		dues = append(dues, due)
	}
	// 76 upserts at the start, then 5 deltas 250 ms apart, at speed 2.
	want := []time.Duration{0, 125 * time.Millisecond, 250 * time.Millisecond, 375 * time.Millisecond, 500 * time.Millisecond}
	if len(dues) != 81 || dues[75] != 0 || !equalDurations(dues[76:], want) {
		t.Errorf("due times %v (of %d), want 76 × 0 then %v", dues[70:], len(dues), want)
	}
	var buf bytes.Buffer
	before := time.Now()
	sink := &fileSink{w: bufio.NewWriter(&buf)}
	st, err := pump(context.Background(), newReplaySource(strings.NewReader(strings.Join(lines, "\n")), "rec", 2), sink, 100, true, true)
	sink.close(context.Background())
	if err != nil || st.sent != 81 || st.elapsed < 500*time.Millisecond {
		t.Fatalf("pump: %v, sent %d in %s; want 81 in at least 500 ms", err, st.sent, st.elapsed)
	}
	var d engine.Delta
	json.Unmarshal([]byte(strings.Split(buf.String(), "\n")[80]), &d)
	if d.TS.Before(before.Add(500*time.Millisecond)) || d.TS.After(time.Now()) {
		t.Errorf("restamped ts %s, want between %s and now", d.TS, before.Add(500*time.Millisecond))
	}
	if _, err := run(t, "sensors", "replay", "--out", "-", writeTemp(t, lines[0]+"\n{oops\n")); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("bad line: %v, want an error at line 2", err)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func writeTemp(t *testing.T, content string) string {
	path := filepath.Join(t.TempDir(), "f.ndjson")
	writeFile(t, path, content)
	return path
}

// TestSimulateMQTT sends a simulation through a real Mosquitto broker into
// a Store fed by serve's MQTT feed, and reads the feed's counters as
// /metrics would.
func TestSimulateMQTT(t *testing.T) {
	broker := sharedtest.Mosquitto(t)
	s, err := live.Open(context.Background(), sampleWorld(t), live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reg := prometheus.NewRegistry()
	m, stop, err := startMQTTFeed(context.Background(), s, mqttConfig{URL: broker.URL, ClientID: "twin-sim-test"}, reg.MustRegister, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := m.AwaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "sensors", "simulate", "--seed", "5", "--rate", "2000/s", "--count", "1000", "--to", broker.URL)
	if err != nil || !strings.Contains(out, "1000 deltas (after 76 setup upserts)") {
		t.Fatalf("simulate: %v %q", err, out)
	}
	for deadline := time.Now().Add(20 * time.Second); m.Stats().Applied+m.Stats().Duplicates < 1076; {
		if time.Now().After(deadline) {
			t.Fatalf("the twin got %+v, want 1076 deltas", m.Stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := m.Stats(); n.RejectedTotal() != 0 || n.Applied != 1076 {
		t.Errorf("counts %+v, want 1076 applied, none rejected", n)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, mt := range mf.GetMetric() {
			if c := mt.GetCounter(); c != nil && len(mt.GetLabel()) == 0 {
				got[mf.GetName()] = c.GetValue()
			}
		}
	}
	if got["twin_mqtt_deltas_applied_total"] != 1076 || got["twin_mqtt_messages_received_total"] != 1076 {
		t.Errorf("metrics %v, want 1076 received and applied", got)
	}
}

// TestShard: deltas linked by a source or a feature stay in one batch in
// their order; unlinked groups spread over the batches.
func TestShard(t *testing.T) {
	d := func(src, id string) engine.Delta { return engine.Delta{Source: src, Layer: "sensors", ID: id} }
	tests := []struct {
		name string
		in   []engine.Delta
		n    int
		want string // the batches, source:id in order, | between batches
	}{
		{"one batch", []engine.Delta{d("a", "x"), d("b", "y")}, 1, "a:x b:y"},
		{"independent", []engine.Delta{d("a", "x"), d("b", "y"), d("a", "x")}, 2, "a:x a:x|b:y"},
		{"upsert then readings", []engine.Delta{d("setup", "x"), d("setup", "y"), d("x", "x"), d("y", "y"), d("z", "z")}, 3,
			"setup:x setup:y x:x y:y|z:z|"},
		{"a source on two features", []engine.Delta{d("s1", "g1"), d("s2", "g2"), d("s1", "amb"), d("s3", "amb")}, 4,
			"s1:g1 s1:amb s3:amb|s2:g2||"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			for _, b := range shard(tc.in, tc.n) {
				var ids []string
				for _, x := range b {
					ids = append(ids, x.Source+":"+x.ID)
				}
				parts = append(parts, strings.Join(ids, " "))
			}
			if got := strings.Join(parts, "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

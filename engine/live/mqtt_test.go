package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"
	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/internal/sharedtest"
)

// The wire-format examples of the live-twin issue (#4), with the road id of
// the test city; each is one MQTT message.
var issueExamples = []string{
	`{"source":"s1","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":"g1","geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"type":"water_level","unit":"m"}}`,
	`{"source":"s1","seq":2,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":"g1","value":0.42}`,
	`{"source":"s1","seq":3,"ts":"2026-11-23T08:00:02Z","kind":"move","layer":"units","id":"amb-3","lon":7.421,"lat":43.731}`,
	`{"source":"ops","seq":1,"ts":"2026-11-23T08:00:03Z","kind":"closure","layer":"roads","id":"w1","closed":true}`,
	`{"source":"s1","seq":4,"ts":"2026-11-23T08:00:04Z","kind":"delete","layer":"sensors","id":"g1"}`,
}

// mqttWorld is baseWorld with the issue's ambulance amb-3.
func mqttWorld(t testing.TB) *engine.World {
	t.Helper()
	w := baseWorld(t)
	p, _ := w.Snapshot().FromLonLat(7.40, 43.72)
	_, err := w.Update(func(tx *engine.Tx) error {
		_, err := tx.Put(geo.LayerUnits, &geo.Generic{ID: "amb-3", Geom: p, Z: geo.NaN, Props: map[string]any{"type": "ambulance"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// testLog sends a component's log to the test's output.
func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// publisher is a plain MQTT v5 client that publishes with QoS 1, each
// Publish returning once the broker has acknowledged it.
type publisher struct{ c *paho.Client }

func newPublisher(t testing.TB, addr, id string) *publisher {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c := paho.NewClient(paho.ClientConfig{Conn: conn, ClientID: id})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Connect(ctx, &paho.Connect{ClientID: id, CleanStart: true, KeepAlive: 30}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Disconnect(&paho.Disconnect{}) })
	return &publisher{c: c}
}

func (p *publisher) publish(t testing.TB, topic, payload string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := p.c.Publish(ctx, &paho.Publish{Topic: topic, QoS: 1, Payload: []byte(payload)}); err != nil {
		t.Fatalf("publish %s: %v", topic, err)
	}
}

// topicOf builds the issue's topic, twin/{city}/{kind}/{id}, for a payload.
func topicOf(payload string) string {
	var d engine.Delta
	if json.Unmarshal([]byte(payload), &d) != nil || d.ID == "" {
		return "twin/test/bad/x"
	}
	return "twin/test/" + d.Kind + "/" + d.ID
}

// waitFor polls cond every few milliseconds for up to 20 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func startMQTT(t testing.TB, s *Store, opt MQTTOptions) *MQTT {
	t.Helper()
	m, err := StartMQTT(context.Background(), s, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := m.AwaitReady(ctx); err != nil {
		t.Fatalf("subscriber not ready: %v", err)
	}
	return m
}

// TestMQTTIngest publishes the issue's examples through a real Mosquitto
// broker and checks their effect on the World, then a batch that mixes bad
// JSON, a reading for an unknown id, a duplicate and good messages: only
// the bad ones are dropped, each counted under its reason.
func TestMQTTIngest(t *testing.T) {
	broker := sharedtest.Mosquitto(t)
	s, err := Open(context.Background(), mqttWorld(t), Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Phase 2 is one batch: 7 messages, gathered for up to 10 s.
	m := startMQTT(t, s, MQTTOptions{URL: broker.URL, ClientID: "twin-test", BatchSize: 7, BatchWait: 10 * time.Second,
		Now: func() time.Time { return t0 }, Log: testLog(t)})
	pub := newPublisher(t, broker.Addr, "sensors")
	for _, p := range issueExamples[:4] {
		pub.publish(t, topicOf(p), p)
	}
	// A client that lost its acknowledgements resends the first three;
	// that fills the batch of 7.
	for _, p := range issueExamples[:3] {
		pub.publish(t, topicOf(p), p)
	}
	waitFor(t, "the examples", func() bool { return m.Stats().Batches == 1 })
	snap := s.World().Snapshot()
	g1, ok := snap.Layer(geo.LayerSensors).Get("g1")
	if !ok {
		t.Fatal("sensor g1 missing")
	}
	props := g1.Properties()
	if props["value"] != 0.42 || props["seq"] != 2.0 || props["ts"] != "2026-11-23T08:00:01Z" {
		t.Errorf("g1 properties %v, want value 0.42, seq 2, ts 08:00:01", props)
	}
	amb, _ := snap.Layer(geo.LayerUnits).Get("amb-3")
	ll, _ := snap.ToLonLat(amb.Geometry().(orb.Point))
	if d := max(math.Abs(ll[0]-7.421), math.Abs(ll[1]-43.731)); d > 1e-7 {
		t.Errorf("amb-3 at %v, want 7.421, 43.731 (±1e-7° after the UTM round trip)", ll)
	}
	if w1, _ := snap.Layer(geo.LayerRoads).Get("w1"); w1.Properties()["closed"] != true {
		t.Errorf("road w1 not closed: %v", w1.Properties())
	}
	if s.Version() != 1 {
		t.Errorf("store version %d, want 1 (one batch)", s.Version())
	}
	v := func(seq int, id string, x float64) string {
		return fmt.Sprintf(`{"source":"s2","seq":%d,"ts":"2026-11-23T08:01:00Z","kind":"reading","layer":"sensors","id":"%s","value":%g}`, seq, id, x)
	}
	phase2 := []string{
		`{"source":"s2","seq":1,`, // bad JSON
		v(2, "nope", 1),           // unknown id
		v(3, "g1", 0.5),
		issueExamples[1],                         // duplicate of s1/2
		v(4, "g1", 0.6) + "\n" + v(5, "g1", 0.7), // NDJSON: two deltas
		`{"source":"s2","seq":6,"ts":"2026-11-23T09:00:00Z","kind":"reading","layer":"sensors","id":"g1","value":1}`, // 1 h ahead
		issueExamples[4], // delete g1
	}
	for _, p := range phase2 {
		pub.publish(t, topicOf(p), p)
	}
	waitFor(t, "the mixed batch", func() bool { return m.Stats().Batches == 2 })
	got := m.Stats()
	want := MQTTCounts{Received: 14, Batches: 2, Applied: 4 + 4, Duplicates: 3 + 1, Connected: true,
		Rejected: map[string]uint64{RejectBadJSON: 1, RejectUnknownFeature: 1, RejectInvalid: 1, RejectTooLarge: 0, RejectEmpty: 0}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("counts\n got %+v\nwant %+v", got, want)
	}
	snap = s.World().Snapshot()
	if _, ok := snap.Layer(geo.LayerSensors).Get("g1"); ok || snap.Seq("s1") != 4 || snap.Seq("s2") != 5 || s.Version() != 2 {
		t.Errorf("after the mixed batch: g1 present %v, seq s1=%d s2=%d, version %d; want deleted, 4, 5, 2",
			ok, snap.Seq("s1"), snap.Seq("s2"), s.Version())
	}
}

// TestMQTTClosedStore checks that a subscriber whose Store is closed stops
// and acknowledges nothing more: the broker keeps the message.
func TestMQTTClosedStore(t *testing.T) {
	broker := sharedtest.Mosquitto(t)
	s, err := Open(context.Background(), mqttWorld(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := startMQTT(t, s, MQTTOptions{URL: broker.URL, ClientID: "twin-closed", BatchWait: time.Millisecond})
	s.Close()
	pub := newPublisher(t, broker.Addr, "sensors")
	pub.publish(t, topicOf(issueExamples[0]), issueExamples[0])
	waitFor(t, "the subscriber to stop", func() bool { return m.Err() != nil })
	if !errors.Is(m.Err(), ErrClosed) || m.Stats().Applied != 0 {
		t.Errorf("err %v, applied %d; want ErrClosed and 0", m.Err(), m.Stats().Applied)
	}
}

func TestMQTTOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  MQTTOptions
		ok   bool
	}{
		{"mqtt", MQTTOptions{URL: "mqtt://127.0.0.1:1883"}, true},
		{"tcp as in the issue", MQTTOptions{URL: "tcp://127.0.0.1:1883"}, true},
		{"tls", MQTTOptions{URL: "mqtts://broker.example:8883", Topic: "city/+/sensors/#"}, true},
		{"no URL", MQTTOptions{}, false},
		{"no host", MQTTOptions{URL: "mqtt://"}, false},
		{"http", MQTTOptions{URL: "http://127.0.0.1:1883"}, false},
		{"negative batch", MQTTOptions{URL: "mqtt://h:1", BatchSize: -1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opt.Validate()
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrMQTTConfig)) {
				t.Errorf("Validate() = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestParsePayload(t *testing.T) {
	one := issueExamples[1]
	tests := []struct {
		name    string
		payload string
		n       int
		reason  string
		errHas  string
	}{
		{"one object", one, 1, "", ""},
		{"NDJSON", one + "\n" + issueExamples[2] + "\n", 2, "", ""},
		{"pretty-printed", "{\n  \"source\": \"s\",\n  \"seq\": 9,\n  \"ts\": \"2026-11-23T08:00:00Z\",\n  \"kind\": \"delete\",\n  \"layer\": \"sensors\",\n  \"id\": \"g\"\n}", 1, "", ""},
		{"truncated", `{"source":"s1",`, 0, RejectBadJSON, "delta 1"},
		{"second line bad", one + "\n{oops}", 0, RejectBadJSON, "delta 2"},
		{"not an object", `42`, 0, RejectBadJSON, "delta 1"},
		{"no seq", `{"source":"s","ts":"2026-11-23T08:00:00Z","kind":"delete","layer":"l","id":"i"}`, 0, RejectInvalid, "seq"},
		{"unknown kind", `{"source":"s","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"teleport","layer":"l","id":"i"}`, 0, RejectInvalid, "teleport"},
		{"future", `{"source":"s","seq":1,"ts":"2026-11-23T08:06:00Z","kind":"delete","layer":"l","id":"i"}`, 0, RejectInvalid, "ahead"},
		{"empty", " \n ", 0, RejectEmpty, "no delta"},
		{"too large", strings.Repeat(" ", 1025), 0, RejectTooLarge, "1025 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, reason, err := parsePayload([]byte(tc.payload), t0, 1024)
			if len(ds) != tc.n || reason != tc.reason || (tc.errHas != "" && (err == nil || !strings.Contains(err.Error(), tc.errHas))) {
				t.Errorf("got %d deltas, reason %q, err %v; want %d, %q, error with %q", len(ds), reason, err, tc.n, tc.reason, tc.errHas)
			}
		})
	}
}

// FuzzParsePayload: any payload is taken with valid deltas only, or
// rejected with a reason and an error; never both, never a panic.
func FuzzParsePayload(f *testing.F) {
	for _, p := range issueExamples {
		f.Add([]byte(p))
	}
	f.Add([]byte(issueExamples[0] + "\n" + issueExamples[1]))
	f.Add([]byte(`{"source":"s","seq":1`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, reason, err := parsePayload(b, t0, 4096)
		if (reason == "") != (err == nil) || (reason == "") != (len(ds) > 0) {
			t.Fatalf("deltas %d, reason %q, err %v", len(ds), reason, err)
		}
		for _, d := range ds {
			if err := d.Validate(t0); err != nil {
				t.Fatalf("invalid delta taken: %v", err)
			}
		}
	})
}

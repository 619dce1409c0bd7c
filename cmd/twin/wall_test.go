package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"twin/assets"
	"twin/engine"
	"twin/engine/api"
	"twin/engine/live"
	"twin/geo"
)

func TestParseSize(t *testing.T) {
	cases := []struct {
		in   string
		w, h int
		ok   bool
	}{
		{"3840x2160", 3840, 2160, true},
		{" 3X3 ", 3, 3, true},
		{"0x10", 0, 0, false},
		{"8193x10", 0, 0, false},
		{"10", 0, 0, false},
		{"axb", 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			w, h, err := parseSize(c.in)
			if (err == nil) != c.ok || w != c.w || h != c.h {
				t.Errorf("parseSize(%q) = %d, %d, %v; want %d, %d, ok=%v", c.in, w, h, err, c.w, c.h, c.ok)
			}
		})
	}
}

// TestCameraHeading: a camera facing compass heading h has its eye on the
// opposite side of the target; facing north (0°) the eye is due south,
// facing east (90°) due west. Expected by construction of compass bearings
// (clockwise from north) against the camera's yaw (counter-clockwise from
// +x); tolerance 1e-9 m.
func TestCameraHeading(t *testing.T) {
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	snap := w.Snapshot()
	cases := []struct {
		heading, dx, dy float64 // eye − target, unit horizontal vector
	}{{0, 0, -1}, {90, -1, 0}, {180, 0, 1}, {270, 1, 0}}
	for _, c := range cases {
		cam := orbitCamera(snap, 1000, 2000, 100, c.heading, 0)
		e := cam.Eye()
		if math.Abs(e[0]-1000-100*c.dx) > 1e-9 || math.Abs(e[1]-2000-100*c.dy) > 1e-9 {
			t.Errorf("heading %.0f: eye %v, want (%v, %v)", c.heading, e, 1000+100*c.dx, 2000+100*c.dy)
		}
	}
	for _, bad := range []string{"1,2,3", "7,43,0,0,45", "7,43,100,0,90", "7,43,x,0,45"} {
		if _, err := parseCamera(bad, snap); err == nil {
			t.Errorf("parseCamera(%q) accepted", bad)
		}
	}
}

func TestWallTiles(t *testing.T) {
	f := wallFlags{wall: "3x2", monitor: "640x360"}
	wc, err := f.wallConfig()
	if err != nil {
		t.Fatal(err)
	}
	if wc.Cols != 3 || wc.Rows != 2 || wc.Width != 640 || wc.Height != 360 {
		t.Fatalf("wallConfig = %+v", wc)
	}
	ts, err := f.tiles(wc)
	if err != nil || len(ts) != 6 || ts[5] != (wallTile{1, 2}) {
		t.Fatalf("tiles = %v, %v; want 6 tiles ending at row 1, col 2", ts, err)
	}
	f.tile = "1,0"
	if ts, err := f.tiles(wc); err != nil || len(ts) != 1 || ts[0] != (wallTile{1, 0}) {
		t.Errorf("--tile 1,0: %v, %v", ts, err)
	}
	for _, bad := range []string{"2,0", "0,3", "-1,0", "1"} {
		f.tile = bad
		if _, err := f.tiles(wc); err == nil {
			t.Errorf("--tile %q accepted on a 3x2 wall", bad)
		}
	}

}

// TestReadSSE decodes a stream as engine/api's live_sse.go writes it:
// comments, batch events with ids, and a closing resync event.
func TestReadSSE(t *testing.T) {
	stream := ": twin delta stream, version 4\n\n" +
		"id: 5\nevent: batch\ndata: {\"version\":5,\"deltas\":[{\"source\":\"s\",\"seq\":1,\"layer\":\"roads\",\"id\":\"w1\"}]}\n\n" +
		": keepalive\n\n" +
		"id: 6\nevent: batch\ndata: {\"version\":6,\"deltas\":[]}\n\n" +
		"event: resync\ndata: {\"resync\":true,\"version\":9}\n\n"
	var got []uint64
	last, err := readSSE(strings.NewReader(stream), func(b *live.Batch) error {
		got = append(got, b.Version)
		return nil
	})
	if !errors.Is(err, errResync) || last != 6 || fmt.Sprint(got) != "[5 6]" {
		t.Errorf("readSSE = last %d, %v, batches %v; want 6, errResync, [5 6]", last, err, got)
	}
	if _, err := readSSE(strings.NewReader("event: batch\ndata: {nope\n\n"), func(*live.Batch) error { return nil }); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("bad JSON: %v, want an error naming line 3", err)
	}
	if _, err := readSSE(strings.NewReader("id: 1\n"), func(*live.Batch) error { return nil }); !errors.Is(err, io.EOF) {
		t.Errorf("truncated stream: %v, want io.EOF", err)
	}
}

// TestFollowSSEReconnects: the follower resumes with ?since= the last
// version it saw after the server drops the stream.
func TestFollowSSEReconnects(t *testing.T) {
	var calls atomic.Int32
	var secondSince atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		if n == 1 {
			fmt.Fprint(w, "id: 3\nevent: batch\ndata: {\"version\":3,\"deltas\":[]}\n\n")
			return
		}
		secondSince.Store(r.URL.Query().Get("since"))
		fmt.Fprint(w, "id: 4\nevent: batch\ndata: {\"version\":4,\"deltas\":[]}\n\n")
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stop := errors.New("done")
	err := followSSE(ctx, srv.Client(), srv.URL, 0, func(b *live.Batch) error {
		if b.Version == 4 {
			return stop
		}
		return nil
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if !errors.Is(err, stop) || secondSince.Load() != "3" {
		t.Errorf("followSSE = %v, second request since=%v; want the callback's error and since=3", err, secondSince.Load())
	}
}

// FuzzReadSSE: any stream decodes or errors without panicking, and batch
// versions handed out are the ones returned as last.
func FuzzReadSSE(f *testing.F) {
	f.Add("id: 5\nevent: batch\ndata: {\"version\":5,\"deltas\":[]}\n\n")
	f.Add("event: resync\ndata: {}\n\n: c\n\n")
	f.Add("data: {\"version\":1}\ndata: x\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		var seen uint64
		last, _ := readSSE(strings.NewReader(s), func(b *live.Batch) error { seen = b.Version; return nil })
		if last != seen {
			t.Errorf("last %d, but the last batch handed out was %d", last, seen)
		}
	})
}

// TestNextTick: frame instants are multiples of the period on the absolute
// clock (Truncate counts from Go's zero time), so two nodes asking at
// different moments within one period get the same instant, the end of
// that period.
func TestNextTick(t *testing.T) {
	period := time.Second / 60
	base := nextTick(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), period) // a tick
	if !base.Truncate(period).Equal(base) {
		t.Fatalf("tick %v is not on a multiple of %v", base, period)
	}
	for _, off := range []time.Duration{0, time.Millisecond, period - time.Nanosecond} {
		if got := nextTick(base.Add(off), period); !got.Equal(base.Add(period)) {
			t.Errorf("nextTick(tick+%v) = %v, want tick+%v", off, got.Sub(base), period)
		}
	}
}

// TestDueBatches: batches that arrived at least delay before the tick are
// due, in arrival order; later ones wait.
func TestDueBatches(t *testing.T) {
	tick := time.Date(2026, 11, 23, 12, 0, 1, 0, time.UTC)
	q := []stampedBatch{
		{&live.Batch{Version: 1}, tick.Add(-200 * time.Millisecond)},
		{&live.Batch{Version: 2}, tick.Add(-50 * time.Millisecond)},
		{&live.Batch{Version: 3}, tick.Add(-10 * time.Millisecond)},
	}
	cases := []struct {
		delay time.Duration
		due   int
	}{{0, 3}, {50 * time.Millisecond, 2}, {100 * time.Millisecond, 1}, {time.Second, 0}}
	for _, c := range cases {
		due, rest := dueBatches(q, tick, c.delay)
		if len(due) != c.due || len(rest) != 3-c.due {
			t.Errorf("delay %v: %d due, %d left; want %d due", c.delay, len(due), len(rest), c.due)
		}
	}
}

// loadMonaco loads the sample city's road network (assets, OpenStreetMap
// Monaco) into a new World: the base data a twin serve and its wall share.
func loadMonaco(t *testing.T) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := engine.ReadFS(context.Background(), assets.City(), "monaco.osm.pbf", engine.SourceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return w
}

// serveLive serves w through the OGC API with a live store (ring of ring
// batches), as twin serve does; wrap, if not nil, wraps the handler.
func serveLive(t *testing.T, w *engine.World, ring int, wrap func(http.Handler) http.Handler) (*httptest.Server, *live.Store) {
	t.Helper()
	st, err := live.Open(context.Background(), w, live.Options{RingSize: ring})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := api.New(w, api.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.MountLive(st)
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(func() { srv.CloseStreams(); ts.Close(); st.Close() })
	return ts, st
}

// feedT0 is the timestamp of the test feeds' first delta.
var feedT0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// testFeed numbers the deltas of one source.
type testFeed struct {
	source string
	seq    uint64
}

func (f *testFeed) next(d engine.Delta) engine.Delta {
	f.seq++
	d.Source, d.Seq, d.TS = f.source, f.seq, feedT0.Add(time.Duration(f.seq)*time.Second)
	return d
}

func pointJSON(lon, lat float64) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"type":"Point","coordinates":[%.7f,%.7f]}`, lon, lat))
}

func ingest(t *testing.T, st *live.Store, ds ...engine.Delta) {
	t.Helper()
	if _, err := st.Ingest(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
}

func fptr(v float64) *float64 { return &v }
func bptr(v bool) *bool       { return &v }

// layerDiff returns "" when the local layers equal the server's feature by
// feature: the same IDs, every coordinate within 0.02 m (two steps of the
// 7-decimal wire rounding, 1e-7° ≈ 1.1 cm, which a reloaded position went
// through once), and the same properties but source and seq (the wall's
// reload stamps its own; ts is the server's). Else the first difference.
func layerDiff(server, local *engine.Snapshot, layers []string) string {
	for _, name := range layers {
		sl, ll := server.Layer(name), local.Layer(name)
		if sl.Len() != ll.Len() {
			return fmt.Sprintf("%s: %d features on the server, %d on the wall", name, sl.Len(), ll.Len())
		}
		var diff string
		sl.Ascend("", func(sf geo.Feature) bool {
			lf, ok := ll.Get(sf.FeatureID())
			if !ok {
				diff = fmt.Sprintf("%s/%s: missing on the wall", name, sf.FeatureID())
				return false
			}
			sp, lp := flatPoints(sf.Geometry(), nil), flatPoints(lf.Geometry(), nil)
			if len(sp) != len(lp) {
				diff = fmt.Sprintf("%s/%s: %d points on the server, %d on the wall", name, sf.FeatureID(), len(sp), len(lp))
				return false
			}
			for i := range sp {
				if math.Abs(sp[i][0]-lp[i][0]) > 0.02 || math.Abs(sp[i][1]-lp[i][1]) > 0.02 {
					diff = fmt.Sprintf("%s/%s: point %d at %v on the server, %v on the wall", name, sf.FeatureID(), i, sp[i], lp[i])
					return false
				}
			}
			spr, lpr := sf.Properties(), lf.Properties()
			for _, k := range []string{"source", "seq"} {
				delete(spr, k)
				delete(lpr, k)
			}
			if !reflect.DeepEqual(spr, lpr) {
				diff = fmt.Sprintf("%s/%s: properties %v on the server, %v on the wall", name, sf.FeatureID(), spr, lpr)
				return false
			}
			return true
		})
		if diff != "" {
			return diff
		}
	}
	return ""
}

// eventually polls cond every 20 ms until it returns "" or 20 s pass.
func eventually(t *testing.T, what string, cond func() string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		msg := cond()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %s after 20 s", what, msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// gate is an http.RoundTripper that can cut the open delta streams and hold
// new ones back, so a test decides when the wall falls behind.
type gate struct {
	mu     sync.Mutex
	held   chan struct{} // nil: streams pass
	bodies []io.Closer
}

func (g *gate) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/deltas/stream" {
		g.mu.Lock()
		held := g.held
		g.mu.Unlock()
		if held != nil {
			select {
			case <-held:
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && r.URL.Path == "/deltas/stream" {
		g.mu.Lock()
		if g.held != nil {
			resp.Body.Close() // cut while it was being opened
		} else {
			g.bodies = append(g.bodies, resp.Body)
		}
		g.mu.Unlock()
	}
	return resp, err
}

// streams reports how many streams are open.
func (g *gate) streams() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.bodies)
}

// cut closes the open streams and holds the next ones until release.
func (g *gate) cut() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.held = make(chan struct{})
	for _, b := range g.bodies {
		b.Close()
	}
	g.bodies = nil
}

func (g *gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.held)
	g.held = nil
}

// TestWallFollowerResync runs a twin serve API over a live store with a
// ring of 4 batches and a wall follower into its own store, both on the
// Monaco road network. The server has sensors, units, closures and a link
// change the wall's data lacks: the first reload brings exactly those 11
// changes. Then the wall's stream is cut while 12 batches change readings,
// positions, unit status and closures and delete and add sensors: it
// resumes from a version the ring no longer holds, gets a resync, reloads,
// and its layers equal the server's again; a later reading still arrives.
func TestWallFollowerResync(t *testing.T) {
	serverWorld, localWorld := loadMonaco(t), loadMonaco(t)
	ts, sst := serveLive(t, serverWorld, 4, nil)
	roads := serverWorld.Snapshot().Layer(geo.LayerRoads)
	links := serverWorld.Snapshot().Layer(geo.LayerLinks)
	roadID := func(i int) string { f, _ := roads.At(i); return f.FeatureID() }
	linkID := func(i int) string { f, _ := links.At(i); return f.FeatureID() }

	sensors, units, ops := &testFeed{source: "gauges"}, &testFeed{source: "cad"}, &testFeed{source: "ops"}
	for i := range 5 {
		ingest(t, sst, sensors.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: fmt.Sprintf("s%d", i),
			Geometry: pointJSON(7.420+0.002*float64(i), 43.735), Properties: map[string]any{"kind": "water_level", "unit": "m"}}))
	}
	for i := range 3 {
		ingest(t, sst, units.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerUnits, ID: fmt.Sprintf("u%d", i),
			Geometry: pointJSON(7.425, 43.738+0.001*float64(i)), Properties: map[string]any{"status": "available"}}))
	}
	ingest(t, sst,
		ops.next(engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: roadID(0), Closed: bptr(true)}),
		ops.next(engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: roadID(1), Closed: bptr(true)}),
		ops.next(engine.Delta{Kind: engine.KindState, Layer: geo.LayerLinks, ID: linkID(0), Properties: map[string]any{"speed_factor": 0.5}}))

	lst, err := live.Open(context.Background(), localWorld, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lst.Close()
	g := &gate{}
	var logs syncBuffer
	f := &remoteFollower{client: &http.Client{Transport: g}, base: ts.URL, st: lst, layers: defaultResyncLayers,
		log: slog.New(slog.NewTextHandler(&logs, nil)), retry: 10 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("follower ended with %v, want context.Canceled", err)
		}
	}()
	layers := defaultResyncLayers
	eventually(t, "first reload", func() string {
		if f.reloads.Load() < 1 {
			return "no reload"
		}
		return layerDiff(serverWorld.Snapshot(), localWorld.Snapshot(), layers)
	})
	if n := f.changes.Load(); n != 11 {
		t.Errorf("first reload applied %d changes, want 11 (5 sensors, 3 units, 2 closures, 1 link state)", n)
	}

	eventually(t, "the stream to open", func() string {
		if g.streams() == 0 {
			return "no stream"
		}
		return ""
	})
	g.cut()
	for i := range 12 {
		ds := []engine.Delta{
			sensors.next(engine.Delta{Kind: engine.KindReading, Layer: geo.LayerSensors, ID: fmt.Sprintf("s%d", i%4), Value: fptr(1 + 0.25*float64(i))}),
			units.next(engine.Delta{Kind: engine.KindMove, Layer: geo.LayerUnits, ID: fmt.Sprintf("u%d", i%3), Lon: fptr(7.41 + 0.001*float64(i)), Lat: fptr(43.73)}),
		}
		switch i {
		case 2:
			ds = append(ds, units.next(engine.Delta{Kind: engine.KindState, Layer: geo.LayerUnits, ID: "u1", Properties: map[string]any{"status": "dispatched"}}))
		case 5:
			ds = append(ds, ops.next(engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: roadID(0), Closed: bptr(false)}),
				ops.next(engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: roadID(2), Closed: bptr(true)}))
		case 7:
			ds = append(ds, sensors.next(engine.Delta{Kind: engine.KindDelete, Layer: geo.LayerSensors, ID: "s4"}),
				sensors.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: "s9",
					Geometry: pointJSON(7.43, 43.74), Properties: map[string]any{"kind": "rain", "unit": "mm/h"}}))
		case 9:
			ds = append(ds, ops.next(engine.Delta{Kind: engine.KindState, Layer: geo.LayerLinks, ID: linkID(0), Properties: map[string]any{"speed_factor": nil}}))
		}
		ingest(t, sst, ds...)
	}
	if layerDiff(serverWorld.Snapshot(), localWorld.Snapshot(), layers) == "" {
		t.Fatal("the wall already equals the server with its stream cut: the test changes nothing")
	}
	g.release()
	eventually(t, "reload after the resync", func() string {
		if f.reloads.Load() < 2 {
			return "no second reload"
		}
		return layerDiff(serverWorld.Snapshot(), localWorld.Snapshot(), layers)
	})
	if !strings.Contains(logs.String(), "delta stream resync") {
		t.Errorf("no resync logged:\n%s", logs.String())
	}
	ingest(t, sst, sensors.next(engine.Delta{Kind: engine.KindReading, Layer: geo.LayerSensors, ID: "s9", Value: fptr(42)}))
	eventually(t, "a reading after the reload", func() string {
		f, ok := localWorld.Snapshot().Layer(geo.LayerSensors).Get("s9")
		if !ok || f.Properties()["value"] != 42.0 {
			return "s9 without value 42"
		}
		return layerDiff(serverWorld.Snapshot(), localWorld.Snapshot(), layers)
	})
	if f.reloads.Load() != 2 {
		t.Errorf("%d reloads, want 2 (start, one resync)", f.reloads.Load())
	}
}

// TestStateClientPaging: the roads of Monaco fetched 500 a page take
// ceil(n/500) requests, following the next links, and give every road once.
func TestStateClientPaging(t *testing.T) {
	w := loadMonaco(t)
	var pages atomic.Int32
	ts, _ := serveLive(t, w, 0, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/collections/roads/items" {
				pages.Add(1)
			}
			h.ServeHTTP(rw, r)
		})
	})
	c := stateClient{client: ts.Client(), base: ts.URL, pageSize: 500, timeout: 10 * time.Second}
	roads := w.Snapshot().Layer(geo.LayerRoads)
	got, err := c.layer(context.Background(), geo.LayerRoads)
	if err != nil {
		t.Fatal(err)
	}
	n := roads.Len()
	if want := (n + 499) / 500; int(pages.Load()) != want || len(got) != n || n < 1000 {
		t.Fatalf("%d pages, %d roads; want %d pages, %d roads (more than 1000)", pages.Load(), len(got), want, n)
	}
	roads.Ascend("", func(f geo.Feature) bool {
		if _, ok := got[f.FeatureID()]; !ok {
			t.Errorf("road %s not fetched", f.FeatureID())
			return false
		}
		return true
	})
	if m, err := c.layer(context.Background(), "no_such_layer"); err != nil || len(m) != 0 {
		t.Errorf("missing layer: %d features, %v; want an empty layer", len(m), err)
	}
	id := roadID0(roads)
	if f, found, err := c.item(context.Background(), geo.LayerRoads, id); err != nil || !found || f.ID != id {
		t.Errorf("item %s: %+v, %v, %v", id, f.ID, found, err)
	}
	if _, found, err := c.item(context.Background(), geo.LayerRoads, "no/such road"); err != nil || found {
		t.Errorf("unknown item: found %v, %v; want not found", found, err)
	}
}

func roadID0(l *engine.Layer) string { f, _ := l.At(0); return f.FeatureID() }

// TestDiffLayer turns served features into deltas against a local layer
// built by upserts: each case changes one thing, and the expected delta
// follows from the Delta kinds' meaning (engine/delta.go). Applying the
// deltas makes the layers agree: a second diff is empty.
func TestDiffLayer(t *testing.T) {
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := live.Open(context.Background(), w, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feed := &testFeed{source: "gauges"}
	for i, id := range []string{"a", "b", "c", "d", "e", "g", "h"} {
		ingest(t, st, feed.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: id,
			Geometry: pointJSON(7.42+0.001*float64(i), 43.735), Properties: map[string]any{"kind": "water_level", "unit": "m", "value": 1.0}}))
	}
	snap := w.Snapshot()
	local := snap.Layer(geo.LayerSensors)
	crs := snap.CRS()
	toLL := func(p orb.Point) orb.Point { lon, lat := crs.Inverse(p[0], p[1]); return orb.Point{lon, lat} }
	remote := map[string]wireFeature{}
	local.Ascend("", func(f geo.Feature) bool {
		wf, err := localWire(f, toLL)
		if err != nil {
			t.Fatal(err)
		}
		remote[f.FeatureID()] = wf
		return true
	})
	later := "2026-11-23T09:00:00Z"
	remote["b"].Properties["value"] = 2.0
	delete(remote["c"].Properties, "unit")
	remote["d"] = shiftLon(t, remote["d"], 1e-5) // moved about 0.8 m
	remote["g"] = shiftLon(t, remote["g"], 1e-7) // one step of the wire rounding: the same place
	delete(remote, "e")
	remote["f"] = wireFeature{ID: "f", Geometry: pointJSON(7.43, 43.74), Properties: map[string]any{"kind": "rain", "ts": later}}
	remote["h"].Properties["ts"] = later
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ds, err := diffLayer(local, toLL, geo.LayerSensors, remote, now)
	if err != nil {
		t.Fatal(err)
	}
	tLater, _ := time.Parse(time.RFC3339, later)
	want := []struct {
		kind, id string
		props    map[string]any
		ts       time.Time
	}{
		{engine.KindState, "b", map[string]any{"value": 2.0}, feedT0.Add(2 * time.Second)},
		{engine.KindState, "c", map[string]any{"unit": nil}, feedT0.Add(3 * time.Second)},
		{engine.KindUpsert, "d", map[string]any{"kind": "water_level", "unit": "m", "value": 1.0}, feedT0.Add(4 * time.Second)},
		{engine.KindUpsert, "f", map[string]any{"kind": "rain"}, tLater},
		{engine.KindState, "h", map[string]any{"ts": later}, tLater},
		{engine.KindDelete, "e", nil, now},
	}
	if len(ds) != len(want) {
		t.Fatalf("%d deltas %+v, want %d", len(ds), ds, len(want))
	}
	for i, w := range want {
		d := ds[i]
		if d.Kind != w.kind || d.ID != w.id || !reflect.DeepEqual(d.Properties, w.props) || !d.TS.Equal(w.ts) {
			t.Errorf("delta %d = %s %s %v %s; want %s %s %v %s", i, d.Kind, d.ID, d.Properties, d.TS, w.kind, w.id, w.props, w.ts)
		}
	}
	for i := range ds {
		ds[i].Source, ds[i].Seq = reloadSource, uint64(i+1)
		if err := ds[i].Validate(time.Time{}); err != nil {
			t.Errorf("delta %d: %v", i, err)
		}
	}
	ingest(t, st, ds...)
	again, err := diffLayer(w.Snapshot().Layer(geo.LayerSensors), toLL, geo.LayerSensors, remote, now)
	if err != nil || len(again) != 0 {
		t.Errorf("after applying: %d more deltas %+v, %v; want none", len(again), again, err)
	}
}

// shiftLon moves a served point feature dlon degrees east.
func shiftLon(t *testing.T, f wireFeature, dlon float64) wireFeature {
	t.Helper()
	g, err := orbjson.UnmarshalGeometry(f.Geometry)
	if err != nil {
		t.Fatal(err)
	}
	p := g.Coordinates.(orb.Point)
	f.Geometry = pointJSON(p[0]+dlon, p[1])
	return f
}

// TestWallReloadFailure: a server whose units cannot be read fails the
// reload; nothing is applied to the wall's store (version and sensors as
// before), and after the allowed attempts the follower gives up with the
// server's status.
func TestWallReloadFailure(t *testing.T) {
	serverWorld, localWorld := loadMonaco(t), loadMonaco(t)
	ts, sst := serveLive(t, serverWorld, 0, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/collections/units/") {
				http.Error(rw, "broken", http.StatusInternalServerError)
				return
			}
			h.ServeHTTP(rw, r)
		})
	})
	feed := &testFeed{source: "gauges"}
	ingest(t, sst, feed.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: "s0",
		Geometry: pointJSON(7.42, 43.735), Properties: map[string]any{"kind": "rain"}}))
	lst, err := live.Open(context.Background(), localWorld, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lst.Close()
	f := &remoteFollower{client: ts.Client(), base: ts.URL, st: lst, layers: defaultResyncLayers,
		log: slog.New(slog.DiscardHandler), retry: time.Millisecond, tries: 3}
	err = f.run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "attempt 3") {
		t.Errorf("run = %v; want the 500 after attempt 3", err)
	}
	if v, n := lst.Version(), localWorld.Snapshot().Layer(geo.LayerSensors).Len(); v != 0 || n != 0 || f.reloads.Load() != 0 {
		t.Errorf("after failed reloads: version %d, %d sensors, %d reloads; want nothing applied", v, n, f.reloads.Load())
	}
}

// FuzzDecodeItemsPage: any body decodes or errors naming the page, never
// panics; a decoded page's features all have IDs.
func FuzzDecodeItemsPage(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[7,43]},"properties":{"value":1}}],"links":[{"href":"?offset=1","rel":"next"}],"numberMatched":2}`)
	f.Add(`{"type":"FeatureCollection","features":[{"id":7}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"id":null}]}`)
	f.Add(`[1,2`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := decodeItemsPage(strings.NewReader(s), "page")
		if err != nil {
			if !strings.Contains(err.Error(), "page") {
				t.Errorf("error %q does not name the page", err)
			}
			return
		}
		for _, f := range p.Features {
			if f.ID == "" {
				t.Errorf("feature without an ID decoded from %q", s)
			}
		}
	})
}

// TestWallReloadConcurrentChange: a reading and a move land on the server
// while the wall's first reload is fetching, after it has read the sensors
// but before the units. The wall still ends equal to the server: it
// follows the stream from the version read before the fetch, so the
// reading its stale sensor page missed is replayed.
func TestWallReloadConcurrentChange(t *testing.T) {
	serverWorld, localWorld := loadMonaco(t), loadMonaco(t)
	var sst *live.Store
	feed, cad := &testFeed{source: "gauges"}, &testFeed{source: "cad"}
	var once sync.Once
	var ts *httptest.Server
	ts, sst = serveLive(t, serverWorld, 0, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/collections/units/items" {
				once.Do(func() {
					_, err := sst.Ingest(r.Context(), []engine.Delta{
						feed.next(engine.Delta{Kind: engine.KindReading, Layer: geo.LayerSensors, ID: "s0", Value: fptr(7.5)}),
						cad.next(engine.Delta{Kind: engine.KindMove, Layer: geo.LayerUnits, ID: "u0", Lon: fptr(7.415), Lat: fptr(43.733)})})
					if err != nil {
						t.Errorf("ingest during the reload: %v", err)
					}
				})
			}
			h.ServeHTTP(rw, r)
		})
	})
	ingest(t, sst,
		feed.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: "s0",
			Geometry: pointJSON(7.42, 43.735), Properties: map[string]any{"kind": "water_level"}}),
		cad.next(engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerUnits, ID: "u0",
			Geometry: pointJSON(7.425, 43.738), Properties: map[string]any{"status": "available"}}))
	lst, err := live.Open(context.Background(), localWorld, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lst.Close()
	f := &remoteFollower{client: ts.Client(), base: ts.URL, st: lst, layers: defaultResyncLayers,
		log: slog.New(slog.DiscardHandler), retry: 10 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.run(ctx) }()
	eventually(t, "the reading fetched around", func() string {
		s0, ok := localWorld.Snapshot().Layer(geo.LayerSensors).Get("s0")
		if !ok || s0.Properties()["value"] != 7.5 {
			return "s0 without value 7.5"
		}
		return layerDiff(serverWorld.Snapshot(), localWorld.Snapshot(), defaultResyncLayers)
	})
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("follower ended with %v, want context.Canceled", err)
	}
}

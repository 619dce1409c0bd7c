package api

// The delta stream over Server-Sent Events and WebSocket: order, resume
// after a disconnect, resync of slow or stale clients, and shutdown.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"twin/engine/live"
)

// streamTimeout bounds every wait on a stream in these tests: a hang is a
// failure, not a slow pass.
const streamTimeout = 30 * time.Second

// sseEvent is one event (or comment) read from a stream.
type sseEvent struct {
	id, event, data, comment string
}

// sseClient reads a Server-Sent Events stream as a browser's EventSource
// would, over its own connection.
type sseClient struct {
	resp   *http.Response
	r      *bufio.Reader
	cancel context.CancelFunc
}

// openSSE opens base+path with an optional Last-Event-ID and checks the
// response is an event stream. client may be nil (the default client).
func openSSE(t testing.TB, client *http.Client, url, lastID string) *sseClient {
	t.Helper()
	if client == nil {
		client = &http.Client{Transport: &http.Transport{}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), streamTimeout)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		t.Fatalf("GET %s: %d %s %s", url, resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	c := &sseClient{resp: resp, r: bufio.NewReader(resp.Body), cancel: cancel}
	t.Cleanup(c.close)
	return c
}

func (c *sseClient) close() {
	c.cancel()
	c.resp.Body.Close()
}

// next reads the next event or comment; io.EOF when the stream ends.
func (c *sseClient) next() (sseEvent, error) {
	var ev sseEvent
	seen := false
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && seen {
				err = io.ErrUnexpectedEOF
			}
			return ev, err
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if seen {
				return ev, nil
			}
			continue
		}
		seen = true
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "":
			ev.comment = value
		case "id":
			ev.id = value
		case "event":
			ev.event = value
		case "data":
			ev.data += value
		}
	}
}

// nextEvent skips comments and returns the next event.
func (c *sseClient) nextEvent(t testing.TB) sseEvent {
	t.Helper()
	for {
		ev, err := c.next()
		if err != nil {
			t.Fatalf("stream ended: %v", err)
		}
		if ev.event != "" || ev.data != "" {
			return ev
		}
	}
}

// wantBatch reads the next event and checks it is batch version v whose
// first delta has sequence number seq.
func (c *sseClient) wantBatch(t testing.TB, v, seq uint64) {
	t.Helper()
	ev := c.nextEvent(t)
	var b live.Batch
	if ev.event != "batch" || ev.id != strconv.FormatUint(v, 10) || json.Unmarshal([]byte(ev.data), &b) != nil {
		t.Fatalf("got event %q id %q data %.100s; want batch %d", ev.event, ev.id, ev.data, v)
	}
	if b.Version != v || len(b.Deltas) == 0 || b.Deltas[0].Seq != seq {
		t.Fatalf("batch %d: %+v, want version %d starting at seq %d", v, b, v, seq)
	}
}

// postReadings POSTs one batch per sequence number in [from, to] of sensor
// s1/g1 readings.
func postReadings(t testing.TB, base string, from, to uint64) {
	t.Helper()
	for seq := from; seq <= to; seq++ {
		mustPost(t, base, readingLine("s1", seq, "g1", float64(seq)))
	}
}

// TestSSEOrderAndResume is the stream-resume test: a subscriber receives
// batches in order; it disconnects, more is ingested, and reconnecting with
// Last-Event-ID (or ?since=) brings exactly the batches it missed.
func TestSSEOrderAndResume(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{}, live.Options{Dir: t.TempDir()}, nil)
	mustPost(t, f.ts.URL, sensorUpsert("s1", 1, "g1")) // version 1
	c := openSSE(t, nil, f.ts.URL+"/deltas/stream", "")
	postReadings(t, f.ts.URL, 2, 4) // versions 2–4, seq = version
	for v := uint64(2); v <= 4; v++ {
		c.wantBatch(t, v, v)
	}
	c.close()
	postReadings(t, f.ts.URL, 5, 6)
	r := openSSE(t, nil, f.ts.URL+"/deltas/stream?since=1", "4") // the header wins
	r.wantBatch(t, 5, 5)
	r.wantBatch(t, 6, 6)
	postReadings(t, f.ts.URL, 7, 7)
	r.wantBatch(t, 7, 7) // nothing between the missed batches and the live ones
	q := openSSE(t, nil, f.ts.URL+"/deltas/stream?since=5", "")
	q.wantBatch(t, 6, 6)
	q.wantBatch(t, 7, 7)
}

// TestStreamResync: a client that resumes from a version older than the
// store keeps, or newer than it has, gets a resync marker at once (SSE: an
// event, then the end; WebSocket: a message, then a normal closure); a bad
// version is a 400.
func TestStreamResync(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{}, live.Options{RingSize: 2}, nil)
	mustPost(t, f.ts.URL, sensorUpsert("s1", 1, "g1"))
	postReadings(t, f.ts.URL, 2, 5) // versions 2–5; the store keeps 4 and 5
	for _, since := range []string{"1", "9"} {
		c := openSSE(t, nil, f.ts.URL+"/deltas/stream?since="+since, "")
		ev := c.nextEvent(t)
		if ev.event != "resync" || ev.data != `{"resync":true,"version":5}` || ev.id != "" {
			t.Errorf("SSE since=%s: %+v, want a resync at version 5", since, ev)
		}
		if _, err := c.next(); err != io.EOF {
			t.Errorf("SSE since=%s: stream goes on after the resync (%v)", since, err)
		}
		msgs, status := readWS(t, f.ts.URL+"/deltas/ws?since="+since, 1)
		if len(msgs) != 1 || msgs[0] != `{"resync":true,"version":5}` || status != websocket.StatusNormalClosure {
			t.Errorf("WebSocket since=%s: %q, close status %v", since, msgs, status)
		}
	}
	c := openSSE(t, nil, f.ts.URL+"/deltas/stream?since=3", "") // still kept
	c.wantBatch(t, 4, 4)
	for _, path := range []string{"/deltas/stream?since=-1", "/deltas/ws?since=x"} {
		if code, _, _ := get(t, f.ts, path); code != 400 {
			t.Errorf("%s: %d, want 400", path, code)
		}
	}
	if n := metricSum(t, f.ts, "twin_stream_resyncs_total", ""); n != 4 {
		t.Errorf("resyncs counted %g, want 4", n)
	}
}

// TestSSESlowConsumer: a subscriber that stops reading does not hold ingest
// back; it is cut off and, once it reads again, finds the batches sent so
// far in order and a resync event.
func TestSSESlowConsumer(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{}, live.Options{}, func(l *liveRoutes) { l.buffer = 4 })
	mustPost(t, f.ts.URL, sensorUpsert("s1", 1, "g1"))
	c := openSSE(t, nil, f.ts.URL+"/deltas/stream", "") // and then reads nothing until ingest is done
	// 300 batches of 16 KiB (4.8 MiB) exceed what the socket buffers of
	// both ends hold (Linux's tcp_wmem maximum is 4 MiB by default, and a
	// receive buffer that is not read does not grow), so the server's
	// writes block and the subscription falls 4 batches behind.
	note := strings.Repeat("x", 16<<10)
	done := make(chan error, 1)
	go func() {
		for seq := uint64(2); seq <= 301; seq++ {
			line := fmt.Sprintf(`{"source":"s1","seq":%d,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":"g1","value":1,"properties":{"note":%q}}`, seq, note)
			if code, b := postDeltas(t, f.ts.URL, line, "", liveToken); code != 200 {
				done <- fmt.Errorf("batch %d: %d %s", seq, code, b)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(streamTimeout):
		t.Fatal("ingest is blocked behind a subscriber that does not read")
	}
	want := uint64(2)
	for {
		ev := c.nextEvent(t)
		if ev.event == "resync" {
			// The resync carries the version when it was written: at or
			// after the last batch sent, at most the last ingested.
			var r struct{ Version uint64 }
			if json.Unmarshal([]byte(ev.data), &r) != nil || r.Version < want-1 || r.Version > 301 {
				t.Errorf("resync %s, want a version in %d..301", ev.data, want-1)
			}
			break
		}
		if ev.event != "batch" || ev.id != strconv.FormatUint(want, 10) {
			t.Fatalf("got %s %s, want batch %d", ev.event, ev.id, want)
		}
		want++
	}
	if want > 301 {
		t.Errorf("the slow subscriber received every batch (%d); it was never cut off", want-2)
	}
	t.Logf("the slow subscriber received %d of 300 batches before its resync", want-2)
}

// TestSSEOutlivesServerTimeouts runs the stream on a server with 100 ms
// read and write timeouts: the stream must stay open past them, send
// keepalive comments, and deliver a batch ingested later.
func TestSSEOutlivesServerTimeouts(t *testing.T) {
	srv, _ := mountLive(t, smallWorld(t), Config{}, live.Options{}, func(l *liveRoutes) { l.keepalive = 20 * time.Millisecond })
	ts := httptest.NewUnstartedServer(srv)
	ts.Config.ReadTimeout = 100 * time.Millisecond
	ts.Config.WriteTimeout = 100 * time.Millisecond
	ts.Start()
	t.Cleanup(ts.Close)
	t.Cleanup(srv.CloseStreams)
	mustPost(t, ts.URL, sensorUpsert("s1", 1, "g1"))
	c := openSSE(t, nil, ts.URL+"/deltas/stream", "")
	keepalives := 0
	for keepalives < 10 { // ≥ 200 ms: twice both timeouts
		ev, err := c.next()
		if err != nil {
			t.Fatalf("stream ended after %d keepalives: %v", keepalives, err)
		}
		if ev.comment == "keepalive" {
			keepalives++
		}
	}
	postReadings(t, ts.URL, 2, 2)
	c.wantBatch(t, 2, 2)
}

// readWS dials url and reads up to n messages, then the close status (-1
// when the connection is still open after n messages).
func readWS(t testing.TB, url string, n int) ([]string, websocket.StatusCode) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), streamTimeout)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(url, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	var msgs []string
	for {
		typ, b, err := c.Read(ctx)
		if err != nil {
			return msgs, websocket.CloseStatus(err)
		}
		if typ != websocket.MessageText {
			t.Errorf("message type %v, want text", typ)
		}
		msgs = append(msgs, string(b))
		if len(msgs) == n {
			if n > 1 || !strings.Contains(msgs[0], "resync") {
				return msgs, -1
			}
		}
	}
}

// TestWSOrderAndResume: the WebSocket stream delivers batches in order as
// text messages of the same JSON as SSE, and resumes with ?since=.
func TestWSOrderAndResume(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{}, live.Options{}, nil)
	mustPost(t, f.ts.URL, sensorUpsert("s1", 1, "g1"))
	ctx, cancel := context.WithTimeout(context.Background(), streamTimeout)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(f.ts.URL, "http")+"/deltas/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	// The subscription starts once the handshake is done, before Dial
	// returns, so every batch ingested from here on arrives.
	postReadings(t, f.ts.URL, 2, 4)
	for v := uint64(2); v <= 4; v++ {
		_, data, err := c.Read(ctx)
		var b live.Batch
		if err != nil || json.Unmarshal(data, &b) != nil || b.Version != v || b.Deltas[0].Seq != v {
			t.Fatalf("message %d: %s, %v", v, data, err)
		}
	}
	c.Close(websocket.StatusNormalClosure, "")
	postReadings(t, f.ts.URL, 5, 6)
	msgs, _ := readWS(t, f.ts.URL+"/deltas/ws?since=4", 2)
	var got []uint64
	for _, m := range msgs {
		var b live.Batch
		json.Unmarshal([]byte(m), &b)
		got = append(got, b.Version)
	}
	if fmt.Sprint(got) != "[5 6]" {
		t.Errorf("resumed from 4: versions %v, want [5 6]", got)
	}
}

// TestWSOrigin: a WebSocket from another site is refused unless
// Config.CORSOrigins allows its origin.
func TestWSOrigin(t *testing.T) {
	f := newLiveFixture(t, smallWorld(t), Config{CORSOrigins: []string{"https://wall.example.org"}}, live.Options{}, nil)
	for origin, want := range map[string]int{"https://wall.example.org": 101, "https://evil.example.com": 403} {
		ctx, cancel := context.WithTimeout(context.Background(), streamTimeout)
		h := http.Header{"Origin": {origin}}
		c, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(f.ts.URL, "http")+"/deltas/ws", &websocket.DialOptions{HTTPHeader: h})
		if resp == nil || resp.StatusCode != want {
			t.Errorf("origin %s: %v, %v; want %d", origin, resp, err, want)
		}
		if c != nil {
			c.CloseNow()
		}
		cancel()
	}
}

// TestCloseStreamsShutdown: http.Server.Shutdown with CloseStreams
// registered ends open SSE and WebSocket streams (1001 going away) and
// returns promptly instead of waiting for them.
func TestCloseStreamsShutdown(t *testing.T) {
	srv, _ := mountLive(t, smallWorld(t), Config{}, live.Options{}, nil)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	ts.Config.RegisterOnShutdown(srv.CloseStreams)
	sse := openSSE(t, nil, ts.URL+"/deltas/stream", "")
	ctx, cancel := context.WithTimeout(context.Background(), streamTimeout)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/deltas/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	if err := ts.Config.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for {
		if _, err := sse.next(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Errorf("SSE stream ended with %v, want EOF", err)
			}
			break
		}
	}
	if _, _, err := ws.Read(ctx); websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Errorf("WebSocket ended with %v, want status 1001", err)
	}
}

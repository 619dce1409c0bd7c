package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"twin/engine/live"
)

// Defaults of the live routes.
const (
	// maxDeltaLine is the longest NDJSON line POST /deltas takes, in bytes:
	// room for an upsert with a detailed polygon.
	maxDeltaLine = 1 << 20
	// streamKeepalive is how often an idle stream gets a keepalive (an SSE
	// comment, a WebSocket ping), so proxies keep it open and dead clients
	// are noticed.
	streamKeepalive = 15 * time.Second
	// streamWriteTimeout bounds one write to a stream client; a client that
	// takes longer is dropped (it resumes from its last version).
	streamWriteTimeout = 10 * time.Second
	// streamBuffer is how many batches a stream client may fall behind
	// before the store cuts it off with a resync.
	streamBuffer = 256
)

// liveRoutes serves the live path of a Store: ingest, the delta stream and
// the live version. Created by MountLive; safe for concurrent use.
type liveRoutes struct {
	store *live.Store
	log   *slog.Logger
	// now is the server's clock, for the future-timestamp check.
	now func() time.Time
	// keepalive, writeTimeout and buffer are the stream settings (the
	// defaults above; tests shorten them).
	keepalive, writeTimeout time.Duration
	buffer                  int
	// wsOrigins are the origins allowed to open a WebSocket from another
	// site (Config.CORSOrigins); wsAnyOrigin allows every origin.
	wsOrigins   []string
	wsAnyOrigin bool

	quit     chan struct{} // closed by CloseStreams
	quitOnce sync.Once
	bodies   sync.Pool // *bytes.Buffer for request bodies
	cache    batchCache
	m        *liveMetrics
}

// MountLive adds the live routes of st to the server:
//
//   - POST /deltas (needs the token): an NDJSON batch of deltas (Content-Type
//     application/x-ndjson; application/json-seq, application/json and
//     text/plain are read the same way). It answers 200
//     {"applied":N,"duplicates":D,"version":V} once the batch is durable; 400
//     with an "errors" list of every malformed or invalid line; 422 naming the
//     line that cannot be applied to the World (an unknown id, an impossible
//     geometry); 413 for a body over Config.MaxBody; 415 for another content
//     type; 503 when the store is closed or failed, or when the request ended
//     before the batch was durable (resending it is safe: duplicates are
//     acknowledged, not applied twice). Every 4xx applies nothing.
//   - GET /deltas/stream: Server-Sent Events, one "batch" event per applied
//     batch (id: its version; data: {"version":V,"deltas":[…]}), in version
//     order, resuming after the Last-Event-ID header or ?since=V, else from
//     now. A client that falls behind, or resumes from a version the server no
//     longer keeps, gets a "resync" event ({"resync":true,"version":V}) and the
//     stream ends: it fetches the state it needs, then subscribes again.
//   - GET /deltas/ws: the same over WebSocket, one text message per batch,
//     the resync message followed by a normal closure; ?since=V.
//   - GET /deltas/version: {"version":V}, the live version. A client that
//     (re)starts asks for it first, then fetches /collections/…/items, then
//     subscribes with since=V; batches it receives twice are idempotent.
//
// Rejected deltas and batches, subscribers and resyncs are counted in
// /metrics, with the store's counters. Call MountLive once, before serving;
// it panics when called twice (a programmer error).
func (s *Server) MountLive(st *live.Store) {
	if s.live != nil {
		panic("api: MountLive called twice")
	}
	l := &liveRoutes{
		store: st, log: s.log, now: time.Now,
		keepalive: streamKeepalive, writeTimeout: streamWriteTimeout, buffer: streamBuffer,
		wsAnyOrigin: s.anyOrigin, wsOrigins: s.cfg.CORSOrigins,
		quit: make(chan struct{}), m: newLiveMetrics(st),
	}
	s.live = l
	s.MustRegister(l.m.collectors()...)
	s.Handle("POST /deltas", "deltas", true, s.wrap("deltas", l.ingest))
	s.Handle("GET /deltas/version", "deltas-version", false, s.wrap("deltas-version", l.version))
	s.mux.Handle("GET /deltas/stream", s.streamRoute("deltas-stream", s.wrap("deltas-stream", l.sse)))
	s.mux.Handle("GET /deltas/ws", s.streamRoute("deltas-ws", s.wrap("deltas-ws", l.ws)))
}

// streamRoute is route for a long-lived stream: logging, metrics, CORS and
// the token check when reads are protected, but no request timeout (a stream
// lasts until the client or the server ends it) and no body limit (a stream
// request has no body).
func (s *Server) streamRoute(name string, h http.Handler) http.Handler {
	return s.observe(name, s.cors(s.auth(false, h)))
}

// CloseStreams ends every open delta stream and refuses new ones (SSE
// streams end, WebSockets close with status 1001 "going away"; clients
// resume elsewhere from their last version), so that http.Server.Shutdown,
// which waits for active requests, can finish: register it with
// http.Server.RegisterOnShutdown. Ingest is not affected. Safe to call more
// than once and concurrently; without MountLive it does nothing.
func (s *Server) CloseStreams() {
	if s.live != nil {
		s.live.quitOnce.Do(func() { close(s.live.quit) })
	}
}

// version answers GET /deltas/version.
func (l *liveRoutes) version(*request) (response, error) {
	return okJSON(struct {
		Version uint64 `json:"version"`
	}{l.store.Version()}), nil
}

// streamStart is where a stream begins: after version since, or, when the
// client is ahead of the store (it saw versions this store never had: the
// store lost them, or it is another store), nowhere: resync at once.
type streamStart struct {
	since uint64
	ahead bool
}

// streamSince reads where a stream client resumes: the Last-Event-ID header
// (what an EventSource sends when it reconnects), else the since parameter,
// else the current version (new batches only).
func (l *liveRoutes) streamSince(r *http.Request) (streamStart, error) {
	name, raw := "Last-Event-ID", r.Header.Get("Last-Event-ID")
	if raw == "" {
		name, raw = "since", r.URL.Query().Get("since")
	}
	cur := l.store.Version()
	if raw == "" {
		return streamStart{since: cur}, nil
	}
	v, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return streamStart{}, badParam(name, "want a version, a non-negative integer, not %q", raw)
	}
	return streamStart{since: v, ahead: v > cur}, nil
}

// subscribe starts a subscription at st, or returns nil when the client
// must resync at once.
func (l *liveRoutes) subscribe(st streamStart) *live.Sub {
	if st.ahead {
		return nil
	}
	return l.store.Subscribe(st.since, l.buffer)
}

// resyncMessage is the JSON of a resync marker: the client must fetch the
// state it needs and subscribe again from (about) Version.
func (l *liveRoutes) resyncMessage() []byte {
	return fmt.Appendf(nil, `{"resync":true,"version":%d}`, l.store.Version())
}

// batchCacheSize is how many encoded batches batchCache keeps.
const batchCacheSize = 64

// batchCache keeps the JSON of the last batches streamed, so that every
// subscriber of a batch shares one encoding. Safe for concurrent use.
type batchCache struct {
	mu    sync.Mutex
	slots [batchCacheSize]struct {
		version uint64
		data    []byte
	}
}

// encode returns the JSON of b ({"version":V,"deltas":[…]}); the slice is
// shared and must not be changed.
func (c *batchCache) encode(b *live.Batch) ([]byte, error) {
	slot := &c.slots[b.Version%batchCacheSize]
	c.mu.Lock()
	if slot.version == b.Version && slot.data != nil {
		data := slot.data
		c.mu.Unlock()
		return data, nil
	}
	c.mu.Unlock()
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("api: encoding batch %d: %w", b.Version, err)
	}
	c.mu.Lock()
	slot.version, slot.data = b.Version, data
	c.mu.Unlock()
	return data, nil
}

// errStreamEnded ends a stream whose client went away or could not keep
// up; it is not a server error.
var errStreamEnded = errors.New("api: stream ended")

package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"twin/engine/live"
)

// sse answers GET /deltas/stream with a Server-Sent Events stream; see
// MountLive.
func (l *liveRoutes) sse(rq *request) (response, error) {
	start, err := l.streamSince(rq.Request)
	if err != nil {
		return nil, err
	}
	return &sseStream{l: l, start: start}, nil
}

// sseStream is one SSE client. Its write runs for the life of the stream.
type sseStream struct {
	l     *liveRoutes
	start streamStart
	w     http.ResponseWriter
	rc    *http.ResponseController
	ev    bytes.Buffer // the event being written
}

// write subscribes, then streams batches until the client leaves, falls
// behind (a resync event ends the stream), the store closes or the server
// closes its streams. It subscribes before the response headers go out, so a
// client that has them misses no batch.
func (st *sseStream) write(w http.ResponseWriter, rq *request) error {
	l := st.l
	sub := l.subscribe(st.start)
	if sub != nil {
		defer sub.Close()
	}
	st.w, st.rc = w, http.NewResponseController(w)
	// The server's read timeout would otherwise end the stream: net/http
	// cancels a request's context when a read deadline passes, even while
	// the handler is writing.
	_ = st.rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events through unbuffered
	w.WriteHeader(http.StatusOK)
	if rq.Method == http.MethodHead {
		return nil
	}
	l.m.subscribers.WithLabelValues("sse").Inc()
	defer l.m.subscribers.WithLabelValues("sse").Dec()
	st.ev.WriteString(": twin delta stream, version ")
	st.ev.WriteString(strconv.FormatUint(l.store.Version(), 10))
	st.ev.WriteString("\n\n")
	if sub == nil {
		return st.resync()
	}
	if st.send() != nil {
		return nil
	}
	return st.loop(rq, sub)
}

func (st *sseStream) loop(rq *request, sub *live.Sub) error {
	l := st.l
	tick := time.NewTicker(l.keepalive)
	defer tick.Stop()
	for {
		select {
		case b, ok := <-sub.C:
			if !ok {
				if sub.Resync() {
					return st.resync()
				}
				return nil // the store closed: the client resumes elsewhere
			}
			data, err := l.cache.encode(b)
			if err != nil {
				return err
			}
			st.ev.WriteString("id: ")
			st.ev.WriteString(strconv.FormatUint(b.Version, 10))
			st.ev.WriteString("\nevent: batch\ndata: ")
			st.ev.Write(data)
			st.ev.WriteString("\n\n")
		case <-tick.C:
			st.ev.WriteString(": keepalive\n\n")
		case <-rq.Context().Done():
			return nil
		case <-l.quit:
			return nil
		}
		if st.send() != nil {
			return nil // the client is gone or too slow; it resumes from its last id
		}
	}
}

// resync sends the resync event that ends the stream.
func (st *sseStream) resync() error {
	st.l.m.resyncs.WithLabelValues("sse").Inc()
	st.ev.WriteString("event: resync\ndata: ")
	st.ev.Write(st.l.resyncMessage())
	st.ev.WriteString("\n\n")
	st.send()
	return nil
}

// send writes and flushes the pending event within the write timeout.
func (st *sseStream) send() error {
	defer st.ev.Reset()
	_ = st.rc.SetWriteDeadline(time.Now().Add(st.l.writeTimeout))
	if _, err := st.w.Write(st.ev.Bytes()); err != nil {
		return errStreamEnded
	}
	if err := st.rc.Flush(); err != nil {
		return errStreamEnded
	}
	return nil
}

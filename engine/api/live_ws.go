package api

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"twin/engine/live"
)

// ws answers GET /deltas/ws with a WebSocket stream; see MountLive.
func (l *liveRoutes) ws(rq *request) (response, error) {
	start, err := l.streamSince(rq.Request)
	if err != nil {
		return nil, err
	}
	return &wsStream{l: l, start: start}, nil
}

// wsStream is one WebSocket client. Its write runs for the life of the
// stream.
type wsStream struct {
	l     *liveRoutes
	start streamStart
}

// write subscribes, upgrades the connection and sends one text message per
// batch until the client leaves, falls behind (a resync message, then a
// normal closure), the store closes or the server closes its streams (1001
// going away). Origins other than the request's host must be allowed by
// Config.CORSOrigins. Client messages are not expected: reading them ends
// the stream with a policy-violation closure.
func (st *wsStream) write(w http.ResponseWriter, rq *request) error {
	l := st.l
	sub := l.subscribe(st.start)
	if sub != nil {
		defer sub.Close()
	}
	c, err := websocket.Accept(w, rq.Request, &websocket.AcceptOptions{
		InsecureSkipVerify: l.wsAnyOrigin, OriginPatterns: l.wsOrigins,
	})
	if err != nil {
		return nil // Accept has answered the client (400, 403, 426)
	}
	defer c.CloseNow()
	l.m.subscribers.WithLabelValues("ws").Inc()
	defer l.m.subscribers.WithLabelValues("ws").Dec()
	// The request's context is not to be used after a hijack; the stream's
	// life is bounded by CloseRead's context, which ends with the connection.
	ctx := c.CloseRead(context.Background())
	if sub == nil {
		st.resync(ctx, c)
		return nil
	}
	return st.loop(ctx, c, sub)
}

func (st *wsStream) loop(ctx context.Context, c *websocket.Conn, sub *live.Sub) error {
	l := st.l
	tick := time.NewTicker(l.keepalive)
	defer tick.Stop()
	for {
		select {
		case b, ok := <-sub.C:
			if !ok {
				if sub.Resync() {
					st.resync(ctx, c)
				} else {
					c.Close(websocket.StatusGoingAway, "live store closed")
				}
				return nil
			}
			data, err := l.cache.encode(b)
			if err != nil {
				c.Close(websocket.StatusInternalError, "encoding failed")
				return err
			}
			if st.send(ctx, c, data) != nil {
				return nil // gone or too slow; it resumes with since=
			}
		case <-tick.C:
			pctx, cancel := context.WithTimeout(ctx, l.writeTimeout)
			err := c.Ping(pctx)
			cancel()
			if err != nil {
				return nil
			}
		case <-ctx.Done():
			return nil
		case <-l.quit:
			c.Close(websocket.StatusGoingAway, "server shutting down")
			return nil
		}
	}
}

// send writes one text message within the write timeout.
func (st *wsStream) send(ctx context.Context, c *websocket.Conn, data []byte) error {
	wctx, cancel := context.WithTimeout(ctx, st.l.writeTimeout)
	defer cancel()
	return c.Write(wctx, websocket.MessageText, data)
}

// resync sends the resync message and closes the connection normally.
func (st *wsStream) resync(ctx context.Context, c *websocket.Conn) {
	st.l.m.resyncs.WithLabelValues("ws").Inc()
	if st.send(ctx, c, st.l.resyncMessage()) == nil {
		c.Close(websocket.StatusNormalClosure, "resync")
	}
}

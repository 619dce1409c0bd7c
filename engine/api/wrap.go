package api

import (
	"log/slog"
	"net/http"
	"runtime/debug"

	"twin/engine"
)

// request is what a handler gets: the HTTP request, the snapshot it must
// answer from, and the route's name for metrics and logs.
type request struct {
	*http.Request
	snap  *engine.Snapshot
	route string
}

// handler answers a request with a response or an error; the error becomes
// a problem+json response (a *Problem keeps its status, anything else is a
// 500 that is logged but not shown).
type handler func(rq *request) (response, error)

// response writes itself to the client.
type response interface {
	write(w http.ResponseWriter, rq *request) error
}

// wrap turns a handler into an http.HandlerFunc: it takes the snapshot,
// recovers panics (a 500, logged with the stack), and writes problems.
func (s *Server) wrap(route string, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq := &request{Request: r, snap: s.world.Snapshot(), route: route}
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("handler panic", "route", route, "panic", v, "stack", string(debug.Stack()))
				writeProblem(w, problem(http.StatusInternalServerError, "", "internal error"))
			}
		}()
		resp, err := h(rq)
		if err == nil {
			err = resp.write(w, rq)
			if err == nil {
				return
			}
			// A failure after the headers went out cannot become a problem.
			if rec, ok := w.(*recorder); ok && rec.status != 0 {
				s.log.Warn("response failed", "route", route, "err", err)
				return
			}
		}
		p := writeProblem(w, err)
		if p.Status >= 500 {
			s.log.Error("request failed", "route", route, "err", err)
		} else {
			s.log.Debug("request refused", slog.String("route", route), slog.String("problem", p.Error()))
		}
	}
}

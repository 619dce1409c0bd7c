package apibench

import (
	"context"
	"fmt"
	"net/http"

	"twin/engine"
	"twin/engine/api"
)

// Twin answers API requests in process: api.Server's handler (routing,
// parameters, the query, GeoJSON encoding, metrics, access log) writes into
// a buffer, with no network and no HTTP framing. It measures what twin
// itself spends on a request. Safe for concurrent use.
type Twin struct {
	h http.Handler
}

// NewTwin returns the in-process twin for w with the API configuration
// cfg. Errors: api.ErrConfig.
func NewTwin(w *engine.World, cfg api.Config) (*Twin, error) {
	s, err := api.New(w, cfg, nil)
	if err != nil {
		return nil, err
	}
	return &Twin{h: s}, nil
}

// Get serves the request for path (path and query, e.g. ItemsPath's) and
// appends the response body to dst. Errors: ctx's, or a status other than
// 200 (with the body). O(the request).
func (t *Twin) Get(ctx context.Context, dst []byte, path string) ([]byte, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://twin.invalid"+path, nil)
	if err != nil {
		return dst, err
	}
	bw := bodyWriter{h: http.Header{}, body: dst}
	t.h.ServeHTTP(&bw, r)
	if bw.status != 0 && bw.status != http.StatusOK {
		return dst, fmt.Errorf("apibench: twin %s: status %d: %s", path, bw.status, bw.body[len(dst):])
	}
	return bw.body, nil
}

// bodyWriter is an http.ResponseWriter that keeps the body.
type bodyWriter struct {
	h      http.Header
	status int
	body   []byte
}

func (w *bodyWriter) Header() http.Header { return w.h }

func (w *bodyWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *bodyWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body = append(w.body, b...)
	return len(b), nil
}

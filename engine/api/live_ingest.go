package api

import (
	"bytes"
	"context"
	"errors"
	"mime"
	"net/http"

	"twin/engine"
	"twin/engine/live"
)

// deltaTypes are the content types POST /deltas reads as NDJSON, with
// whether records start with an RS byte (RFC 7464 JSON text sequences).
var deltaTypes = map[string]bool{
	"":                     false,
	"application/x-ndjson": false,
	"application/ndjson":   false,
	"application/jsonl":    false,
	"application/json":     false,
	"text/plain":           false,
	"application/json-seq": true,
}

// ingest answers POST /deltas; see MountLive. The body is read whole
// (Config.MaxBody bounds it), parsed with the server's clock, and handed to
// the store as one batch.
func (l *liveRoutes) ingest(rq *request) (response, error) {
	seq, err := deltaContentType(rq.Header.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	buf, _ := l.bodies.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= 16<<20 {
			buf.Reset()
			l.bodies.Put(buf)
		}
	}()
	if _, err := buf.ReadFrom(rq.Body); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			l.m.reject(rejectTooLarge, 0)
			return nil, problem(http.StatusRequestEntityTooLarge, "", "body exceeds the limit of %d bytes", tooBig.Limit)
		}
		return nil, problem(http.StatusBadRequest, "", "reading the body: %v", err)
	}
	body := buf.Bytes()
	if seq {
		for i, c := range body {
			if c == 0x1e { // RS starts a record; the record is the line after it
				body[i] = ' '
			}
		}
	}
	// No line is longer than the body: bounding the line length by it keeps
	// the scanner's buffer small for small batches.
	ds, bad, err := engine.ParseDeltas(bytes.NewReader(body), l.now(), min(maxDeltaLine, len(body)+1))
	switch {
	case err != nil:
		return nil, err
	case len(bad) > 0:
		l.m.reject(rejectMalformed, len(bad))
		p := problem(http.StatusBadRequest, "", "%d line(s) of the batch are not valid deltas; nothing was applied", len(bad))
		p.Errors = bad
		return nil, p
	case len(ds) == 0:
		return nil, problem(http.StatusBadRequest, "", "the body holds no deltas")
	}
	res, err := l.store.Ingest(rq.Context(), ds)
	if err != nil {
		return nil, l.ingestError(rq.Context(), body, err)
	}
	return okJSON(res), nil
}

// deltaContentType checks the request's content type and reports whether it
// is a JSON text sequence.
func deltaContentType(ct string) (seq bool, err error) {
	mt := ""
	if ct != "" {
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			return false, problem(http.StatusUnsupportedMediaType, "Content-Type", "unreadable content type %q", ct)
		}
	}
	seq, ok := deltaTypes[mt]
	if !ok {
		return false, problem(http.StatusUnsupportedMediaType, "Content-Type",
			"%q is not accepted: send NDJSON, one delta per line, as application/x-ndjson", mt)
	}
	return seq, nil
}

// ingestError turns a failed Ingest into a problem: 422 naming the line
// that cannot apply, 503 when the store takes no batches or the request
// ended before the batch was durable.
func (l *liveRoutes) ingestError(ctx context.Context, body []byte, err error) error {
	var rej *live.RejectError
	switch {
	case errors.As(err, &rej):
		reason := rejectUnapplicable
		if errors.Is(err, engine.ErrUnknownFeature) {
			reason = rejectUnknownFeature
		}
		l.m.reject(reason, 1)
		line := lineOf(body, rej.Index)
		p := problem(http.StatusUnprocessableEntity, "", "line %d cannot be applied to the World; nothing was applied", line)
		p.Errors = []engine.LineError{{Line: line, Err: rej.Err.Error()}}
		return p
	case errors.Is(err, live.ErrClosed):
		return problem(http.StatusServiceUnavailable, "", "the live store is closed")
	case errors.Is(err, live.ErrFailed):
		l.log.Error("live store failed", "err", err)
		return problem(http.StatusServiceUnavailable, "", "the live store failed and takes no batches until restarted")
	case ctx.Err() != nil:
		return problem(http.StatusServiceUnavailable, "",
			"the request ended before the batch was durable; it was not acknowledged: resend it (duplicates are not applied twice)")
	}
	return err
}

// lineOf returns the 1-based line number of the index-th (0-based) delta of
// body: its index-th non-blank line, as engine.ParseDeltas counts lines.
// O(len(body)); only rejected batches pay it.
func lineOf(body []byte, index int) int {
	line, n := 0, 0
	for len(body) > 0 {
		line++
		next := len(body)
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			next = i + 1
		}
		if len(bytes.TrimSpace(body[:next])) > 0 {
			if n == index {
				return line
			}
			n++
		}
		body = body[next:]
	}
	return line
}

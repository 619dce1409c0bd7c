package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"twin/engine/live"
)

// FuzzPostDeltas sends arbitrary bodies to POST /deltas (through the
// handler, without the network) and checks the contract: a known status;
// nothing applied unless 200; a 200 accounts for every line; the lines a
// problem names exist.
func FuzzPostDeltas(f *testing.F) {
	srv, st := mountLive(f, smallWorld(f), Config{MaxBody: 64 << 10}, live.Options{}, nil)
	for _, seed := range []string{
		sensorUpsert("s1", 1, "g1") + "\n" + readingLine("s1", 2, "g1", 0.42) + "\n",
		readingLine("s1", 3, "nope", 1),
		`{"source":"ops","seq":1,"ts":"2026-11-23T08:00:03Z","kind":"closure","layer":"roads","id":"w1","closed":true}`,
		`{"source":"s1","seq":4,"ts":"2026-11-23T08:00:04Z","kind":"delete","layer":"sensors","id":"g1"}` + "\n\n{",
		"\x1e" + readingLine("s2", 1, "g1", 1) + "\n",
	} {
		f.Add([]byte(seed), uint8(0))
		f.Add([]byte(seed), uint8(6))
	}
	types := []string{"application/x-ndjson", "", "application/json", "text/plain; charset=utf-8", "application/json-seq", "text/html", "application/json-seq"}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8) {
		before := st.Version()
		req := httptest.NewRequest("POST", "/deltas", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+liveToken)
		if typ := types[int(ct)%len(types)]; typ != "" {
			req.Header.Set("Content-Type", typ)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		lines := bytes.Count(body, []byte{'\n'}) + 1
		switch rec.Code {
		case http.StatusOK:
			var r live.Result
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatalf("200 with %q: %v", rec.Body, err)
			}
			if r.Applied+r.Duplicates == 0 || r.Applied+r.Duplicates > lines {
				t.Fatalf("acknowledged %+v for a body of %d lines", r, lines)
			}
			if (r.Applied > 0) != (st.Version() == before+1) || st.Version() < before {
				t.Fatalf("acknowledged %+v but the version went %d → %d", r, before, st.Version())
			}
			return
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if st.Version() != before {
			t.Fatalf("a %d changed the version %d → %d", rec.Code, before, st.Version())
		}
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code {
			t.Fatalf("not a problem: %q", rec.Body)
		}
		for _, e := range p.Errors {
			if e.Line < 1 || e.Line > lines || e.Err == "" {
				t.Fatalf("error %+v for a body of %d lines", e, lines)
			}
		}
		if rec.Code == http.StatusUnprocessableEntity && len(p.Errors) != 1 {
			t.Fatalf("a 422 names %d lines, want 1", len(p.Errors))
		}
	})
}

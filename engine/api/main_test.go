package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"twin/engine"
	"twin/internal/samplecity"
)

var sample struct {
	once sync.Once
	w    *engine.World
	err  error
}

// sampleWorld loads the embedded sample city (Monaco) once per test binary.
func sampleWorld(t testing.TB) *engine.World {
	t.Helper()
	sample.once.Do(func() {
		sample.w, sample.err = samplecity.World(context.Background())
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	return sample.w
}

// newTestServer serves the sample city over a real loopback listener.
func newTestServer(t testing.TB, cfg Config) *httptest.Server {
	t.Helper()
	s, err := New(sampleWorld(t), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// get fetches path from ts and returns status, headers and body.
func get(t testing.TB, ts *httptest.Server, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

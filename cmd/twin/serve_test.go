package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"twin/engine/api"
)

// syncBuffer collects a command's log output from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// served is a `twin serve` running in-process on a loopback port.
type served struct {
	base     string // http://ADDR, from the "twin: listening on" line
	logs     *syncBuffer
	stop     context.CancelFunc
	finished chan struct{} // closed when the command has returned err
	err      error
}

// wait returns the command's result, failing the test if it does not end
// within a generous 30 s (the server's own shutdown limit is 10 s).
func (s *served) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-s.finished:
		return s.err
	case <-time.After(30 * time.Second):
		t.Fatal("twin serve did not return")
		return nil
	}
}

// startServe runs `twin serve --addr 127.0.0.1:0 args…` as main does, with
// a context that stands in for signal.NotifyContext (cancelling it is what
// SIGTERM does), and waits for the address it prints. It fails the test if
// the command ends before listening.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{logs: &syncBuffer{}, stop: cancel, finished: make(chan struct{})}
	pr, pw := io.Pipe()
	cmd := newRootCmd()
	cmd.SetOut(pw)
	cmd.SetErr(s.logs)
	cmd.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	go func() {
		s.err = cmd.ExecuteContext(ctx)
		pw.Close()
		close(s.finished)
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "twin: listening on "); ok {
				addr <- a
			}
		}
		close(addr)
	}()
	t.Cleanup(func() {
		cancel()
		<-s.finished
	})
	a, ok := <-addr
	if !ok {
		<-s.finished
		t.Fatalf("twin serve %v ended before listening: %v\n%s", args, s.err, s.logs)
	}
	s.base = a
	return s
}

// fetch GETs base+path with an optional bearer token.
func fetch(t *testing.T, base, path, token string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
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

// returned counts the features of an items or query response.
func returned(t *testing.T, body []byte) int {
	t.Helper()
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatalf("not a FeatureCollection: %v: %.200s", err, body)
	}
	return len(fc.Features)
}

// TestServeGracefulShutdown starts `twin serve`, queries it, then starts a
// request whose body it holds back, cancels the context (SIGTERM) and checks
// that the server stops accepting connections, still answers the request
// in flight once its body arrives, and that the command then returns nil.
//
// The request says "Expect: 100-continue", so the client sends its body only
// once the handler has begun to read it: when the first write to the body
// returns, the request is certainly in the handler.
func TestServeGracefulShutdown(t *testing.T) {
	t.Setenv("TWIN_TOKEN", "")
	s := startServe(t)
	code, _, body := fetch(t, s.base, "/collections/buildings/items?limit=3", "")
	if code != 200 || returned(t, body) != 3 {
		t.Fatalf("items: %d, %.200s", code, body)
	}

	poly := `{"type":"Polygon","coordinates":[[[7.420,43.730],[7.425,43.730],[7.425,43.735],[7.420,43.735],[7.420,43.730]]]}`
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", s.base+"/collections/buildings/within", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/geo+json")
	req.Header.Set("Expect", "100-continue")
	client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute, DisableKeepAlives: true}}
	type result struct {
		code int
		body []byte
		err  error
	}
	inflight := make(chan result, 1)
	go func() {
		resp, err := client.Do(req)
		if err != nil {
			inflight <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inflight <- result{resp.StatusCode, b, err}
	}()
	if _, err := io.WriteString(pw, poly[:len(poly)/2]); err != nil {
		t.Fatal(err)
	}
	s.stop()
	waitRefused(t, strings.TrimPrefix(s.base, "http://"))
	select {
	case <-s.finished:
		t.Fatalf("twin serve returned %v with a request in flight", s.err)
	default:
	}
	if _, err := io.WriteString(pw, poly[len(poly)/2:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := <-inflight
	if r.err != nil || r.code != 200 || returned(t, r.body) == 0 {
		t.Fatalf("request in flight: %d %v %.200s", r.code, r.err, r.body)
	}
	if err := s.wait(t); err != nil {
		t.Errorf("twin serve returned %v after a graceful shutdown, want nil", err)
	}
	if !strings.Contains(s.logs.String(), `"shutting down"`) {
		t.Errorf("no shutdown in the log:\n%s", s.logs)
	}
}

// waitRefused waits until addr stops accepting connections.
func waitRefused(t *testing.T, addr string) {
	t.Helper()
	for range 1000 {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s still accepts connections after the shutdown began", addr)
}

// serveErr runs a `twin serve` that must fail before it listens and returns
// its error. A command that starts serving instead returns nil when the
// 30 s context ends, which the caller reports.
func serveErr(t *testing.T, args ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := newRootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	return cmd.ExecuteContext(ctx)
}

// TestServeConfig: --config reads a strict YAML file (an unknown or
// misspelt key is an error, and so is a token, which comes only from
// --token-file or TWIN_TOKEN); its api settings reach the server; flags
// override it.
func TestServeConfig(t *testing.T) {
	t.Setenv("TWIN_TOKEN", "")
	dir := t.TempDir()
	good := filepath.Join(dir, "twin.yaml")
	writeFile(t, good, `# the --addr flag must win over this unusable address
addr: "256.0.0.1:80"
api:
  default_limit: 3
  max_limit: 50
  cors_origins: ["https://map.example.org"]
  title: Monaco twin
  timeout: 5s
`)
	s := startServe(t, "--config", good)
	checks := []struct {
		name, path string
		status     int
		check      func(h http.Header, body []byte) bool
	}{
		{"default_limit", "/collections/buildings/items", 200, func(_ http.Header, b []byte) bool { return returned(t, b) == 3 }},
		{"max_limit", "/collections/buildings/items?limit=51", 400, nil},
		{"at max_limit", "/collections/buildings/items?limit=50", 200, func(_ http.Header, b []byte) bool { return returned(t, b) == 50 }},
		{"title", "/", 200, func(_ http.Header, b []byte) bool { return strings.Contains(string(b), `"Monaco twin"`) }},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			code, h, body := fetch(t, s.base, c.path, "")
			if code != c.status || c.check != nil && !c.check(h, body) {
				t.Errorf("%s: %d %.200s", c.path, code, body)
			}
		})
	}
	t.Run("cors_origins", func(t *testing.T) {
		req, _ := http.NewRequest("GET", s.base+"/collections", nil)
		req.Header.Set("Origin", "https://map.example.org")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://map.example.org" {
			t.Errorf("Access-Control-Allow-Origin %q", got)
		}
	})

	bad := []struct {
		name, yaml string
		want       string // in the error text; "" checks for api.ErrConfig
	}{
		{"unknown key", "adress: 127.0.0.1:0\n", "adress"},
		{"unknown api key", "api:\n  max_limt: 5\n", "max_limt"},
		{"token in the file", "api:\n  token: hunter2\n", "token"},
		{"wrong type", "api:\n  max_limit: lots\n", "max_limit"},
		{"default above max", "api:\n  default_limit: 50\n  max_limit: 20\n", ""},
		{"protect_reads without a token", "api:\n  protect_reads: true\n", ""},
		{"not YAML", "api: [\n", "twin.yaml"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "twin.yaml")
			writeFile(t, path, tc.yaml)
			err := serveErr(t, "--config", path)
			if err == nil || tc.want == "" && !errors.Is(err, api.ErrConfig) || tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if err := serveErr(t, "--config", filepath.Join(dir, "nope.yaml")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error %v, want a missing file", err)
		}
	})
}

// TestServeToken: the token comes from --token-file (trimmed) or else
// TWIN_TOKEN; with protect_reads it guards the data, so reads show which
// token the server took. Neither token appears in the log.
func TestServeToken(t *testing.T) {
	const envToken, fileToken = "env-token-51c2", "file-token-9be0"
	t.Setenv("TWIN_TOKEN", envToken)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "twin.yaml")
	writeFile(t, cfg, "api:\n  protect_reads: true\n")
	tokenFile := filepath.Join(dir, "token")
	writeFile(t, tokenFile, fileToken+"\n")
	tests := []struct {
		name        string
		args        []string
		good, wrong string
	}{
		{"TWIN_TOKEN", []string{"--config", cfg}, envToken, fileToken},
		{"--token-file wins over TWIN_TOKEN", []string{"--config", cfg, "--token-file", tokenFile}, fileToken, envToken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startServe(t, tc.args...)
			for _, c := range []struct {
				token string
				want  int
			}{{"", 401}, {tc.wrong, 401}, {tc.good, 200}} {
				if code, _, body := fetch(t, s.base, "/collections", c.token); code != c.want {
					t.Errorf("token %q: %d, want %d: %.200s", c.token, code, c.want, body)
				}
			}
			if code, _, _ := fetch(t, s.base, "/healthz", ""); code != 200 {
				t.Errorf("/healthz without a token: %d, want 200", code)
			}
			s.stop()
			if err := s.wait(t); err != nil {
				t.Fatal(err)
			}
			logs := s.logs.String()
			if !strings.Contains(logs, `"/collections"`) {
				t.Errorf("the access log lacks the requests:\n%s", logs)
			}
			for _, secret := range []string{envToken, fileToken} {
				if strings.Contains(logs, secret) {
					t.Errorf("the log holds %q:\n%s", secret, logs)
				}
			}
		})
	}
	t.Run("missing token file", func(t *testing.T) {
		if err := serveErr(t, "--token-file", filepath.Join(dir, "nope")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error %v, want a missing file", err)
		}
	})
}

package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eclipse/paho.golang/packets"
	"github.com/eclipse/paho.golang/paho"

	"twin/engine"
)

// deltaSink takes batches of deltas in order: a batch is sent before the
// next one starts. Sinks that send parallel requests or messages split a
// batch with shard, so that deltas of one source (the twin drops a delta
// whose seq is below its source's last as a duplicate) and deltas of one
// feature keep their order.
type deltaSink interface {
	send(ctx context.Context, ds []engine.Delta) error
	// close flushes and releases the sink.
	close(ctx context.Context) error
	// summary describes what the twin acknowledged, when the sink knows.
	summary() string
}

// sinkOptions configure openSink.
type sinkOptions struct {
	token string // bearer token for HTTP
	city  string // the {city} of MQTT topics
	conns int    // parallel HTTP requests
}

// openSink opens the destination: out (an NDJSON file, "-" for stdout)
// or to (http://host:port: POST /deltas; mqtt://host:port: QoS 1 messages
// to twin/{city}/{kind}/{id}).
func openSink(ctx context.Context, to, out string, o sinkOptions, stdout io.Writer) (deltaSink, error) {
	switch {
	case out != "" && to != "":
		return nil, errors.New("sensors: give --to or --out, not both")
	case out == "-":
		return &fileSink{w: bufio.NewWriter(stdout)}, nil
	case out != "":
		f, err := os.Create(out)
		if err != nil {
			return nil, err
		}
		return &fileSink{w: bufio.NewWriter(f), f: f}, nil
	case to == "":
		return nil, errors.New("sensors: give --to URL or --out FILE")
	}
	u, err := url.Parse(to)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("sensors: bad --to %q: want http://HOST:PORT or mqtt://HOST:PORT", to)
	}
	o.conns = max(o.conns, 1)
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return &httpSink{url: strings.TrimSuffix(to, "/") + "/deltas", token: o.token, conns: o.conns,
			client: &http.Client{Timeout: time.Minute}}, nil
	case "mqtt", "tcp", "mqtts":
		return openMQTTSink(ctx, u, o)
	}
	return nil, fmt.Errorf("sensors: --to scheme %q: want http, https, mqtt or mqtts", u.Scheme)
}

// fileSink writes NDJSON.
type fileSink struct {
	w *bufio.Writer
	f *os.File // nil for stdout
}

func (s *fileSink) send(_ context.Context, ds []engine.Delta) error {
	for i := range ds {
		b, err := json.Marshal(&ds[i])
		if err != nil {
			return err
		}
		s.w.Write(b)
		if err := s.w.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}

func (s *fileSink) close(context.Context) error {
	err := s.w.Flush()
	if s.f != nil {
		if cerr := s.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

func (s *fileSink) summary() string { return "" }

// shard splits ds into at most n batches that may be sent in parallel:
// deltas that share a source (whose seq order the twin checks) or a feature
// (an upsert before its readings) land in the same batch, in their order.
// Those groups (connected components) go to the least loaded batch, largest
// first. O(len(ds)) map operations.
func shard(ds []engine.Delta, n int) [][]engine.Delta {
	if n <= 1 {
		return [][]engine.Delta{ds}
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		p, ok := parent[k]
		if !ok || p == k {
			parent[k] = k
			return k
		}
		r := find(p)
		parent[k] = r
		return r
	}
	keys := make([]string, len(ds))
	for i := range ds {
		src, feat := "s\x00"+ds[i].Source, "f\x00"+ds[i].Layer+"\x00"+ds[i].ID
		a, b := find(src), find(feat)
		if a != b {
			parent[a] = b
		}
		keys[i] = src
	}
	size := map[string]int{}
	for i := range ds {
		keys[i] = find(keys[i])
		size[keys[i]]++
	}
	roots := make([]string, 0, len(size))
	for r := range size {
		roots = append(roots, r)
	}
	slices.SortFunc(roots, func(a, b string) int { return cmp.Or(size[b]-size[a], strings.Compare(a, b)) })
	load := make([]int, n)
	slot := make(map[string]int, len(roots))
	for _, r := range roots {
		best := 0
		for i := range load {
			if load[i] < load[best] {
				best = i
			}
		}
		slot[r] = best
		load[best] += size[r]
	}
	out := make([][]engine.Delta, n)
	for i := range ds {
		out[slot[keys[i]]] = append(out[slot[keys[i]]], ds[i])
	}
	return out
}

// parallel runs fn on every non-empty shard at once and returns the first
// error.
func parallel(ds []engine.Delta, n int, fn func([]engine.Delta) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i, part := range shard(ds, n) {
		if len(part) > 0 {
			wg.Go(func() { errs[i] = fn(part) })
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}

// httpSink posts NDJSON batches to a twin's POST /deltas.
type httpSink struct {
	url, token          string
	conns               int
	client              *http.Client
	applied, duplicates atomic.Int64
}

// deltasResult is POST /deltas' answer.
type deltasResult struct {
	Applied    int    `json:"applied"`
	Duplicates int    `json:"duplicates"`
	Version    uint64 `json:"version"`
}

func (s *httpSink) send(ctx context.Context, ds []engine.Delta) error {
	return parallel(ds, s.conns, func(part []engine.Delta) error { return s.post(ctx, part) })
}

func (s *httpSink) post(ctx context.Context, ds []engine.Delta) error {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	for i := range ds {
		if err := enc.Encode(&ds[i]); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("sensors: POST %s: %s: %.500s", s.url, resp.Status, bytes.TrimSpace(b))
	}
	var r deltasResult
	if err := json.Unmarshal(b, &r); err == nil {
		s.applied.Add(int64(r.Applied))
		s.duplicates.Add(int64(r.Duplicates))
	}
	return nil
}

func (s *httpSink) close(context.Context) error { s.client.CloseIdleConnections(); return nil }

func (s *httpSink) summary() string {
	return fmt.Sprintf("twin acknowledged %d applied, %d duplicates", s.applied.Load(), s.duplicates.Load())
}

// mqttSink publishes each delta as a QoS 1 message, in order on one
// connection: all but the last of a batch without waiting (paho keeps up
// to the broker's Receive Maximum in flight), the last waiting for its
// PUBACK, which the broker sends in order, so a batch is acknowledged
// whole before the next one starts.
type mqttSink struct {
	c    *paho.Client
	city string
}

func openMQTTSink(ctx context.Context, u *url.URL, o sinkOptions) (*mqttSink, error) {
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var conn net.Conn
	var err error
	if strings.EqualFold(u.Scheme, "mqtts") {
		d := tls.Dialer{Config: &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}}
		conn, err = d.DialContext(dctx, "tcp", u.Host)
	} else {
		var d net.Dialer
		conn, err = d.DialContext(dctx, "tcp", u.Host)
	}
	if err != nil {
		return nil, fmt.Errorf("sensors: cannot connect to %s: %w", u.Redacted(), err)
	}
	id := fmt.Sprintf("twin-sensors-%d-%d", os.Getpid(), time.Now().UnixNano()%1e6)
	c := paho.NewClient(paho.ClientConfig{Conn: packets.NewThreadSafeConn(conn), ClientID: id})
	if _, err := c.Connect(dctx, &paho.Connect{ClientID: id, CleanStart: true, KeepAlive: 30}); err != nil {
		conn.Close()
		return nil, fmt.Errorf("sensors: MQTT connect to %s: %w", u.Redacted(), err)
	}
	return &mqttSink{c: c, city: o.city}, nil
}

// topicSafe replaces the characters a topic level cannot hold.
var topicSafe = strings.NewReplacer("/", "_", "+", "_", "#", "_")

func (s *mqttSink) send(ctx context.Context, ds []engine.Delta) error {
	for i := range ds {
		d := &ds[i]
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		topic := "twin/" + topicSafe.Replace(s.city) + "/" + topicSafe.Replace(d.Kind) + "/" + topicSafe.Replace(d.ID)
		opt := paho.PublishOptions{Method: paho.PublishMethod_AsyncSend}
		if i == len(ds)-1 {
			opt.Method = paho.PublishMethod_Blocking
		}
		if _, err := s.c.PublishWithOptions(ctx, &paho.Publish{Topic: topic, QoS: 1, Payload: b}, opt); err != nil {
			return fmt.Errorf("sensors: publish %s: %w", topic, err)
		}
	}
	return nil
}

func (s *mqttSink) close(context.Context) error { return s.c.Disconnect(&paho.Disconnect{}) }

func (s *mqttSink) summary() string { return "" }

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeCrash is the crash test end to end: the real binary, built
// once into a temporary directory, runs `twin serve --data-dir` on the
// sample city; concurrent HTTP clients POST /deltas batches; the server is
// SIGKILLed at a random moment and restarted on the same directory, round
// after round. After every restart the test reads the state back over HTTP
// and checks that every acknowledged reading is there, exactly as the
// batches left it (the items' value and seq), that the live version
// counts each applied batch once, and that resending the last
// acknowledged batch is acknowledged as duplicates only. The last round
// stops the server with SIGTERM (final checkpoint) and restarts it once
// more. The store-level crash test, with many more rounds, is
// engine/live's TestCrash. The seed is logged; TWIN_SERVE_CRASH_SEED
// replays a run. About 10 s (4 s with -short).
func TestServeCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and SIGTERM semantics are Unix ones")
	}
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TWIN_SERVE_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (TWIN_SERVE_CRASH_SEED=%d replays the kill schedule)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x7365727665))
	bin := buildTwin(t)
	dir := filepath.Join(t.TempDir(), "data")
	acked := map[string]uint64{}
	for round := range rounds + 1 {
		p := startTwinProcess(t, bin, dir)
		seqs := checkServed(t, round, p.base, acked)
		resendLast(t, p.base, seqs)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, src := range serveSources {
			wg.Go(func() {
				n := postUntilDown(p.base, src.name, src.batch, seqs[src.name], round == rounds)
				mu.Lock()
				defer mu.Unlock()
				acked[src.name] = max(acked[src.name], n)
			})
		}
		if round < rounds {
			time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
			_ = p.cmd.Process.Kill()
		} else {
			wg.Wait() // the last round sends a few batches, then stops cleanly
			_ = p.cmd.Process.Signal(os.Interrupt)
		}
		wg.Wait()
		err := p.cmd.Wait()
		if round == rounds && err != nil {
			t.Fatalf("twin serve after SIGTERM: %v\n%s", err, p.stderr.String())
		}
	}
	p := startTwinProcess(t, bin, dir)
	checkServed(t, rounds+1, p.base, acked)
	t.Logf("%d rounds; acknowledged up to %v", rounds, acked)
}

// serveSources are the HTTP clients: one source each, with its batch size.
var serveSources = []struct {
	name  string
	batch int
}{{"h0", 1}, {"h1", 20}, {"h2", 200}}

const serveToken = "crash-test-token"

// serveDelta is delta n of source src as an NDJSON line: deltas 1–3 create
// the source's sensors g0–g2, every later one is a reading of sensor n mod
// 3 with value n/10.
func serveDelta(src string, n uint64) string {
	ts := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Millisecond).Format(time.RFC3339Nano)
	if n <= 3 {
		lon, lat := 7.41+0.002*float64(n), 43.73+float64(len(src))*0.001
		return fmt.Sprintf(`{"source":%q,"seq":%d,"ts":%q,"kind":"upsert","layer":"sensors","id":"%s-g%d","geometry":{"type":"Point","coordinates":[%g,%g]},"properties":{"type":"water_level","unit":"m"}}`,
			src, n, ts, src, n-1, lon, lat)
	}
	return fmt.Sprintf(`{"source":%q,"seq":%d,"ts":%q,"kind":"reading","layer":"sensors","id":"%s-g%d","value":%g}`,
		src, n, ts, src, n%3, float64(n)/10)
}

// serveLast returns, for a source whose last applied delta is seq, the
// seq of the last delta that touched sensor i (0 if none).
func serveLast(seq uint64, i uint64) uint64 {
	for n := seq; n > 3; n-- {
		if n%3 == i {
			return n
		}
	}
	if i+1 <= seq {
		return i + 1
	}
	return 0
}

// buildTwin builds the twin binary into a temporary directory.
func buildTwin(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "twin")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") != "true" && errors.Is(err, exec.ErrNotFound) {
			t.Skipf("no go tool to build twin: %v", err)
		}
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// twinProcess is a running `twin serve`.
type twinProcess struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
}

// startTwinProcess runs bin serve on dir and waits for its address.
func startTwinProcess(t *testing.T, bin, dir string) *twinProcess {
	t.Helper()
	p := &twinProcess{stderr: &syncBuffer{}}
	p.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	p.cmd.Env = append(os.Environ(), "TWIN_TOKEN="+serveToken)
	p.cmd.Stderr = p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "twin: listening on "); ok {
				addr <- a
			}
		}
		close(addr)
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("twin serve ended before listening:\n%s", p.stderr.String())
		}
		p.base = a
	case <-time.After(60 * time.Second):
		t.Fatalf("twin serve did not listen within 60 s:\n%s", p.stderr.String())
	}
	return p
}

// checkServed reads the live state back over HTTP and checks it against
// what was acknowledged; it returns each source's restored seq.
func checkServed(t *testing.T, round int, base string, acked map[string]uint64) map[string]uint64 {
	t.Helper()
	seqs := map[string]uint64{}
	var batches uint64
	for _, src := range serveSources {
		got := map[uint64][2]float64{} // sensor → (seq, value)
		for i := range uint64(3) {
			var item struct {
				Properties struct {
					Seq   float64  `json:"seq"`
					Value *float64 `json:"value"`
				} `json:"properties"`
			}
			code := getJSON(t, fmt.Sprintf("%s/collections/sensors/items/%s-g%d", base, src.name, i), &item)
			if code == http.StatusNotFound {
				continue
			}
			v := 0.0
			if item.Properties.Value != nil {
				v = *item.Properties.Value
			}
			got[i] = [2]float64{item.Properties.Seq, v}
			seqs[src.name] = max(seqs[src.name], uint64(item.Properties.Seq))
		}
		n := seqs[src.name]
		switch {
		case n < acked[src.name]:
			t.Fatalf("round %d: %s restored up to seq %d, but %d was acknowledged", round, src.name, n, acked[src.name])
		case n%uint64(src.batch) != 0:
			t.Fatalf("round %d: %s restored up to seq %d, inside a batch of %d", round, src.name, n, src.batch)
		}
		for i := range uint64(3) {
			last := serveLast(n, i)
			want := [2]float64{float64(last), 0}
			if last > 3 {
				want[1] = float64(last) / 10
			}
			if last > 0 && got[i] != want {
				t.Fatalf("round %d: %s-g%d has (seq, value) %v, want %v after seq %d", round, src.name, i, got[i], want, n)
			}
		}
		batches += n / uint64(src.batch)
	}
	var v struct {
		Version uint64 `json:"version"`
	}
	getJSON(t, base+"/deltas/version", &v)
	if v.Version != batches {
		t.Fatalf("round %d: live version %d, but the sources' seqs add up to %d batches", round, v.Version, batches)
	}
	return seqs
}

// resendLast posts each source's last applied batch again: a client that
// lost its acknowledgement. It must come back as duplicates only.
func resendLast(t *testing.T, base string, seqs map[string]uint64) {
	t.Helper()
	for _, src := range serveSources {
		n := seqs[src.name]
		if n == 0 {
			continue
		}
		res, err := postBatch(base, src.name, n-uint64(src.batch)+1, n)
		if err != nil || res.Applied != 0 || res.Duplicates != src.batch {
			t.Fatalf("resending %s %d–%d: %+v, %v; want %d duplicates", src.name, n-uint64(src.batch)+1, n, res, err, src.batch)
		}
	}
}

// postUntilDown posts src's batches after seq until a request fails (the
// server was killed) or, with three set, after three batches; it returns
// the last acknowledged seq.
func postUntilDown(base, src string, batch int, seq uint64, three bool) uint64 {
	for k := 0; !three || k < 3; k++ {
		res, err := postBatch(base, src, seq+1, seq+uint64(batch))
		if err != nil || res.Applied != batch {
			return seq
		}
		seq += uint64(batch)
	}
	return seq
}

type ingestResult struct {
	Applied    int    `json:"applied"`
	Duplicates int    `json:"duplicates"`
	Version    uint64 `json:"version"`
}

var crashClient = &http.Client{Timeout: 20 * time.Second}

// postBatch posts src's deltas first…last as one NDJSON batch.
func postBatch(base, src string, first, last uint64) (ingestResult, error) {
	var body bytes.Buffer
	for n := first; n <= last; n++ {
		body.WriteString(serveDelta(src, n))
		body.WriteByte('\n')
	}
	req, err := http.NewRequest("POST", base+"/deltas", &body)
	if err != nil {
		return ingestResult{}, err
	}
	req.Header.Set("Authorization", "Bearer "+serveToken)
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := crashClient.Do(req)
	if err != nil {
		return ingestResult{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return ingestResult{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return ingestResult{}, fmt.Errorf("POST /deltas: %s: %s", resp.Status, b)
	}
	var res ingestResult
	return res, json.Unmarshal(b, &res)
}

// getJSON GETs url into v and returns the status; 404 leaves v alone.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := crashClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	case http.StatusNotFound:
	default:
		t.Fatalf("%s: %s: %s", url, resp.Status, b)
	}
	return resp.StatusCode
}

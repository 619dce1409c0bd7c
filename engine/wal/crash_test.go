package wal

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Environment of the child role of TestCrash.
const (
	crashDirEnv   = "WAL_CRASH_CHILD_DIR"
	crashRoundEnv = "WAL_CRASH_CHILD_ROUND"
)

// crashRecord is the payload of record i by writer w in round r: its text
// says who wrote it, and its length varies so records straddle blocks.
// Writer 0 writes records of about 20 KB, which take segments of their own
// and make writes long enough for a kill to land in the middle of one.
func crashRecord(r, w, i int) []byte {
	head := fmt.Sprintf("r%d w%d i%d ", r, w, i)
	n := (r*7 + w*13 + i*29) % 400
	if w == 0 {
		n += 20_000
	}
	return append([]byte(head), bytes.Repeat([]byte{byte('a' + (r+w+i)%26)}, n)...)
}

// parseCrashRecord reverses crashRecord, returning false for a payload it
// could not have made.
func parseCrashRecord(rec []byte) (r, w, i int, ok bool) {
	if _, err := fmt.Sscanf(string(rec), "r%d w%d i%d ", &r, &w, &i); err != nil {
		return 0, 0, 0, false
	}
	return r, w, i, bytes.Equal(rec, crashRecord(r, w, i))
}

// TestCrash runs a child process that appends and syncs records from many
// goroutines and prints each acknowledged LSN, SIGKILLs it at a random
// moment, and checks that the reopened log holds every acknowledged record
// with its exact payload, densely numbered, with no duplicates and nothing
// corrupt; then does it again on the same log. WAL_SEED replays a run.
func TestCrash(t *testing.T) {
	if dir := os.Getenv(crashDirEnv); dir != "" {
		crashChild(dir)
		return
	}
	rng, _ := testRand(t)
	rounds := 30
	if testing.Short() {
		rounds = 8
	}
	dir := t.TempDir()
	acked := map[uint64][]byte{} // over all rounds
	for round := range rounds {
		delay := time.Duration(2+rng.IntN(80)) * time.Millisecond
		got := runCrashChild(t, dir, round, delay)
		for lsn, rec := range got {
			acked[lsn] = rec
		}
		l, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		n := checkCrashLog(t, l, round, acked)
		cut := "no tail cut"
		if r := l.Repair(); r != nil {
			cut = fmt.Sprintf("cut %d bytes of %s at %d", r.Bytes, r.Segment, r.Offset)
		}
		t.Logf("round %d: killed after %v, %d acknowledged in this round, %d records in the log, %s", round, delay, len(got), n, cut)
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// runCrashChild starts the child on dir, kills it after delay (counted from
// its first acknowledgement), and returns the records it acknowledged.
func runCrashChild(t *testing.T, dir string, round int, delay time.Duration) map[uint64][]byte {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrash$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashRoundEnv+"="+strconv.Itoa(round))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[uint64][]byte{}
	first := make(chan struct{})
	var once sync.Once
	done := make(chan error)
	go func() { done <- readAcks(stdout, round, acked, func() { once.Do(func() { close(first) }) }) }()
	select {
	case <-first:
		time.Sleep(delay)
	case <-time.After(10 * time.Second):
		t.Errorf("round %d: child acknowledged nothing in 10 s", round)
	}
	_ = cmd.Process.Kill() // SIGKILL on Unix
	if err := <-done; err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	if err := cmd.Wait(); err == nil || stderr.Len() > 0 || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("round %d: child ended with %v before it was killed; stderr:\n%s", round, err, stderr.String())
	}
	return acked
}

// readAcks reads "lsn writer index" lines until EOF.
func readAcks(r io.Reader, round int, acked map[uint64][]byte, onAck func()) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var lsn uint64
		var w, i int
		if _, err := fmt.Sscanf(sc.Text(), "ack %d %d %d", &lsn, &w, &i); err != nil {
			continue // the test framework's own output
		}
		if _, dup := acked[lsn]; dup {
			return fmt.Errorf("lsn %d acknowledged twice", lsn)
		}
		acked[lsn] = crashRecord(round, w, i)
		onAck()
	}
	return sc.Err()
}

// checkCrashLog checks the reopened log against everything acknowledged so
// far and returns its number of records.
func checkCrashLog(t *testing.T, l *Log, round int, acked map[uint64][]byte) uint64 {
	t.Helper()
	seen := map[[3]int]uint64{}
	var n uint64
	err := l.Replay(0, func(lsn uint64, rec []byte) error {
		n++
		if lsn != n {
			return fmt.Errorf("lsn %d at position %d: not dense", lsn, n)
		}
		r, w, i, ok := parseCrashRecord(rec)
		if !ok || r > round {
			return fmt.Errorf("lsn %d: corrupt payload %q", lsn, rec)
		}
		if prev, dup := seen[[3]int{r, w, i}]; dup {
			return fmt.Errorf("lsn %d duplicates lsn %d (%q)", lsn, prev, rec)
		}
		seen[[3]int{r, w, i}] = lsn
		if want, ok := acked[lsn]; ok && !bytes.Equal(rec, want) {
			return fmt.Errorf("acknowledged lsn %d holds %q, want %q", lsn, rec, want)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	for lsn := range acked {
		if lsn > n {
			t.Fatalf("round %d: acknowledged lsn %d lost; the log ends at %d", round, lsn, n)
		}
	}
	return n
}

// crashChild is the child role: 8 writers append and sync until killed,
// printing "ack LSN WRITER INDEX" once each record is durable. Every third
// round batches with a delay.
func crashChild(dir string) {
	round, _ := strconv.Atoi(os.Getenv(crashRoundEnv))
	opt := Options{SegmentSize: 64 << 10}
	if round%3 == 2 {
		opt.MaxBatchDelay = time.Millisecond
	}
	l, err := Open(dir, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: open:", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				lsn, err := l.AppendSync(context.Background(), crashRecord(round, w, i))
				if err != nil {
					fmt.Fprintln(os.Stderr, "child: append:", err)
					os.Exit(2)
				}
				mu.Lock()
				fmt.Fprintf(os.Stdout, "ack %d %d %d\n", lsn, w, i)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

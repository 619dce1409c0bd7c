package live

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCrash runs a child process (this test binary, in the role of
// TestCrashChild) that ingests the crashDelta workload into a Store on a
// data directory, from four concurrent producers, with checkpoints every 8,
// 64 or 1000 batches and in some rounds explicit ones in between, and
// SIGKILLs it at a random moment, round after round, on the same directory.
// The child prints each acknowledged batch as soon as Ingest returns, and on
// start the state it restored. After every kill the test checks:
//
//   - nothing is corrupt: the log opens with at most a torn tail cut, the
//     checkpoint parses and is not ahead of the log, and no (source, seq)
//     is logged twice (inspectDir, on a copy);
//   - every acknowledged delta is present: each source's restored sequence
//     number is at least the highest acknowledged, and the restored state
//     equals the base data with exactly that many deltas applied (the
//     digest of an in-memory model); the number sits on a batch boundary;
//   - nothing is duplicated: the restored version equals the number of
//     batches applied (one version per batch, each replayed once), each
//     acknowledged version was acknowledged once in the whole run and is
//     above the version its process restored.
//
// Some rounds kill the child during its start, while it restores. The seed
// is logged; TWIN_LIVE_CRASH_SEED replays a run. 30 rounds (8 with -short)
// take about 10 s.
func TestCrash(t *testing.T) {
	rounds := 30
	if testing.Short() {
		rounds = 8
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TWIN_LIVE_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("TWIN_LIVE_CRASH_SEED: %v", err)
		}
	}
	t.Logf("seed %d (TWIN_LIVE_CRASH_SEED=%d replays the kill schedule)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x6c697665))
	r := &crashRun{t: t, dir: t.TempDir(), model: &crashModel{w: crashWorld(t), seqs: map[string]uint64{}},
		acked: map[string]uint64{}, versions: map[uint64]string{}}
	for round := range rounds {
		r.round = round
		if round > 0 {
			r.checkDisk()
		}
		c := startChild(t, r.dir, seed+uint64(round), 0)
		if rng.IntN(5) == 0 {
			time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
			r.early++
		} else {
			c.waitRestored(t)
			time.Sleep(time.Duration(20+rng.IntN(280)) * time.Millisecond)
		}
		c.kill()
		r.check(c)
	}
	r.round = rounds
	r.checkDisk()
	// A last child runs a few batches and closes the store cleanly; a
	// restart in this process then finds the same state from the
	// checkpoint alone.
	c := startChild(t, r.dir, seed+uint64(rounds), 3)
	if err := c.wait(); err != nil {
		t.Fatalf("last child: %v\n%s", err, c.stderr.String())
	}
	closed := r.check(c)
	if closed == nil {
		t.Fatalf("last child did not report closing:\n%s", c.stderr.String())
	}
	if rep := r.checkDisk(); rep.replayRecs != 0 || rep.ckVersion != closed.version {
		t.Errorf("after Close: checkpoint %d, %d records to replay; want %d and 0", rep.ckVersion, rep.replayRecs, closed.version)
	}
	s := reopen(t, r.dir)
	if got := digest(s.World()); got != closed.digest || s.Version() != closed.version {
		t.Errorf("reopened after Close: version %d, digest %s; closed at %d, %s", s.Version(), got, closed.version, closed.digest)
	}
	t.Logf("%d rounds (%d killed while starting): %d batches, %d deltas acknowledged, %d duplicate acknowledgements; %d torn tails cut; up to %d records replayed after a checkpoint; final version %d",
		rounds, r.early, len(r.versions), r.ackedDeltas, r.dupAcks, r.repairs, r.maxReplay, closed.version)
}

// crashRun is the parent's record of a crash test.
type crashRun struct {
	t     *testing.T
	dir   string
	round int
	model *crashModel
	// acked is the highest acknowledged seq of each source; versions every
	// acknowledged version, over all rounds; maxVersion the highest.
	acked      map[string]uint64
	versions   map[uint64]string
	maxVersion uint64
	// disk is the last inspection of the directory, whose copy is what
	// the next child restores.
	disk diskReport
	// figures for the log
	early, repairs, maxReplay, ackedDeltas, dupAcks int
}

// restoredLine is a child's report of the state it restored (or, at the
// end, closed with).
type restoredLine struct {
	version uint64
	digest  string
	seqs    map[string]uint64
}

func (r *crashRun) checkDisk() diskReport {
	r.t.Helper()
	rep, err := inspectDir(r.t, r.dir)
	if err != nil {
		r.t.Fatalf("round %d: data directory after the kill: %v", r.round, err)
	}
	if rep.repair != nil {
		r.repairs++
		r.t.Logf("round %d: torn tail cut: %s at %d, %d bytes (%v)", r.round, rep.repair.Segment, rep.repair.Offset, rep.repair.Bytes, rep.repair.Err)
	}
	r.maxReplay = max(r.maxReplay, rep.replayRecs)
	r.disk = rep
	return rep
}

// check goes through one child's output in order and returns its closing
// report, if it printed one.
func (r *crashRun) check(c *child) (closed *restoredLine) {
	r.t.Helper()
	if e := c.stderr.String(); strings.Contains(e, "DATA RACE") || strings.Contains(e, "panic:") || strings.Contains(e, "fatal error:") {
		r.t.Fatalf("round %d: child:\n%s", r.round, e)
	}
	var restored *restoredLine
	for _, line := range c.lines() {
		f := strings.Fields(line)
		switch f[0] {
		case "restored", "closed":
			st, err := parseRestored(f)
			if err != nil {
				r.t.Fatalf("round %d: %q: %v", r.round, line, err)
			}
			r.checkState(f[0], st)
			if f[0] == "closed" {
				closed = st
			} else {
				restored = st
			}
		case "ack":
			if restored == nil {
				r.t.Fatalf("round %d: acknowledgement before the restore report: %q", r.round, line)
			}
			r.checkAck(line, f, restored.version)
		default:
			r.t.Fatalf("round %d: child: %s\n%s", r.round, line, c.stderr.String())
		}
	}
	return closed
}

func parseRestored(f []string) (*restoredLine, error) {
	if len(f) != 4 {
		return nil, errors.New("want: restored VERSION DIGEST SEQS")
	}
	v, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return nil, err
	}
	seqs, err := parseSeqs(f[3])
	return &restoredLine{version: v, digest: f[2], seqs: seqs}, err
}

// checkState compares a restored (or closed) state with what was
// acknowledged and with the model.
func (r *crashRun) checkState(what string, st *restoredLine) {
	r.t.Helper()
	var batches uint64
	for _, src := range crashSources {
		got := st.seqs[src.name]
		switch {
		case got < r.acked[src.name]:
			r.t.Fatalf("round %d: acknowledged deltas lost: %s %s seq %d, but %d was acknowledged", r.round, what, src.name, got, r.acked[src.name])
		case got < r.model.seqs[src.name]:
			r.t.Fatalf("round %d: %s %s seq %d, but an earlier restart restored %d", r.round, what, src.name, got, r.model.seqs[src.name])
		case got%uint64(src.batch) != 0:
			r.t.Fatalf("round %d: %s %s seq %d is inside a batch of %d: a batch was applied in part", r.round, what, src.name, got, src.batch)
		}
		batches += got / uint64(src.batch)
	}
	if st.version != batches {
		r.t.Fatalf("round %d: %s version %d, but the sources' sequence numbers add up to %d batches", r.round, what, st.version, batches)
	}
	if st.version < r.maxVersion {
		r.t.Fatalf("round %d: %s version %d, but version %d was acknowledged", r.round, what, st.version, r.maxVersion)
	}
	r.model.advance(r.t, st.seqs)
	if want := digest(r.model.w); st.digest != want {
		diff := "(restart in this process gives the same state)"
		if s := reopen(r.t, r.disk.copy); digest(s.World()) == st.digest {
			diff = diffLines(describe(s.World()), describe(r.model.w), 10)
		}
		r.t.Fatalf("round %d: %s state %s (digest %s) differs from the model's (digest %s); restored -model +restored:\n%s",
			r.round, what, formatSeqs(st.seqs), st.digest, want, diff)
	}
}

// checkAck records one acknowledgement: "ack SOURCE FIRST LAST VERSION
// APPLIED DUPLICATES".
func (r *crashRun) checkAck(line string, f []string, restored uint64) {
	r.t.Helper()
	var first, last, version, applied, dup uint64
	if len(f) != 7 {
		r.t.Fatalf("round %d: bad line %q", r.round, line)
	}
	for i, p := range []*uint64{&first, &last, &version, &applied, &dup} {
		var err error
		if *p, err = strconv.ParseUint(f[i+2], 10, 64); err != nil {
			r.t.Fatalf("round %d: bad line %q", r.round, line)
		}
	}
	n := last - first + 1
	switch {
	case applied+dup != n || (applied != 0 && applied != n):
		r.t.Fatalf("round %d: %q: a batch of %d must be applied or duplicate as a whole", r.round, line, n)
	case applied == 0:
		r.dupAcks++
	case version <= restored:
		r.t.Fatalf("round %d: %q: version %d is not above the restored %d", r.round, line, version, restored)
	case r.versions[version] != "":
		r.t.Fatalf("round %d: version %d acknowledged twice: %q and %q", r.round, version, r.versions[version], line)
	default:
		r.versions[version] = line
		r.ackedDeltas += int(n)
		r.maxVersion = max(r.maxVersion, version)
	}
	r.acked[f[1]] = max(r.acked[f[1]], last)
}

// child is a running TestCrashChild process.
type child struct {
	cmd      *exec.Cmd
	stderr   bytes.Buffer
	mu       sync.Mutex
	out      []string
	restored chan struct{} // closed at the "restored" line
	done     chan struct{} // closed at the end of stdout
}

// startChild starts this test binary as TestCrashChild on dir. stop > 0
// has each producer ingest that many batches and then close the store;
// 0 runs until killed (at most a minute).
func startChild(t *testing.T, dir string, seed uint64, stop int) *child {
	t.Helper()
	c := &child{restored: make(chan struct{}), done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), "TWIN_LIVE_CRASH_CHILD="+dir,
		fmt.Sprintf("TWIN_LIVE_CRASH_CHILD_SEED=%d", seed), fmt.Sprintf("TWIN_LIVE_CRASH_STOP=%d", stop))
	c.cmd.Stderr = &c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.kill() })
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line, ok := strings.CutPrefix(sc.Text(), "crash: ")
			if !ok {
				continue // the test framework's own output
			}
			c.mu.Lock()
			c.out = append(c.out, line)
			c.mu.Unlock()
			if strings.HasPrefix(line, "restored ") {
				close(c.restored)
			}
		}
	}()
	return c
}

func (c *child) waitRestored(t *testing.T) {
	t.Helper()
	select {
	case <-c.restored:
	case <-c.done:
		t.Fatalf("child ended before restoring: %v", c.lines())
	case <-time.After(30 * time.Second):
		t.Fatal("child did not restore within 30 s")
	}
}

// kill SIGKILLs the child and waits for it; the lines it printed stay.
func (c *child) kill() {
	if c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Kill()
		_ = c.wait()
	}
}

func (c *child) wait() error {
	<-c.done
	return c.cmd.Wait()
}

func (c *child) lines() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out
}

package live

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"twin/geo"
	"twin/internal/sharedtest"
)

// Environment of the child role of TestMQTTCrashRestart.
const (
	mqttChildDirEnv    = "TWIN_MQTT_CHILD_DIR"
	mqttChildBrokerEnv = "TWIN_MQTT_CHILD_BROKER"
	mqttSeedEnv        = "TWIN_MQTT_SEED"
	mqttChildReady     = "mqtt-child-ready"
	mqttCrashClientID  = "twin-crash"
	mqttCrashSource    = "crash-pub"
)

// crashUpsert is message seq of the crash test: a new sensor p{seq}.
func crashUpsert(seq int) string {
	return fmt.Sprintf(`{"source":%q,"seq":%d,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":"p%d","geometry":{"type":"Point","coordinates":[%.5f,43.73]},"properties":{"type":"water_level","unit":"m"}}`,
		mqttCrashSource, seq, seq, 7.40+float64(seq%1000)*1e-5)
}

// TestMQTTCrashRestart runs the twin side (a Store with fsync on, fed by an
// MQTT subscriber with a persistent session) in a child process, SIGKILLs
// it at a random moment while a publisher sends QoS 1 messages, publishes
// more while it is down, and starts it again, several times. A last restart
// in this process must then hold every message published, each applied
// once: nothing the twin acknowledged to the broker was lost, and what was
// published while it was down was queued by the broker and delivered after
// the reconnect. TWIN_MQTT_SEED replays a run.
func TestMQTTCrashRestart(t *testing.T) {
	if dir := os.Getenv(mqttChildDirEnv); dir != "" {
		mqttChild(t, dir, os.Getenv(mqttChildBrokerEnv))
		return
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(mqttSeedEnv); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("%s=%d", mqttSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	rounds, perRound := 6, 400
	if testing.Short() {
		rounds = 3
	}
	broker := sharedtest.Mosquitto(t)
	dir := t.TempDir()
	pub := newPublisher(t, broker.Addr, "crash-publisher")
	seq := 0
	publish := func() {
		seq++
		pub.publish(t, fmt.Sprintf("twin/test/upsert/p%d", seq), crashUpsert(seq))
	}
	for r := range rounds {
		child := startMQTTChild(t, dir, broker.URL)
		kill := rng.IntN(perRound)
		for i := range perRound {
			if i == kill {
				child.kill(t)
			}
			publish()
		}
		for range perRound / 4 { // while the twin is down
			publish()
		}
		t.Logf("round %d: killed after %d of %d messages; %d published in all", r, kill, perRound, seq)
	}
	w := mqttWorld(t)
	s, err := Open(context.Background(), w, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := s.World().Snapshot().Seq(mqttCrashSource)
	if n := s.World().Snapshot().Layer(geo.LayerSensors).Len(); n != int(before) {
		t.Errorf("restored %d sensors but seq %d", n, before)
	}
	m := startMQTT(t, s, MQTTOptions{URL: broker.URL, ClientID: mqttCrashClientID, Log: testLog(t)})
	// The World shows a batch before it is durable; the counters follow
	// once it is.
	waitFor(t, "every message", func() bool {
		return w.Snapshot().Seq(mqttCrashSource) == uint64(seq) && m.Stats().Applied >= uint64(seq)-before
	})
	snap := w.Snapshot()
	for i := 1; i <= seq; i++ {
		if _, ok := snap.Layer(geo.LayerSensors).Get(fmt.Sprintf("p%d", i)); !ok {
			t.Fatalf("message %d of %d lost", i, seq)
		}
	}
	if n := snap.Layer(geo.LayerSensors).Len(); n != seq {
		t.Errorf("%d sensors, want %d", n, seq)
	}
	if got := m.Stats().Applied; got != uint64(seq)-before {
		t.Errorf("last restart applied %d, want %d (published) - %d (restored)", got, seq, before)
	}
}

type mqttChildProc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	killed bool
}

// startMQTTChild starts the child role and waits until it has subscribed.
func startMQTTChild(t *testing.T, dir, broker string) *mqttChildProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMQTTCrashRestart$")
	cmd.Env = append(os.Environ(), mqttChildDirEnv+"="+dir, mqttChildBrokerEnv+"="+broker)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &mqttChildProc{cmd: cmd, stdin: stdin}
	t.Cleanup(func() { c.kill(t) })
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == mqttChildReady {
				ready <- true
				io.Copy(io.Discard, stdout)
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("child exited before it was ready")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("child not ready after 30 s")
	}
	return c
}

func (c *mqttChildProc) kill(t *testing.T) {
	if c.killed {
		return
	}
	c.killed = true
	c.cmd.Process.Kill()
	c.cmd.Wait()
	c.stdin.Close()
}

// mqttChild is the twin side: restore the Store, subscribe, say so, and
// ingest until killed (or until stdin closes: the parent is gone).
func mqttChild(t *testing.T, dir, broker string) {
	w := mqttWorld(t)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	s, err := Open(context.Background(), w, Options{Dir: dir, CheckpointEvery: 5, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	m, err := StartMQTT(context.Background(), s, MQTTOptions{URL: broker, ClientID: mqttCrashClientID, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := m.AwaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	fmt.Println(mqttChildReady)
	io.Copy(io.Discard, os.Stdin)
}

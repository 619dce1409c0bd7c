package sharedtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Broker is a Mosquitto MQTT broker that a test started on a loopback port.
type Broker struct {
	// Addr is "127.0.0.1:PORT"; URL is "mqtt://" + Addr.
	Addr, URL string

	cmd *exec.Cmd
	out *lockedBuffer
}

// Mosquitto starts a Mosquitto broker on a free loopback port with a
// minimal configuration (anonymous access, no persistence, a queue of up
// to 1,000,000 QoS 1 messages per offline client and no in-flight cap;
// extra lines are appended to it), waits until it accepts connections and
// stops it when the test ends. Without mosquitto installed (on PATH or
// in /usr/sbin) it skips t, or fails it under CI=true (see Tool).
func Mosquitto(t testing.TB, extra ...string) *Broker {
	t.Helper()
	bin := "/usr/sbin/mosquitto" // Debian's place, often not on a user's PATH
	if _, err := os.Stat(bin); err != nil {
		bin = Tool(t, "mosquitto")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	conf := strings.Join(append([]string{
		"listener " + port + " 127.0.0.1",
		"allow_anonymous true",
		"persistence false",
		"max_queued_messages 1000000",
		"max_inflight_messages 0",
	}, extra...), "\n") + "\n"
	path := filepath.Join(t.TempDir(), "mosquitto.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	b := &Broker{Addr: addr, URL: "mqtt://" + addr, out: &lockedBuffer{}}
	b.cmd = exec.Command(bin, "-c", path)
	b.cmd.Stdout, b.cmd.Stderr = b.out, b.out
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { b.cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		b.cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("mosquitto output:\n%s", b.out.String())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return b
		}
		select {
		case <-exited:
			t.Fatalf("mosquitto exited: %s", b.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("mosquitto did not listen on %s: %v\n%s", addr, err, b.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Output returns what the broker has printed so far.
func (b *Broker) Output() string { return b.out.String() }

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// CPUTime returns the CPU time (user and system) the broker has used so
// far, from /proc on Linux; 0 where that cannot be read.
func (b *Broker) CPUTime() time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", b.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the parenthesised command name; utime and stime are the
	// 14th and 15th fields of the line, in clock ticks (USER_HZ, 100 on
	// Linux).
	s := string(raw)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

package live

import (
	"bufio"
	"context"
	"crypto/tls"
	"net"
	"net/url"
	"strings"
	"sync"
)

// dialMQTT connects to the broker at u: TCP for mqtt:// and tcp://, TLS
// with the system's roots for mqtts://, ssl:// and tls://, through a
// bufferedConn.
func dialMQTT(ctx context.Context, u *url.URL) (net.Conn, error) {
	var conn net.Conn
	var err error
	switch strings.ToLower(u.Scheme) {
	case "mqtts", "ssl", "tls":
		d := tls.Dialer{Config: &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}}
		conn, err = d.DialContext(ctx, "tcp", u.Host)
	default:
		var d net.Dialer
		conn, err = d.DialContext(ctx, "tcp", u.Host)
	}
	if err != nil {
		return nil, err
	}
	return newBufferedConn(conn), nil
}

// maxPendingWrite is how many written bytes a bufferedConn holds before
// Write waits for them to go out.
const maxPendingWrite = 256 << 10

// bufferedConn saves system calls on an MQTT connection, which paho uses
// a packet at a time: reads go through a buffer (paho reads every fixed
// header a byte at a time), and writes are gathered by a goroutine that
// sends whatever has been written since its last send in one call, so a
// burst of acknowledgements costs a few writes instead of one each.
//
// It implements sync.Locker, which paho takes around each packet so that
// concurrent packets do not interleave. A write error is returned by a
// later Write. Reads must come from one goroutine at a time; Write and
// Close are safe for concurrent use.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader

	pkt sync.Mutex // paho's per-packet lock (Lock, Unlock)

	mu      sync.Mutex
	drained *sync.Cond // signalled when the flusher takes the buffer
	buf     []byte     // written, not yet sent
	err     error      // the last send's error
	closing bool
	kick    chan struct{}
	done    chan struct{}
	once    sync.Once
}

func newBufferedConn(conn net.Conn) *bufferedConn {
	c := &bufferedConn{Conn: conn, r: bufio.NewReaderSize(conn, 64<<10),
		kick: make(chan struct{}, 1), done: make(chan struct{})}
	c.drained = sync.NewCond(&c.mu)
	go c.flusher()
	return c
}

// Lock and Unlock implement sync.Locker for paho.
func (c *bufferedConn) Lock()   { c.pkt.Lock() }
func (c *bufferedConn) Unlock() { c.pkt.Unlock() }

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write queues p for the flusher; it waits while more than
// maxPendingWrite bytes are queued.
func (c *bufferedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	for len(c.buf) > maxPendingWrite && c.err == nil && !c.closing {
		c.drained.Wait()
	}
	if c.err != nil || c.closing {
		err := c.err
		c.mu.Unlock()
		if err == nil {
			err = net.ErrClosed
		}
		return 0, err
	}
	c.buf = append(c.buf, p...)
	select { // under mu: Close closes kick under mu
	case c.kick <- struct{}{}:
	default:
	}
	c.mu.Unlock()
	return len(p), nil
}

// flusher sends what has been written, until Close.
func (c *bufferedConn) flusher() {
	defer close(c.done)
	var spare []byte
	for {
		_, open := <-c.kick
		c.mu.Lock()
		out := c.buf
		c.buf = spare[:0]
		c.drained.Broadcast()
		c.mu.Unlock()
		if len(out) > 0 {
			if _, err := c.Conn.Write(out); err != nil {
				c.mu.Lock()
				c.err = err
				c.drained.Broadcast()
				c.mu.Unlock()
			}
		}
		spare = out
		if !open {
			return
		}
	}
}

// Close sends what is queued (paho writes DISCONNECT just before closing)
// and closes the connection.
func (c *bufferedConn) Close() error {
	c.once.Do(func() {
		c.mu.Lock()
		c.closing = true
		close(c.kick)
		c.drained.Broadcast()
		c.mu.Unlock()
		<-c.done
	})
	return c.Conn.Close()
}

package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eclipse/paho.golang/autopaho"
	"github.com/eclipse/paho.golang/paho"
	"github.com/prometheus/client_golang/prometheus"
)

// ErrMQTTConfig: MQTTOptions that do not validate.
var ErrMQTTConfig = errors.New("live: bad MQTT options")

// MQTT defaults (see MQTTOptions).
const (
	DefaultMQTTTopic         = "twin/#"
	DefaultMQTTClientID      = "twin"
	DefaultMQTTBatchSize     = 1000
	DefaultMQTTBatchWait     = 5 * time.Millisecond
	DefaultMQTTMaxPayload    = 1 << 20
	DefaultMQTTSessionExpiry = time.Hour
)

// MQTTOptions configure an MQTT subscriber. Only URL is needed; the zero
// value of every other field means its default.
type MQTTOptions struct {
	// URL is the broker: mqtt://host:port (tcp:// is the same), or
	// mqtts://host:port (ssl://, tls://) for TLS with the system's roots.
	URL string
	// Topic is the subscription's topic filter. Default "twin/#".
	Topic string
	// ClientID names the session the broker keeps for the twin; keep it
	// stable across restarts so that messages published while the twin is
	// down are delivered when it comes back. Default "twin".
	ClientID string
	// SessionExpiry is how long the broker keeps the session (subscription
	// and queued QoS 1 messages) after the connection drops, rounded down to
	// seconds. Default one hour; negative: the session ends with the
	// connection.
	SessionExpiry time.Duration
	// CleanStart discards the session the broker kept on the first
	// connection (messages queued while the twin was down are dropped).
	CleanStart bool
	// BatchSize and BatchWait bound a batch: up to BatchSize messages,
	// gathered for at most BatchWait after the first. Defaults 1000 and 5 ms.
	BatchSize int
	BatchWait time.Duration
	// ReceiveMaximum is the MQTT v5 Receive Maximum: how many QoS 1
	// messages the broker may have in flight (sent, not yet acknowledged)
	// to the twin. Default twice BatchSize (at most 65535): one batch
	// being ingested while the next fills. paho scans the in-flight
	// messages for each one received, so a much larger window costs CPU
	// without adding throughput.
	ReceiveMaximum uint16
	// MaxPayload is the largest payload taken, bytes; larger ones are
	// rejected. Default 1 MiB.
	MaxPayload int
	// KeepAlive is the MQTT keep-alive, rounded to seconds. Default 30 s.
	KeepAlive time.Duration
	// Now is the clock for the future-timestamp check. Default time.Now.
	Now func() time.Time
	// Log receives connection events and rejected messages. Nil: discarded.
	Log *slog.Logger
}

// Validate reports options that cannot work, wrapping ErrMQTTConfig.
func (o MQTTOptions) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrMQTTConfig}, args...)...)
	}
	u, err := url.Parse(o.URL)
	switch {
	case o.URL == "":
		return bad("no broker URL")
	case err != nil:
		return bad("%v", err)
	case u.Host == "":
		return bad("broker URL %q has no host", o.URL)
	}
	switch strings.ToLower(u.Scheme) {
	case "mqtt", "tcp", "mqtts", "ssl", "tls":
	default:
		return bad("broker URL scheme %q: want mqtt, tcp or mqtts", u.Scheme)
	}
	switch {
	case strings.ContainsAny(o.Topic, "\x00"):
		return bad("topic filter %q has a NUL", o.Topic)
	case o.BatchSize < 0 || o.BatchWait < 0 || o.MaxPayload < 0 || o.KeepAlive < 0:
		return bad("negative batch size, batch wait, max payload or keep-alive")
	}
	return nil
}

func (o MQTTOptions) withDefaults() MQTTOptions {
	if o.Topic == "" {
		o.Topic = DefaultMQTTTopic
	}
	if o.ClientID == "" {
		o.ClientID = DefaultMQTTClientID
	}
	if o.SessionExpiry == 0 {
		o.SessionExpiry = DefaultMQTTSessionExpiry
	}
	if o.BatchSize == 0 {
		o.BatchSize = DefaultMQTTBatchSize
	}
	if o.BatchWait == 0 {
		o.BatchWait = DefaultMQTTBatchWait
	}
	if o.ReceiveMaximum == 0 {
		o.ReceiveMaximum = uint16(min(2*o.BatchSize, 65535))
	}
	if o.MaxPayload == 0 {
		o.MaxPayload = DefaultMQTTMaxPayload
	}
	if o.KeepAlive == 0 {
		o.KeepAlive = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// ackInterval is how often paho sends the acknowledgements given so far:
// half the batch wait, within 1 to 10 ms.
func (o MQTTOptions) ackInterval() time.Duration {
	return min(max(time.Millisecond, o.BatchWait/2), 10*time.Millisecond)
}

// MQTT is a subscriber that feeds a Store from an MQTT broker (MQTT v5,
// QoS 1). Each message's payload is one delta (a JSON object) or several
// (NDJSON); the topic is not read. Messages are gathered into batches and
// ingested; a message is acknowledged (PUBACK) only once its batch is
// durable, so a crash loses nothing the broker considers delivered: the
// broker sends unacknowledged messages again and the Store acknowledges
// them as duplicates. A message that can never apply (bad JSON, an invalid
// delta, an unknown id) is dropped with the others of its batch kept,
// acknowledged, logged and counted by reason.
//
// The connection is re-established after it drops, with a persistent
// session unless CleanStart. Stats and the Collector are safe for
// concurrent use.
type MQTT struct {
	store *Store
	opt   MQTTOptions
	cm    *autopaho.ConnectionManager

	in      chan inMsg
	ready   chan struct{} // closed once the first subscription is in place
	readyOK sync.Once
	stop    chan struct{} // closed by Close: stop taking messages
	done    chan struct{} // closed when the batcher has returned
	cancel  context.CancelFunc
	once    sync.Once

	mu  sync.Mutex
	err error // why the batcher stopped early

	stats mqttStats
}

// inMsg is a received message; ack acknowledges it on the connection that
// delivered it.
type inMsg struct {
	topic   string
	payload []byte
	ack     func() error
}

// StartMQTT validates opt and starts subscribing s to the broker. It
// returns at once: the connection is made, and remade after it drops, in
// the background until ctx ends or Close is called (see Connected). It
// fails only on invalid options.
func StartMQTT(ctx context.Context, s *Store, opt MQTTOptions) (*MQTT, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	u, _ := url.Parse(opt.URL)
	if strings.EqualFold(u.Scheme, "tcp") {
		u.Scheme = "mqtt"
	}
	ctx, cancel := context.WithCancel(ctx)
	m := &MQTT{store: s, opt: opt, in: make(chan inMsg, int(opt.ReceiveMaximum)), ready: make(chan struct{}),
		stop: make(chan struct{}), done: make(chan struct{}), cancel: cancel}
	cm, err := autopaho.NewConnection(ctx, m.clientConfig(ctx, u))
	if err != nil {
		cancel()
		return nil, fmt.Errorf("%w: %v", ErrMQTTConfig, err)
	}
	m.cm = cm
	go m.run(ctx)
	return m, nil
}

func (m *MQTT) clientConfig(ctx context.Context, u *url.URL) autopaho.ClientConfig {
	o := m.opt
	expiry := uint32(max(o.SessionExpiry, 0) / time.Second)
	recvMax := o.ReceiveMaximum
	cfg := autopaho.ClientConfig{
		ServerUrls:                    []*url.URL{u},
		KeepAlive:                     uint16(min(o.KeepAlive/time.Second, 65535)),
		CleanStartOnInitialConnection: o.CleanStart,
		SessionExpiryInterval:         expiry,
		ReconnectBackoff:              autopaho.NewExponentialBackoff(100*time.Millisecond, 10*time.Second, 500*time.Millisecond, 2),
		ConnectTimeout:                10 * time.Second,
		AttemptConnection: func(ctx context.Context, _ autopaho.ClientConfig, u *url.URL) (net.Conn, error) {
			ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			return dialMQTT(ctx, u)
		},
		ConnectPacketBuilder: func(cp *paho.Connect, _ *url.URL) (*paho.Connect, error) {
			if cp.Properties == nil {
				cp.Properties = &paho.ConnectProperties{}
			}
			cp.Properties.ReceiveMaximum = &recvMax
			return cp, nil
		},
		OnConnectionUp: func(cm *autopaho.ConnectionManager, ca *paho.Connack) {
			m.stats.connected.Store(true)
			o.Log.Info("mqtt: connected", "broker", u.Redacted(), "session_present", ca.SessionPresent)
			go m.subscribe(ctx, cm)
		},
		OnConnectionDown: func() bool {
			m.stats.connected.Store(false)
			o.Log.Warn("mqtt: connection lost; reconnecting", "broker", u.Redacted())
			return true
		},
		OnConnectError: func(err error) {
			o.Log.Warn("mqtt: cannot connect", "broker", u.Redacted(), "err", err)
		},
		Errors: slogPrinter{o.Log},
		ClientConfig: paho.ClientConfig{
			ClientID:                   o.ClientID,
			EnableManualAcknowledgment: true,
			SendAcksInterval:           o.ackInterval(),
			OnPublishReceived:          []func(paho.PublishReceived) (bool, error){m.receive},
			OnClientError:              func(err error) { o.Log.Warn("mqtt: client error", "err", err) },
		},
	}
	return cfg
}

// subscribe (re)subscribes after a connection comes up; with a session the
// broker kept, the subscription is already there and this refreshes it.
func (m *MQTT) subscribe(ctx context.Context, cm *autopaho.ConnectionManager) {
	_, err := cm.Subscribe(ctx, &paho.Subscribe{Subscriptions: []paho.SubscribeOptions{{Topic: m.opt.Topic, QoS: 1}}})
	if err != nil {
		if ctx.Err() == nil {
			m.opt.Log.Error("mqtt: subscribe failed", "topic", m.opt.Topic, "err", err)
		}
		return
	}
	m.readyOK.Do(func() { close(m.ready) })
}

// receive is paho's publish handler: it hands the message to the batcher,
// blocking while the batcher is behind (the broker's in-flight window,
// ReceiveMaximum, bounds how far).
func (m *MQTT) receive(pr paho.PublishReceived) (bool, error) {
	p, c := pr.Packet, pr.Client
	select {
	case m.in <- inMsg{topic: p.Topic, payload: p.Payload, ack: func() error { return c.Ack(p) }}:
	case <-m.stop:
		// Not acknowledged: the broker delivers it again next time.
	}
	return true, nil
}

// Connected reports whether the broker connection is up.
func (m *MQTT) Connected() bool { return m.stats.connected.Load() }

// AwaitReady waits until the subscription is first in place (the broker
// then queues matching messages for the twin, even while it is
// disconnected), or ctx ends.
func (m *MQTT) AwaitReady(ctx context.Context) error {
	select {
	case <-m.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Stats returns a snapshot of the counters.
func (m *MQTT) Stats() MQTTCounts { return m.stats.counts() }

// Collector returns a Prometheus collector of the subscriber's counters:
// twin_mqtt_messages_received_total, twin_mqtt_batches_total,
// twin_mqtt_deltas_applied_total, twin_mqtt_deltas_duplicate_total,
// twin_mqtt_messages_rejected_total{reason} and twin_mqtt_connected.
func (m *MQTT) Collector() prometheus.Collector { return newMQTTCollector(&m.stats) }

// Err returns why the subscriber stopped taking messages before Close (the
// Store failed or closed), or nil.
func (m *MQTT) Err() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// Close stops taking messages, finishes the batch in progress (its
// messages are acknowledged when durable), lets the acknowledgements go out
// and disconnects. Messages received but not ingested are not acknowledged;
// the broker delivers them again. ctx bounds the wait. Safe to call more
// than once.
func (m *MQTT) Close(ctx context.Context) error {
	var err error
	m.once.Do(func() {
		close(m.stop)
		select {
		case <-m.done:
		case <-ctx.Done():
			err = ctx.Err()
		}
		// The acknowledgements are sent every ackInterval.
		time.Sleep(2 * m.opt.ackInterval())
		if derr := m.cm.Disconnect(ctx); err == nil && !errors.Is(derr, context.Canceled) {
			err = derr
		}
		m.cancel()
		m.stats.connected.Store(false)
	})
	return err
}

// slogPrinter adapts slog to paho's logger interface (errors only).
type slogPrinter struct{ l *slog.Logger }

func (p slogPrinter) Println(v ...any)               { p.l.Warn("mqtt: " + strings.TrimSpace(fmt.Sprintln(v...))) }
func (p slogPrinter) Printf(format string, v ...any) { p.l.Warn("mqtt: " + fmt.Sprintf(format, v...)) }

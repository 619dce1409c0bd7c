package live

import (
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// Reasons an MQTT message is rejected: the label values of
// twin_mqtt_messages_rejected_total and the keys of MQTTCounts.Rejected.
const (
	// RejectBadJSON: the payload (or one of its lines) is not a JSON object.
	RejectBadJSON = "bad_json"
	// RejectInvalid: a delta that is malformed on its own (missing member,
	// unknown kind, timestamp too far ahead; see engine.Delta.Validate) or
	// that the World cannot take (bad geometry).
	RejectInvalid = "invalid"
	// RejectUnknownFeature: a reading, move, state, closure or delete for an
	// id its layer does not hold.
	RejectUnknownFeature = "unknown_feature"
	// RejectTooLarge: a payload over MQTTOptions.MaxPayload bytes.
	RejectTooLarge = "too_large"
	// RejectEmpty: a payload with no delta in it.
	RejectEmpty = "empty"
)

var rejectReasons = [...]string{RejectBadJSON, RejectInvalid, RejectUnknownFeature, RejectTooLarge, RejectEmpty}

// mqttStats are the subscriber's counters. Safe for concurrent use.
type mqttStats struct {
	received, batches, applied, duplicates atomic.Uint64
	rejected                               [len(rejectReasons)]atomic.Uint64
	connected                              atomic.Bool
}

func (s *mqttStats) reject(reason string) {
	for i, r := range rejectReasons {
		if r == reason {
			s.rejected[i].Add(1)
			return
		}
	}
}

// MQTTCounts is a snapshot of an MQTT subscriber's counters since it
// started.
type MQTTCounts struct {
	// Received counts MQTT messages taken from the broker.
	Received uint64 `json:"received"`
	// Batches counts the Store batches the messages were ingested in.
	Batches uint64 `json:"batches"`
	// Applied and Duplicates count deltas (a message may carry several).
	Applied    uint64 `json:"applied"`
	Duplicates uint64 `json:"duplicates"`
	// Rejected counts rejected messages by reason (RejectBadJSON, …); every
	// reason is present.
	Rejected map[string]uint64 `json:"rejected"`
	// Connected says whether the broker connection is up.
	Connected bool `json:"connected"`
}

// RejectedTotal returns the number of rejected messages, all reasons.
func (c MQTTCounts) RejectedTotal() uint64 {
	var n uint64
	for _, v := range c.Rejected {
		n += v
	}
	return n
}

func (s *mqttStats) counts() MQTTCounts {
	c := MQTTCounts{Received: s.received.Load(), Batches: s.batches.Load(), Applied: s.applied.Load(),
		Duplicates: s.duplicates.Load(), Rejected: make(map[string]uint64, len(rejectReasons)), Connected: s.connected.Load()}
	for i, r := range rejectReasons {
		c.Rejected[r] = s.rejected[i].Load()
	}
	return c
}

// mqttCollector exports the counters to Prometheus.
type mqttCollector struct {
	s                                               *mqttStats
	received, batches, applied, duplicates, rejects *prometheus.Desc
	connected                                       *prometheus.Desc
}

var _ prometheus.Collector = (*mqttCollector)(nil)

func newMQTTCollector(s *mqttStats) *mqttCollector {
	return &mqttCollector{s: s,
		received:   prometheus.NewDesc("twin_mqtt_messages_received_total", "MQTT messages received from the broker.", nil, nil),
		batches:    prometheus.NewDesc("twin_mqtt_batches_total", "Store batches ingested from MQTT messages.", nil, nil),
		applied:    prometheus.NewDesc("twin_mqtt_deltas_applied_total", "Deltas from MQTT applied to the World.", nil, nil),
		duplicates: prometheus.NewDesc("twin_mqtt_deltas_duplicate_total", "Deltas from MQTT acknowledged as duplicates (source and seq already applied).", nil, nil),
		rejects:    prometheus.NewDesc("twin_mqtt_messages_rejected_total", "MQTT messages rejected (acknowledged, not applied), by reason.", []string{"reason"}, nil),
		connected:  prometheus.NewDesc("twin_mqtt_connected", "1 while the MQTT broker connection is up.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *mqttCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.received, c.batches, c.applied, c.duplicates, c.rejects, c.connected} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *mqttCollector) Collect(ch chan<- prometheus.Metric) {
	n := c.s.counts()
	ch <- prometheus.MustNewConstMetric(c.received, prometheus.CounterValue, float64(n.Received))
	ch <- prometheus.MustNewConstMetric(c.batches, prometheus.CounterValue, float64(n.Batches))
	ch <- prometheus.MustNewConstMetric(c.applied, prometheus.CounterValue, float64(n.Applied))
	ch <- prometheus.MustNewConstMetric(c.duplicates, prometheus.CounterValue, float64(n.Duplicates))
	for _, r := range rejectReasons {
		ch <- prometheus.MustNewConstMetric(c.rejects, prometheus.CounterValue, float64(n.Rejected[r]), r)
	}
	up := 0.0
	if n.Connected {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(c.connected, prometheus.GaugeValue, up)
}

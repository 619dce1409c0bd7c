package api

import (
	"github.com/prometheus/client_golang/prometheus"

	"twin/engine/live"
)

// Reasons a POST /deltas batch is rejected, the reason label of the
// rejection counters.
const (
	rejectMalformed      = "malformed"       // a line is not a valid delta (400)
	rejectUnknownFeature = "unknown_feature" // a delta names an id the World lacks (422)
	rejectUnapplicable   = "unapplicable"    // a delta cannot apply otherwise (422)
	rejectTooLarge       = "too_large"       // the body is over the limit (413)
)

// liveMetrics are the counters of the live routes, and the store's own
// counters exposed as metrics.
type liveMetrics struct {
	store           *live.Store
	rejectedDeltas  *prometheus.CounterVec
	rejectedBatches *prometheus.CounterVec
	subscribers     *prometheus.GaugeVec
	resyncs         *prometheus.CounterVec
}

func newLiveMetrics(st *live.Store) *liveMetrics {
	m := &liveMetrics{
		store: st,
		rejectedDeltas: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "twin_http_deltas_rejected_total",
			Help: "Deltas POSTed to /deltas that were rejected with a reason (each bad line, or the delta that could not apply), by reason.",
		}, []string{"reason"}),
		rejectedBatches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "twin_http_delta_batches_rejected_total",
			Help: "Batches POSTed to /deltas that were rejected whole (nothing applied), by reason.",
		}, []string{"reason"}),
		subscribers: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "twin_stream_subscribers", Help: "Open delta streams, by transport (sse, ws).",
		}, []string{"transport"}),
		resyncs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "twin_stream_resyncs_total", Help: "Delta streams ended with a resync marker (the client fell behind or resumed too far back), by transport.",
		}, []string{"transport"}),
	}
	for _, r := range []string{rejectMalformed, rejectUnknownFeature, rejectUnapplicable, rejectTooLarge} {
		m.rejectedDeltas.WithLabelValues(r)
		m.rejectedBatches.WithLabelValues(r)
	}
	for _, t := range []string{"sse", "ws"} {
		m.subscribers.WithLabelValues(t)
		m.resyncs.WithLabelValues(t)
	}
	return m
}

// collectors returns the collectors to register: the counters above and
// the store's version and counters (which count every feed, not only HTTP).
func (m *liveMetrics) collectors() []prometheus.Collector {
	st := m.store.Stats()
	counter := func(name, help string, v func() uint64, labels prometheus.Labels) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help, ConstLabels: labels},
			func() float64 { return float64(v()) })
	}
	const deltasHelp = "Deltas the live store has seen, by result: applied, duplicate (acknowledged, not applied again), rejected (in a batch that could not apply)."
	return []prometheus.Collector{
		m.rejectedDeltas, m.rejectedBatches, m.subscribers, m.resyncs,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "twin_live_version", Help: "Live version: the number of the last applied batch."},
			func() float64 { return float64(m.store.Version()) }),
		counter("twin_live_batches_total", "Batches the live store has applied and made durable.", st.Batches.Load, nil),
		counter("twin_live_deltas_total", deltasHelp, st.Applied.Load, prometheus.Labels{"result": "applied"}),
		counter("twin_live_deltas_total", deltasHelp, st.Duplicates.Load, prometheus.Labels{"result": "duplicate"}),
		counter("twin_live_deltas_total", deltasHelp, st.Rejected.Load, prometheus.Labels{"result": "rejected"}),
	}
}

// reject counts a rejected batch and its n rejected deltas.
func (m *liveMetrics) reject(reason string, n int) {
	m.rejectedBatches.WithLabelValues(reason).Inc()
	if n > 0 {
		m.rejectedDeltas.WithLabelValues(reason).Add(float64(n))
	}
}

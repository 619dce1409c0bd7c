package api

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics holds the server's Prometheus collectors in a registry of its own
// (no global state): requests and latencies by route, features served by
// collection, and the World's version.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	features *prometheus.CounterVec
}

func newMetrics(version func() float64) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "twin_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "twin_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route.",
			Buckets: []float64{0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5},
		}, []string{"route"}),
		features: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "twin_features_served_total", Help: "Features written in responses, by collection.",
		}, []string{"collection"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.features,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "twin_world_version", Help: "Version of the served World."}, version))
	return m
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, method, statusLabel(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) served(collection string, n int) {
	if n > 0 {
		m.features.WithLabelValues(collection).Add(float64(n))
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// MustRegister adds collectors to the server's own registry, served at
// /metrics (the delta ingest and stream counters, a feed's counters). It
// panics, as prometheus.Registry.MustRegister does, when a collector is
// invalid or its metrics are already registered: a programmer error. Call it
// before serving.
func (s *Server) MustRegister(cs ...prometheus.Collector) { s.metrics.reg.MustRegister(cs...) }

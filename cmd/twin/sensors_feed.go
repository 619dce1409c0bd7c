package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"twin/engine/live"
)

// mqttConfig is the MQTT sensor feed of `twin serve` (--mqtt, --mqtt-topic,
// or the config file's mqtt: {url, topic, client_id}).
type mqttConfig struct {
	// URL is the broker, mqtt://HOST:PORT or tcp://HOST:PORT; empty: no
	// MQTT feed.
	URL string `yaml:"url"`
	// Topic is the topic filter; default twin/#.
	Topic string `yaml:"topic"`
	// ClientID names the twin's persistent session at the broker; default
	// "twin". Two twins on one broker need different ones.
	ClientID string `yaml:"client_id"`
}

// startMQTTFeed subscribes st to the broker of c (nothing, and a nil feed,
// when c.URL is empty) and hands the feed's metrics to register. It returns
// at once; the connection is made and kept up in the background. Call stop
// before closing st: it finishes the batch in progress and disconnects.
func startMQTTFeed(ctx context.Context, st *live.Store, c mqttConfig, register func(...prometheus.Collector), log *slog.Logger) (feed *live.MQTT, stop func() error, err error) {
	if c.URL == "" {
		return nil, func() error { return nil }, nil
	}
	m, err := live.StartMQTT(context.WithoutCancel(ctx), st, live.MQTTOptions{URL: c.URL, Topic: c.Topic, ClientID: c.ClientID, Log: log})
	if err != nil {
		return nil, nil, fmt.Errorf("--mqtt: %w", err)
	}
	if register != nil {
		register(m.Collector())
	}
	topic := c.Topic
	if topic == "" {
		topic = live.DefaultMQTTTopic
	}
	log.Info("mqtt feed", "broker", c.URL, "topic", topic)
	return m, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := m.Close(ctx)
		log.Info("mqtt feed closed", "counts", m.Stats())
		if err != nil {
			return fmt.Errorf("closing the MQTT feed: %w", err)
		}
		return nil
	}, nil
}

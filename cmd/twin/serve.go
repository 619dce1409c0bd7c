package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/engine/api"
	"twin/engine/live"
)

// serveConfig is the --config file: where to listen, what to load, and the
// API's settings. Flags override it.
type serveConfig struct {
	Addr     string     `yaml:"addr"`
	Data     []string   `yaml:"data"`
	CRS      string     `yaml:"crs"`
	WorldCRS string     `yaml:"world_crs"`
	API      api.Config `yaml:"api"`
	// DataDir holds the live store (write-ahead log and checkpoints).
	// Empty: live changes are kept in memory only.
	DataDir string `yaml:"data_dir"`
	// MQTT is the MQTT sensor feed (--mqtt, --mqtt-topic).
	MQTT mqttConfig `yaml:"mqtt"`
}

func newServeCmd(g *globalFlags) *cobra.Command {
	var (
		cfgFile, tokenFile string
		dataDir            string
		mqtt               mqttConfig
		sc                 serveConfig
		d                  dataFlags
	)
	cmd := &cobra.Command{
		Use:   "serve [--data FILE...] [--addr HOST:PORT] [--data-dir DIR] [--config FILE]",
		Short: "Serve the city over HTTP: OGC API – Features, queries, vector tiles, live deltas",
		Long: `serve loads the data (default: the embedded sample city) and answers HTTP:
OGC API – Features (/collections/…/items, Part 2 CRS), twin's spatial queries
(/collections/{id}/nearest, /collections/{id}/within, /under, /elevation,
/building), vector tiles (/tiles/{z}/{x}/{y}.mvt, /tiles.json) and
/healthz, /readyz, /metrics. It stops gracefully on SIGTERM or Ctrl-C.

The twin is live: POST /deltas takes NDJSON batches of sensor readings,
moves, closures and feature changes, acknowledged once durable in the
write-ahead log under --data-dir (without it, changes live in memory only
and are lost on exit); GET /deltas/stream (Server-Sent Events) and
GET /deltas/ws (WebSocket) stream them out in order. A restart restores the
live state from the data directory on top of the loaded data.

Writes need a bearer token from --token-file or the TWIN_TOKEN variable.`,
		Example: `  twin serve --addr 127.0.0.1:8080
  TWIN_TOKEN=secret twin serve --data city.osm.pbf --data dem.tif --config twin.yaml
  TWIN_TOKEN=secret twin serve --data-dir /var/lib/twin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfgFile != "" {
				if err := readServeConfig(cfgFile, &sc); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("addr") || sc.Addr == "" {
				sc.Addr, _ = cmd.Flags().GetString("addr")
			}
			if len(d.files) == 0 {
				d.files = sc.Data
			}
			if d.crs == "" {
				d.crs = sc.CRS
			}
			if d.worldCRS == "" {
				d.worldCRS = sc.WorldCRS
			}
			if cmd.Flags().Changed("data-dir") {
				sc.DataDir = dataDir
			}
			if cmd.Flags().Changed("mqtt") {
				sc.MQTT.URL = mqtt.URL
			}
			if cmd.Flags().Changed("mqtt-topic") {
				sc.MQTT.Topic = mqtt.Topic
			}
			token, err := readToken(tokenFile)
			if err != nil {
				return err
			}
			sc.API.Token = token
			return serve(cmd.Context(), g, sc, d, cmd)
		},
	}
	cmd.Flags().StringArrayVar(&d.files, "data", nil, "data file to load (repeat; default: the sample city)")
	addCRSFlags(cmd, &d)
	cmd.Flags().String("addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&cfgFile, "config", "", "YAML configuration file (addr, data, crs, data_dir, api: {cors_origins, max_limit, …})")
	cmd.Flags().StringVar(&tokenFile, "token-file", "", "file holding the bearer token for writes (else $TWIN_TOKEN)")
	cmd.Flags().StringVar(&dataDir, "data-dir", "", "directory of the live store: write-ahead log and checkpoints (default: in memory, lost on exit)")
	cmd.Flags().StringVar(&mqtt.URL, "mqtt", "", "subscribe to this MQTT broker for deltas, e.g. tcp://127.0.0.1:1883 (QoS 1, persistent session)")
	cmd.Flags().StringVar(&mqtt.Topic, "mqtt-topic", live.DefaultMQTTTopic, "MQTT topic filter of the delta feed")
	return cmd
}

func readServeConfig(path string, sc *serveConfig) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.UnmarshalWithOptions(b, sc, yaml.Strict()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readToken reads the token from the file, else from $TWIN_TOKEN.
func readToken(path string) (string, error) {
	if path == "" {
		return os.Getenv("TWIN_TOKEN"), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

func serve(ctx context.Context, g *globalFlags, sc serveConfig, d dataFlags, cmd *cobra.Command) error {
	level := slog.LevelInfo
	if g.quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewJSONHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
	w, rep, err := openWorld(ctx, g, d, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	srv, err := api.New(w, sc.API, log)
	if err != nil {
		return err
	}
	stopScenarios, err := srv.MountScenarios(api.ScenarioOptions{}) // POST /scenarios, run in the background
	if err != nil {
		return err
	}
	defer stopScenarios()
	stopLive, err := startLive(ctx, w, srv, sc, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", sc.Addr)
	if err != nil {
		return errors.Join(err, stopLive())
	}
	timeout := sc.API.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: timeout + 10*time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	// Delta streams last until closed; Shutdown waits for open requests.
	hs.RegisterOnShutdown(srv.CloseStreams)
	log.Info("serving", "addr", ln.Addr().String(), "crs", rep.CRS, "version", rep.Version, "writes", sc.API.Token != "")
	fmt.Fprintf(cmd.OutOrStdout(), "twin: listening on http://%s\n", ln.Addr())
	err = serveUntilDone(ctx, hs, ln, log)
	// The store closes (final checkpoint) only once no request can ingest.
	return errors.Join(err, stopLive())
}

// serveUntilDone serves on ln until ctx ends, then shuts down gracefully:
// no new connections, requests in flight answered within 10 s.
func serveUntilDone(ctx context.Context, hs *http.Server, ln net.Listener, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startLive opens the live store on w, restoring its state from
// sc.DataDir (created if missing), or in memory when sc.DataDir is empty,
// which it logs as a warning; then it mounts the delta routes on srv. Call
// the returned stop once the HTTP server has stopped: it closes the store
// with a final checkpoint.
func startLive(ctx context.Context, w *engine.World, srv *api.Server, sc serveConfig, log *slog.Logger) (stop func() error, err error) {
	if sc.DataDir == "" {
		log.Warn("live store in memory: deltas are lost on exit (use --data-dir to keep them)")
	}
	st, err := live.Open(ctx, w, live.Options{Dir: sc.DataDir, Log: log})
	if err != nil {
		return nil, fmt.Errorf("live store %s: %w", sc.DataDir, err)
	}
	log.Info("live store open", "dir", sc.DataDir, "version", st.Version())
	srv.MountLive(st)
	_, stopFeed, err := startMQTTFeed(ctx, st, sc.MQTT, srv.MustRegister, log)
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	return func() error {
		if err := errors.Join(stopFeed(), st.Close()); err != nil {
			return fmt.Errorf("closing the live store: %w", err)
		}
		log.Info("live store closed", "version", st.Version())
		return nil
	}, nil
}

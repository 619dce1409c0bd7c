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

	"twin/engine/api"
)

// serveConfig is the --config file: where to listen, what to load, and the
// API's settings. Flags override it.
type serveConfig struct {
	Addr     string     `yaml:"addr"`
	Data     []string   `yaml:"data"`
	CRS      string     `yaml:"crs"`
	WorldCRS string     `yaml:"world_crs"`
	API      api.Config `yaml:"api"`
}

func newServeCmd(g *globalFlags) *cobra.Command {
	var (
		cfgFile, tokenFile string
		sc                 serveConfig
		d                  dataFlags
	)
	cmd := &cobra.Command{
		Use:   "serve [--data FILE...] [--addr HOST:PORT] [--config FILE]",
		Short: "Serve the city over HTTP: OGC API – Features, queries, vector tiles",
		Long: `serve loads the data (default: the embedded sample city) and answers HTTP:
OGC API – Features (/collections/…/items, Part 2 CRS), twin's spatial queries
(/collections/{id}/nearest, /collections/{id}/within, /under, /elevation,
/building), vector tiles (/tiles/{z}/{x}/{y}.mvt, /tiles.json) and
/healthz, /readyz, /metrics. It stops gracefully on SIGTERM or Ctrl-C.

Writes need a bearer token from --token-file or the TWIN_TOKEN variable.`,
		Example: `  twin serve --addr 127.0.0.1:8080
  TWIN_TOKEN=secret twin serve --data city.osm.pbf --data dem.tif --config twin.yaml`,
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
	cmd.Flags().StringVar(&cfgFile, "config", "", "YAML configuration file (addr, data, crs, api: {cors_origins, max_limit, …})")
	cmd.Flags().StringVar(&tokenFile, "token-file", "", "file holding the bearer token for writes (else $TWIN_TOKEN)")
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
	ln, err := net.Listen("tcp", sc.Addr)
	if err != nil {
		return err
	}
	timeout := sc.API.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: timeout + 10*time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("serving", "addr", ln.Addr().String(), "crs", rep.CRS, "version", rep.Version, "writes", sc.API.Token != "")
	fmt.Fprintf(cmd.OutOrStdout(), "twin: listening on http://%s\n", ln.Addr())
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

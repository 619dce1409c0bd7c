package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	apibench "twin/benchmarks/api"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "address to listen on")
	db := flag.String("db", "", "PostgreSQL URL")
	table := flag.String("table", "", "buildings table (apibench prepare)")
	conns := flag.Int("conns", 8, "connections in the pgx pool")
	flag.Parse()
	if err := run(*addr, *db, *table, *conns); err != nil {
		fmt.Fprintln(os.Stderr, "pgserve:", err)
		os.Exit(1)
	}
}

func run(addr, db, table string, conns int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := pgxpool.ParseConfig(db)
	if err != nil {
		return err
	}
	cfg.MaxConns, cfg.MinConns = int32(conns), int32(conns)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := pool.Ping(ctx); err != nil {
		return err
	}
	pg, err := apibench.NewPostGIS(pool, table)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: apibench.Handler("buildings", pg), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("pgserve: listening on http://%s (table %s, %d connections)\n", ln.Addr(), table, conns)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return hs.Shutdown(sctx)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"time"

	"twin/engine/api"
)

// runServe serves a city with api.Server as `twin serve` does, for
// profiling under load: with -cpuprofile it writes a CPU profile of the
// whole serving time (stop it with Ctrl-C or -for).
func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	var c cityFlags
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:18092", "address to listen on")
	profile := fs.String("cpuprofile", "", "write a CPU profile here")
	forTime := fs.Duration("for", 0, "stop after this long (0: at Ctrl-C)")
	fs.Parse(args)
	w, err := c.world(ctx)
	if err != nil {
		return err
	}
	srv, err := api.New(w, api.Config{}, nil)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *forTime > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *forTime)
		defer cancel()
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(os.Stderr, "apibench: serving %s on http://%s\n", c.name, ln.Addr())
	go func() { <-ctx.Done(); hs.Close() }()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Command twin is the city digital-twin engine's one binary: load a city,
// query it, and (in later commands) serve it, simulate it and draw it.
//
// Run `twin --help` for the commands. Without --data every command works on
// the embedded sample city (Monaco).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "twin:", err)
		os.Exit(1)
	}
}

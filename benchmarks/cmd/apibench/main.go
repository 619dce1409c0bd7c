package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		usage()
	}
	cmds := map[string]func(context.Context, []string) error{
		"export": runExport, "prepare": runPrepare, "paths": runPaths, "engine": runEngine, "check": runCheck,
		"serve": runServe,
	}
	run, ok := cmds[os.Args[1]]
	if !ok {
		usage()
	}
	if err := run(ctx, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: apibench export|prepare|paths|engine|check [flags] (see the package doc)")
	os.Exit(2)
}

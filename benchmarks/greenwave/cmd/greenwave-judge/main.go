package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	judge "twin/benchmarks/greenwave"
)

func main() {
	var (
		cfg      judge.Config
		seeds    = flag.String("seeds", "1,2,3", "SUMO seeds, comma-separated")
		corridor = flag.String("corridor", "", "corridor junctions, comma-separated (default: detect)")
		extra    = flag.String("additional", "", "further additional files every run loads, comma-separated")
	)
	flag.StringVar(&cfg.Net, "net", "", "SUMO network")
	flag.StringVar(&cfg.Routes, "routes", "", "SUMO route file (one vehicle per route)")
	flag.StringVar(&cfg.Dir, "dir", "greenwave-judge", "output directory")
	flag.Uint64Var(&cfg.UncoordinatedSeed, "uncoordinated-seed", 1, "seed of the random offsets")
	flag.Float64Var(&cfg.End, "end", 0, "SUMO end time, s (0: until all vehicles arrived)")
	flag.Float64Var(&cfg.Options.CycleMin, "cycle-min", 0, "shortest common cycle, s")
	flag.Float64Var(&cfg.Options.CycleMax, "cycle-max", 0, "longest common cycle, s")
	flag.Float64Var(&cfg.Build.SpeedFactor, "speed-factor", 0, "progression speed / speed limit (default 0.95)")
	flag.Parse()
	cfg.Options.WholeSeconds = true
	for _, s := range strings.Split(*seeds, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fmt.Fprintln(os.Stderr, "greenwave-judge: -seeds:", err)
			os.Exit(2)
		}
		cfg.Seeds = append(cfg.Seeds, n)
	}
	if *corridor != "" {
		cfg.Corridor = strings.Split(*corridor, ",")
	}
	if *extra != "" {
		cfg.Extra = strings.Split(*extra, ",")
	}
	if cfg.Net == "" || cfg.Routes == "" {
		fmt.Fprintln(os.Stderr, "greenwave-judge: -net and -routes are required")
		os.Exit(2)
	}
	res, err := judge.Run(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "greenwave-judge:", err)
		os.Exit(1)
	}
	if err := res.WriteTable(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "greenwave-judge:", err)
		os.Exit(1)
	}
}

package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"twin/geo/sumo"
)

type stats struct {
	label                                    string
	arrived                                  int
	duration, waiting, stops, timeLoss, dist float64
}

func main() {
	ref := flag.String("ref", "", "label of the reference row")
	scenario := flag.String("scenario", "", "scenario name for the first column")
	header := flag.Bool("header", false, "print the table header first")
	flag.Parse()
	var rows []stats
	for _, arg := range flag.Args() {
		label, path, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintln(os.Stderr, "tripstats: want LABEL=FILE, got", arg)
			os.Exit(2)
		}
		s, err := read(label, path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tripstats:", err)
			os.Exit(1)
		}
		rows = append(rows, s)
	}
	if *header {
		fmt.Println("| scenario | run | arrived | mean travel time (s) | mean waiting (s) | mean stops | mean time loss (s) | mean route (m) |")
		fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|")
	}
	var base *stats
	for i := range rows {
		if rows[i].label == *ref {
			base = &rows[i]
		}
	}
	for _, r := range rows {
		diff := func(v, b float64) string {
			if base == nil || r.label == base.label || b == 0 {
				return ""
			}
			return fmt.Sprintf(" (%+.1f %%)", 100*(v-b)/b)
		}
		var b stats
		if base != nil {
			b = *base
		}
		fmt.Printf("| %s | %s | %d%s | %.1f%s | %.1f%s | %.2f%s | %.1f%s | %.0f |\n", *scenario, r.label,
			r.arrived, diff(float64(r.arrived), float64(b.arrived)), r.duration, diff(r.duration, b.duration),
			r.waiting, diff(r.waiting, b.waiting), r.stops, diff(r.stops, b.stops), r.timeLoss, diff(r.timeLoss, b.timeLoss), r.dist)
	}
}

func read(label, path string) (stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return stats{}, err
	}
	defer f.Close()
	trips, err := sumo.DecodeTripInfos(bufio.NewReader(f), filepath.Base(path))
	if err != nil {
		return stats{}, err
	}
	s := stats{label: label, arrived: len(trips)}
	for _, t := range trips {
		s.duration += t.Duration
		s.waiting += t.WaitingTime
		s.stops += float64(t.WaitingCount)
		s.timeLoss += t.TimeLoss
		s.dist += t.RouteLength
	}
	if n := float64(len(trips)); n > 0 {
		s.duration /= n
		s.waiting /= n
		s.stops /= n
		s.timeLoss /= n
		s.dist /= n
	}
	return s, nil
}

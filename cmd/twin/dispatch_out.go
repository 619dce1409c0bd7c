package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/sim/dispatch"
)

// writeDispatchOut writes the plots, the full result and the calls.
func writeDispatchOut(dir string, s *engine.Snapshot, r *dispatch.Result, in []dispatch.Incident) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{"response_times.png", func(w io.Writer) error { return dispatch.PlotResponseTimes(w, r, 900, 600) }},
		{"coverage.png", func(w io.Writer) error { return dispatch.PlotCoverage(w, r, 0, 900, 600) }},
		{"utilisation.png", func(w io.Writer) error { return dispatch.PlotUtilisation(w, r, 900, 600) }},
		{"result.json", func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", " ")
			return enc.Encode(r)
		}},
		{"incidents.csv", func(w io.Writer) error {
			return dispatch.WriteIncidents(w, in, func(p orb.Point) (orb.Point, error) { return s.ToLonLat(p) })
		}},
	}
	for _, f := range files {
		err := writeFileWith(filepath.Join(dir, f.name), f.fn)
		if errors.Is(err, dispatch.ErrPlot) {
			slog.Warn("plot skipped", "file", f.name, "reason", err)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// writeCoverageMap draws the coverage of the --map-type stations at the
// start of the run, after the closures due at 0 s (which the simulation
// applies again, to no further effect).
func writeCoverageMap(f dispatchFlags, rg *dispatch.Graph, cov *dispatch.Coverage, st []dispatch.Station, tc []dispatch.TimedChange) error {
	for _, c := range tc {
		if c.AtS == 0 {
			if err := rg.Apply(c.Changes...); err != nil {
				return err
			}
			cov.Reset()
		}
	}
	var units []dispatch.Snap
	for _, s := range st {
		if string(s.Type) != f.mapType {
			continue
		}
		sn, err := cov.Demand().Snap(rg, s.Point, 500)
		if err != nil {
			return fmt.Errorf("station %s: %w", s.ID, err)
		}
		units = append(units, sn)
	}
	near, err := cov.Nearest(units)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	title := fmt.Sprintf("Travel time from the nearest %s station (%d)", f.mapType, len(units))
	return writeFileWith(filepath.Join(f.out, "coverage_map.png"), func(w io.Writer) error {
		return dispatch.PlotCoverageMap(w, cov.Demand(), near, units, title, 1000, 800)
	})
}

// printDispatch prints the summary as text.
func printDispatch(w io.Writer, s dispatchSummary) error {
	fmt.Fprintf(w, "policy %s, %.0f s, %d stations, %d units, %d demand points\n", s.Policy, s.DurationS, s.Stations, s.Units, s.DemandPoints)
	fmt.Fprintf(w, "calls %d, served %d: p50 %.0f s, p90 %.0f s, mean %.0f s, %.1f %% within %.0f s\n",
		s.N, s.Served, s.P50S, s.P90S, s.MeanS, 100*s.WithinTarget, s.TargetS)
	if len(s.BusyQ) > 0 {
		fmt.Fprint(w, "MEXCLP busy probability q:")
		for _, t := range slices.Sorted(maps.Keys(s.BusyQ)) {
			fmt.Fprintf(w, " %s %.3f", t, s.BusyQ[t])
		}
		fmt.Fprintln(w)
	}
	var types []string
	for t := range s.ByType {
		types = append(types, string(t))
	}
	sort.Strings(types)
	for _, t := range types {
		b := s.ByType[dispatch.IncidentType(t)]
		fmt.Fprintf(w, "  %-8s %4d calls: p50 %.0f s, p90 %.0f s, %.1f %% within target\n", t, b.N, b.P50S, b.P90S, 100*b.WithinTarget)
	}
	var uts []string
	for t := range s.Coverage {
		uts = append(uts, string(t))
	}
	sort.Strings(uts)
	for _, t := range uts {
		c := s.Coverage[dispatch.UnitType(t)]
		fmt.Fprintf(w, "  %-10s coverage 8/10/15 min %.3f/%.3f/%.3f, utilisation %.2f\n", t, c.Min8, c.Min10, c.Min15, s.Utilisation[dispatch.UnitType(t)])
	}
	_, err := fmt.Fprintf(w, "re-dispatches %d, reroutes %d\n", s.Redispatches, s.Reroutes)
	return err
}

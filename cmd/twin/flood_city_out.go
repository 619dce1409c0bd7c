package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"twin/engine"
	"twin/geo"
	"twin/geo/dem"
	"twin/sim/flood/floodout"
	"twin/sim/flood/lisflood"
	"twin/sim/flood/urban"
)

// floodDeltaSource is the Source of the closure deltas the city mode writes.
const floodDeltaSource = "twin-flood"

// writeCityOutputs writes every output of a (possibly interrupted) city run.
func writeCityOutputs(stdout io.Writer, out *outFolder, f floodFlags, r *cityRun) error {
	m := r.model
	grid := m.Grid()
	maxDepth := noSea(m, m.MaxDepth(nil))
	maxGrid, err := floodout.Grid(&grid, maxDepth)
	if err != nil {
		return err
	}
	if err := out.raster("max-depth.asc", "max-depth.tif", maxGrid); err != nil {
		return err
	}
	if err := writeFrames(out, &grid, m, f.velocity); err != nil {
		return err
	}
	if err := out.maps("", &grid, maxDepth, f.threshold); err != nil {
		return err
	}
	if err := writeCitySeries(out, m.Series()); err != nil {
		return err
	}
	mb := m.MassBalance()
	b := urbanBudget(mb, r.interrupted, m.Time())
	if err := out.budget("", b); err != nil {
		return err
	}
	closed, err := writeClosures(out, r, m.FloodedLinks(maxDepth, 0, f.closeAt), r.start.Add(time.Duration(m.Time()*float64(time.Second))))
	if err != nil {
		return err
	}
	bldgs := m.AffectedBuildings(maxDepth, f.bldgAt)
	if err := out.write("affected_buildings.csv", func(w io.Writer) error { return writeBuildings(w, bldgs) }); err != nil {
		return err
	}
	nb := len(bldgs)
	model := "sample city"
	if len(f.data.files) > 0 {
		model = strings.Join(f.data.files, " ")
	}
	sum := &floodSummary{Mode: "city", Model: model, Rain: r.rain.desc, SimTimeS: m.Time(), Steps: m.Surface().Steps(),
		Interrupted: r.interrupted, ThresholdM: f.threshold, FloodedRoads: &closed, AffectedBuildings: &nb}
	sum.fill(&grid, maxDepth, b)
	sum.MassBalanceErrorPct = mb.ErrorPercent
	sum.SeaLevelM = r.seaLevel
	land := float64(m.LandCells()) * grid.DX * grid.DY
	sum.LandAreaM2 = &land
	sum.Outfalls = outfallReports(m.Series())
	for _, gs := range m.Series().Gauges {
		peak, arr := gaugeFigures(m.Series().Times, gs.Depth, f.threshold)
		sum.Gauges = append(sum.Gauges, gaugeSummary{Name: gs.Name, X: gs.X, Y: gs.Y, PeakM: finiteOr(peak), ArrivalS: arr})
	}
	slog.Info("flood run", "t", m.Time(), "cells", grid.Cols*grid.Rows, "land cells", m.LandCells(),
		"building cells opened as passages", m.Passages(), "uncoupled nodes", len(m.Uncoupled()), "interrupted", r.interrupted)
	if err := out.report(stdout, sum, f.json); err != nil {
		return err
	}
	if r.interrupted {
		return fmt.Errorf("flood: interrupted at t = %.0f s; partial results written to %s", m.Time(), out.dir)
	}
	return nil
}

// urbanBudget is the coupled model's account as a report.
func urbanBudget(mb urban.MassBalance, interrupted bool, t float64) floodout.Budget {
	b := floodout.Budget{
		Title:   "Mass balance: streets and sewer",
		Initial: []floodout.Term{{Name: "surface and pipes", Volume: mb.Initial}},
		In: []floodout.Term{{Name: "rain", Volume: mb.Rain}, {Name: "boundary inflow", Volume: mb.BoundaryIn},
			{Name: "sewer inflows (dry weather, external)", Volume: mb.SewerInflow}, {Name: "round-off clamping", Volume: mb.Clamped}},
		Out: []floodout.Term{{Name: "infiltration", Volume: mb.Infiltration}, {Name: "boundary outflow", Volume: mb.BoundaryOut},
			{Name: "sewer outfalls", Volume: mb.Outfalls}, {Name: "into the sea", Volume: mb.Sea},
			{Name: "overflow of uncoupled nodes", Volume: mb.Lost}},
		Stored: []floodout.Term{{Name: "surface water", Volume: mb.Surface}, {Name: "pipes", Volume: mb.Pipes},
			{Name: "in transit between street and pipes", Volume: mb.Transit}},
	}
	b.Notes = append(b.Notes,
		fmt.Sprintf("Exchanged: %.3f m³ captured by inlets, %.3f m³ overflowed from manholes.", mb.Captured, mb.Overflow),
		fmt.Sprintf("Sewer flow-routing continuity error (as SWMM reports it): %.3g %% (%.3f m³).", mb.PipeErrorPercent, mb.PipeError))
	if interrupted {
		b.Notes = append(b.Notes, fmt.Sprintf("Interrupted at t = %.0f s: partial run.", t))
	}
	return b
}

// writeCitySeries writes the gauge .stage file and plot and the outfall
// hydrographs (CSV and plot).
func writeCitySeries(out *outFolder, s *urban.Series) error {
	if len(s.Gauges) > 0 {
		pts := make([]lisflood.Point, len(s.Gauges))
		beds := make([]float64, len(s.Gauges))
		var plots []floodout.Series
		for i, g := range s.Gauges {
			pts[i], beds[i] = lisflood.Point{X: g.X, Y: g.Y}, g.Bed
			plots = append(plots, floodout.Series{Name: g.Name, T: s.Times, V: g.Depth})
		}
		if err := out.write("gauges.stage", func(w io.Writer) error {
			sw, err := lisflood.NewStageWriter(w, "gauges", pts, beds)
			if err != nil {
				return err
			}
			row := make([]float64, len(pts))
			for k, t := range s.Times {
				for i, g := range s.Gauges {
					row[i] = g.Depth[k]
				}
				if err := sw.Write(t, row); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		title := "Street water depth at the gauges"
		if len(plots) > maxPlotted {
			title = fmt.Sprintf("Street water depth: the %d deepest of %d gauges", maxPlotted, len(plots))
			plots = largestPeaks(plots, maxPlotted)
		}
		if err := plotIfLong(out, "gauges.png", plots, floodout.PlotOptions{Title: title, YLabel: "depth (m)"}); err != nil {
			return err
		}
	}
	if len(s.Outfalls) == 0 {
		return nil
	}
	var hs []floodout.Series
	for _, h := range s.Outfalls {
		hs = append(hs, floodout.Series{Name: h.Name, T: s.Times, V: h.Flow})
	}
	for _, h := range s.Pipes {
		hs = append(hs, floodout.Series{Name: h.Name, T: s.Times, V: h.Flow})
	}
	if err := out.write("outfalls.csv", func(w io.Writer) error { return floodout.WriteCSV(w, hs) }); err != nil {
		return err
	}
	title := "Outfall hydrographs"
	if len(hs) > maxPlotted {
		title = fmt.Sprintf("Outfall hydrographs: the %d largest peaks of %d", maxPlotted, len(hs))
		hs = largestPeaks(hs, maxPlotted)
	}
	return plotIfLong(out, "outfalls.png", hs, floodout.PlotOptions{Title: title, YLabel: "flow (m³/s)"})
}

// maxPlotted is the most lines a plot's legend holds readably.
const maxPlotted = 8

// largestPeaks returns the n series with the largest peaks, in their
// input order (ties: the earlier series).
func largestPeaks(ss []floodout.Series, n int) []floodout.Series {
	idx := make([]int, len(ss))
	peak := make([]float64, len(ss))
	for i, s := range ss {
		idx[i] = i
		for _, v := range s.V {
			peak[i] = max(peak[i], v)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(peak[b], peak[a]) })
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]floodout.Series, n)
	for k, i := range idx {
		out[k] = ss[i]
	}
	return out
}

// plotIfLong plots series that have at least two samples.
func plotIfLong(out *outFolder, name string, ss []floodout.Series, opt floodout.PlotOptions) error {
	if len(ss) == 0 || len(ss[0].T) < 2 {
		return nil
	}
	return out.write(name, func(w io.Writer) error { return floodout.PlotSeries(w, ss, opt) })
}

// outfallReports sums each outfall's hydrograph (trapezoids).
func outfallReports(s *urban.Series) []outfallReport {
	var out []outfallReport
	for _, h := range s.Outfalls {
		r := outfallReport{Name: h.Name}
		for k, q := range h.Flow {
			if q > r.PeakM3s {
				r.PeakM3s, r.PeakTimeS = q, s.Times[k]
			}
			if k > 0 {
				r.VolumeM3 += (q + h.Flow[k-1]) / 2 * (s.Times[k] - s.Times[k-1])
			}
		}
		out = append(out, r)
	}
	return out
}

// writeClosures writes flooded_roads.ndjson: one closure delta on the
// roads layer per road with a link whose depth reaches the closure depth,
// in the engine's wire format, and returns how many.
func writeClosures(out *outFolder, r *cityRun, flooded []urban.LinkFlood, ts time.Time) (int, error) {
	var ds []engine.Delta
	seen := map[string]bool{}
	closed := true
	for _, lf := range flooded {
		if !lf.Closed {
			continue
		}
		id, ok := r.roadOfWay[r.links[lf.ID]]
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		ds = append(ds, engine.Delta{Source: floodDeltaSource, Seq: uint64(len(ds) + 1), TS: ts,
			Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: id, Closed: &closed})
	}
	err := out.write("flooded_roads.ndjson", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		for i := range ds {
			if err := enc.Encode(&ds[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return len(ds), err
}

// writeBuildings writes affected_buildings.csv: id and the greatest depth
// against the building, m.
func writeBuildings(w io.Writer, bs []urban.BuildingFlood) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "max_depth_m"}); err != nil {
		return err
	}
	for _, b := range bs {
		if err := cw.Write([]string{b.ID, strconv.FormatFloat(math.Round(b.Depth*1e4)/1e4, 'f', -1, 64)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeFrames writes the time of the maximum depth (s; no data where never
// wet), the depth at every output time and, with speed, the flow speed
// (m/s, GeoTIFF only).
func writeFrames(out *outFolder, grid *geo.Grid, m *urban.Model, speed bool) error {
	tmax, err := floodout.Grid(grid, noSea(m, m.MaxDepthTime(nil)))
	if err != nil {
		return err
	}
	if err := out.raster("max-depth-time.asc", "max-depth-time.tif", tmax); err != nil {
		return err
	}
	for _, fr := range m.Frames() {
		g, err := floodout.Grid(grid, noSea(m, slices.Clone(fr.Depth)))
		if err != nil {
			return err
		}
		name := fmt.Sprintf("depth-%06.0fs", fr.Time)
		if err := out.raster(name+".asc", name+".tif", g); err != nil {
			return err
		}
		if !speed {
			continue
		}
		v := make([]float32, len(fr.U))
		for i := range v {
			v[i] = float32(math.Hypot(float64(fr.U[i]), float64(fr.V[i])))
		}
		noSea(m, v)
		sg, err := floodout.Grid(grid, v)
		if err != nil {
			return err
		}
		if err := out.write(fmt.Sprintf("speed-%06.0fs.tif", fr.Time), func(w io.Writer) error {
			return dem.EncodeGeoTIFF(w, sg, dem.EncodeOptions{Deflate: true, Predictor: true})
		}); err != nil {
			return err
		}
	}
	return nil
}

// noSea sets the sea cells of field (m.Sea) to NaN, no data in the grids
// and no water in the maps, and returns it.
func noSea(m *urban.Model, field []float32) []float32 {
	for c := range field {
		if m.Sea(c) {
			field[c] = float32(math.NaN())
		}
	}
	return field
}

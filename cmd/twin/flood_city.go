package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"twin/assets"
	"twin/engine"
	"twin/geo"
	"twin/geo/proj"
	"twin/geo/swmm"
	"twin/sim/flood/lisflood"
	"twin/sim/flood/rain"
	"twin/sim/flood/surface"
	"twin/sim/flood/urban"
)

// defaultFloodStart is the clock time of t = 0 when neither --start nor
// the SWMM model gives one: closure deltas carry start + duration.
var defaultFloodStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// cityRun is what the city mode builds and keeps for the outputs.
type cityRun struct {
	model       *urban.Model
	inputs      urban.Inputs
	rain        rainSpec
	start       time.Time
	links       map[string]int64 // link ID → way ID
	roadOfWay   map[int64]string // way ID → road ID
	interrupted bool
	seaLevel    *float64 // m; nil: no sea
}

// runCityFlood runs `twin flood --rain … --duration …` on the city.
func runCityFlood(cmd *cobra.Command, g *globalFlags, f floodFlags) error {
	rs, err := parseRain(f.rain, f.duration)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	w, _, err := openWorld(ctx, g, f.data, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	run := &cityRun{rain: rs}
	if err := run.build(w.Snapshot(), f); err != nil {
		return err
	}
	out, err := newOutFolder(f.out)
	if err != nil {
		return err
	}
	every := f.every
	if every == 0 {
		every = min(600, f.duration/6)
	}
	opt := urban.Options{CellSize: f.cell, OutputInterval: every, SeriesInterval: min(urban.DefaultSeriesInterval, f.duration/10),
		SeaLevel: run.seaLevel, Surface: surface.Options{Workers: f.workers}}
	if run.model, err = urban.New(run.inputs, opt); err != nil {
		return err
	}
	defer run.model.Close()
	var bar *progressbar.ProgressBar
	if interactive(g) {
		bar = progressbar.NewOptions64(int64(f.duration), progressbar.OptionSetWriter(cmd.ErrOrStderr()),
			progressbar.OptionSetDescription("flood (s simulated)"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	err = run.model.Run(ctx, f.duration, func(p urban.Progress) {
		if bar != nil {
			bar.Set64(int64(p.Time))
		}
	})
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		run.interrupted = true
	}
	return writeCityOutputs(cmd.OutOrStdout(), out, f, run)
}

// build gathers the model inputs from the World (buildings, roads, links,
// terrain, all in the World's CRS) and the SWMM model among the files.
func (r *cityRun) build(s *engine.Snapshot, f floodFlags) error {
	in := &r.inputs
	terrain := s.Terrain()
	if len(terrain) == 0 {
		return fmt.Errorf("%w: --data: no terrain; flooding needs a DEM (.tif, .asc, .hgt)", errFloodUsage)
	}
	t := terrain[0] // the finest grid
	in.DEM = t.Grid
	var sewer *swmm.Model
	var err error
	if r.seaLevel, err = seaLevel(f.seaLevel, t.Grid); err != nil {
		return err
	}
	if wc := s.CRS(); wc != nil {
		if !strings.HasPrefix(wc.String(), "LOCAL:") {
			in.CRS = wc.String()
		}
		if t.Grid.CRS != "" && t.Grid.CRS != wc.String() {
			gc, err := proj.Parse(t.Grid.CRS)
			if err != nil {
				return fmt.Errorf("terrain %s: %w", t.Name, err)
			}
			in.ToDEM = proj.Transformer(wc, gc)
		}
	}
	r.collectFeatures(s)
	sewer, err = findSewer(f.data.files)
	if err != nil {
		return err
	}
	if sewer != nil {
		placeSewer(sewer, s)
	}
	in.Sewer = sewer
	in.Bounds = modelBounds(s, sewer, t.Bound())
	if b := in.Bounds; !(b.Max[0] > b.Min[0] && b.Max[1] > b.Min[1]) {
		return fmt.Errorf("%w: --data: the roads, sewer and terrain do not overlap", errFloodUsage)
	}
	if err := r.setRain(sewer); err != nil {
		return err
	}
	r.start = defaultFloodStart
	if sewer != nil && !sewer.Options.Start.IsZero() {
		r.start = sewer.Options.Start
	}
	if f.start != "" {
		if r.start, err = parseStart(f.start); err != nil {
			return err
		}
	}
	in.Gauges, err = floodGauges(f.gauges, sewer)
	return err
}

// parseStart reads --start.
func parseStart(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, fmt.Errorf("%w: --start %q: want an RFC 3339 time such as 2026-07-20T18:00:00+08:00", errFloodUsage, v)
	}
	return t, nil
}

// collectFeatures takes the buildings, roads and links of the World.
func (r *cityRun) collectFeatures(s *engine.Snapshot) {
	in := &r.inputs
	r.links, r.roadOfWay = map[string]int64{}, map[int64]string{}
	each := func(layer string, fn func(geo.Feature)) {
		if l := s.Layer(layer); l != nil {
			l.Ascend("", func(f geo.Feature) bool { fn(f); return true })
		}
	}
	each(geo.LayerBuildings, func(f geo.Feature) {
		if b, ok := f.(*geo.Building); ok {
			in.Buildings = append(in.Buildings, b)
		}
	})
	each(geo.LayerRoads, func(f geo.Feature) {
		if rd, ok := f.(*geo.Road); ok {
			in.Roads = append(in.Roads, rd)
			r.roadOfWay[rd.WayID] = rd.ID
		}
	})
	each(geo.LayerLinks, func(f geo.Feature) {
		if l, ok := f.(*geo.RoadLink); ok {
			in.Links = append(in.Links, l)
			r.links[l.ID] = l.WayID
		}
	})
}

// findSewer decodes the first SWMM .inp among files (the sample city's
// when there are none); nil when there is none.
func findSewer(files []string) (*swmm.Model, error) {
	fsys, names := fs.FS(assets.City()), assets.CityFiles
	if len(files) > 0 {
		fsys, names = nil, files
	}
	for _, name := range names {
		if !strings.EqualFold(filepath.Ext(name), ".inp") {
			continue
		}
		var f fs.File
		var err error
		if fsys != nil {
			f, err = fsys.Open(name)
		} else {
			f, err = os.Open(name)
		}
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", name, err)
		}
		m, err := swmm.Decode(f, name, swmm.Options{})
		f.Close()
		if err != nil {
			continue // an EPANET model, or not a network the engine took as SWMM
		}
		if len(m.Conduits) > 0 {
			return m, nil
		}
	}
	return nil, nil
}

// placeSewer moves the sewer's node and rain-gauge coordinates into the
// World's CRS, taking them from the World's pipe_nodes and raingauges
// layers (the engine projected them on loading). Nodes the World lacks
// keep no coordinate, and the model leaves them uncoupled.
func placeSewer(m *swmm.Model, s *engine.Snapshot) {
	moved := func(layer string, pts []swmm.Point) []swmm.Point {
		l := s.Layer(layer)
		out := pts[:0]
		for _, p := range pts {
			if l == nil {
				break
			}
			if f, ok := l.Get(p.Name); ok {
				if c := featurePoint(f); c != nil {
					p.Pt = *c
					out = append(out, p)
				}
			}
		}
		return out
	}
	m.Coordinates = moved(geo.LayerPipeNodes, m.Coordinates)
	m.Symbols = moved(geo.LayerRainGauges, m.Symbols)
}

// featurePoint returns a point feature's location.
func featurePoint(f geo.Feature) *orb.Point {
	switch v := f.(type) {
	case *geo.PipeNode:
		return &v.Point
	case *geo.RainGauge:
		return &v.Point
	case *geo.Generic:
		if p, ok := v.Geom.(orb.Point); ok {
			return &p
		}
	}
	return nil
}

// modelBounds is the area to flood: the sewer's nodes padded by 100 m, or
// the roads' extent without a sewer, cut to the terrain.
func modelBounds(s *engine.Snapshot, sewer *swmm.Model, terrain orb.Bound) orb.Bound {
	var b orb.Bound
	ok := false
	if sewer != nil {
		for _, p := range sewer.Coordinates {
			if !ok {
				b, ok = p.Pt.Bound(), true
			}
			b = b.Extend(p.Pt)
		}
		b = b.Pad(100)
	}
	if !ok {
		if l := s.Layer(geo.LayerRoads); l != nil {
			b, ok = l.Bounds()
		}
	}
	if !ok {
		b = terrain
	}
	return intersect(b, terrain)
}

// intersect returns the common part of a and b (IsEmpty when none).
func intersect(a, b orb.Bound) orb.Bound {
	return orb.Bound{Min: orb.Point{max(a.Min[0], b.Min[0]), max(a.Min[1], b.Min[1])},
		Max: orb.Point{min(a.Max[0], b.Max[0]), min(a.Max[1], b.Max[1])}}
}

// setRain sets the storm, or the SWMM model's gauges.
func (r *cityRun) setRain(sewer *swmm.Model) error {
	if !r.rain.gauges {
		r.inputs.Rain = r.rain.storm
		return nil
	}
	if sewer == nil || len(sewer.RainGages) == 0 {
		return fmt.Errorf("%w: --rain swmm-gauges: the data has no SWMM model with rain gauges", errFloodUsage)
	}
	gs, err := rain.SWMMGauges(sewer, nil)
	if err != nil {
		return fmt.Errorf("--rain swmm-gauges: %w", err)
	}
	r.inputs.RainGauges = gs
	return nil
}

// floodGauges reads the gauge points: a LISFLOOD-FP .stage gauge file in
// the World's CRS, or by default the sewer's outfalls, where street water
// collects at the low ends of the network.
func floodGauges(file string, sewer *swmm.Model) ([]urban.Gauge, error) {
	var out []urban.Gauge
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("%w: --gauges %s: %v", errFloodUsage, file, err)
		}
		defer f.Close()
		pts, err := lisflood.ReadStages(f, file)
		if err != nil {
			return nil, fmt.Errorf("--gauges %s: %w", file, err)
		}
		for i, p := range pts {
			out = append(out, urban.Gauge{Name: fmt.Sprint(i + 1), X: p.X, Y: p.Y})
		}
		return out, nil
	}
	if sewer == nil {
		return nil, nil
	}
	at := map[string]orb.Point{}
	for _, p := range sewer.Coordinates {
		at[p.Name] = p.Pt
	}
	for _, o := range sewer.Outfalls {
		if p, ok := at[o.Name]; ok {
			out = append(out, urban.Gauge{Name: o.Name, X: p[0], Y: p[1]})
		}
	}
	return out, nil
}

// parseSeaLevel reads --sea-level: "" is the default (set, true: decide
// from the DEM), "none" no sea, else a level in metres.
func parseSeaLevel(v string) (level *float64, auto bool, err error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return nil, true, nil
	case "none":
		return nil, false, nil
	}
	z, perr := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "m"), 64)
	if perr != nil || math.IsNaN(z) || math.IsInf(z, 0) {
		return nil, false, fmt.Errorf("%w: --sea-level %q: want a level in metres or none", errFloodUsage, v)
	}
	return &z, false, nil
}

// seaLevel is the sea level of the run: --sea-level, or by default 0 m
// when any cell of the DEM lies at or below 0 m (the sea in SRTM and most
// DEMs), else none. O(DEM cells).
func seaLevel(flag string, dem *geo.Grid) (*float64, error) {
	z, auto, err := parseSeaLevel(flag)
	if err != nil || !auto {
		return z, err
	}
	for _, v := range dem.Data {
		if v <= 0 { // false for NaN (no data)
			zero := 0.0
			return &zero, nil
		}
	}
	return nil, nil
}

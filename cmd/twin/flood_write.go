package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"twin/geo"
	"twin/geo/dem"
	"twin/sim/flood/floodout"
)

// outFolder writes a run's output files into one folder and lists them.
type outFolder struct {
	dir   string
	files []string // names written, in order
}

func newOutFolder(dir string) (*outFolder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%w: --out %s: %v", errFloodUsage, dir, err)
	}
	return &outFolder{dir: dir}, nil
}

// path returns the path of name in the folder.
func (o *outFolder) path(name string) string { return filepath.Join(o.dir, name) }

// write creates name and fills it with fn through a buffer.
func (o *outFolder) write(name string, fn func(io.Writer) error) error {
	f, err := os.Create(o.path(name))
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	err = fn(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", o.path(name), err)
	}
	o.files = append(o.files, name)
	return nil
}

// raster writes g as an ESRI ASCII grid named asc and a deflated GeoTIFF
// named tif.
func (o *outFolder) raster(asc, tif string, g *geo.Grid) error {
	if err := o.write(asc, func(w io.Writer) error { return dem.EncodeASC(w, g) }); err != nil {
		return err
	}
	return o.write(tif, func(w io.Writer) error {
		return dem.EncodeGeoTIFF(w, g, dem.EncodeOptions{Deflate: true, Predictor: true})
	})
}

// maps writes the maximum-depth and flood-extent PNG maps, both drawing
// water from the threshold depth.
func (o *outFolder) maps(prefix string, bed *geo.Grid, maxDepth []float32, threshold float64) error {
	if err := o.write(prefix+"max-depth.png", func(w io.Writer) error {
		return floodout.DepthMap(w, bed, maxDepth, floodout.MapOptions{MinDepth: threshold, Title: "max depth (m)"})
	}); err != nil {
		return err
	}
	return o.write(prefix+"extent.png", func(w io.Writer) error {
		return floodout.ExtentMap(w, bed, maxDepth, floodout.MapOptions{MinDepth: threshold, Title: "flood extent"})
	})
}

// budget writes the mass balance as Markdown and JSON.
func (o *outFolder) budget(prefix string, b floodout.Budget) error {
	if err := o.write(prefix+"mass-balance.md", b.WriteMarkdown); err != nil {
		return err
	}
	return o.write(prefix+"mass-balance.json", b.WriteJSON)
}

// floodSummary is the headline of a run: summary.json, and stdout with
// --json. Its JSON form is a public contract.
type floodSummary struct {
	Mode        string  `json:"mode"` // "lisflood" or "city"
	Model       string  `json:"model"`
	Rain        string  `json:"rain,omitempty"`
	SimTimeS    float64 `json:"sim_time_s"`
	Steps       int64   `json:"steps"`
	Interrupted bool    `json:"interrupted,omitempty"`
	// CRS of the grids ("EPSG:n"), empty when unknown.
	CRS   string  `json:"crs,omitempty"`
	Cols  int     `json:"cols"`
	Rows  int     `json:"rows"`
	CellM float64 `json:"cell_m"`
	// ThresholdM is the depth from which a cell counts as flooded.
	ThresholdM    float64 `json:"threshold_m"`
	FloodedAreaM2 float64 `json:"flooded_area_m2"`
	// LandAreaM2 is the area of the grid above the sea (city mode).
	LandAreaM2 *float64 `json:"land_area_m2,omitempty"`
	// SeaLevelM is the sea level of the city mode, absent without a sea.
	SeaLevelM *float64 `json:"sea_level_m,omitempty"`
	MaxDepthM float64  `json:"max_depth_m"`
	// Volumes, m³.
	InM3                float64         `json:"in_m3"`
	OutM3               float64         `json:"out_m3"`
	StoredM3            float64         `json:"stored_m3"`
	MassBalanceErrorPct float64         `json:"mass_balance_error_percent"`
	FloodedRoads        *int            `json:"flooded_roads,omitempty"`
	AffectedBuildings   *int            `json:"affected_buildings,omitempty"`
	Gauges              []gaugeSummary  `json:"gauges,omitempty"`
	Outfalls            []outfallReport `json:"outfalls,omitempty"`
	Files               []string        `json:"files"`
}

// gaugeSummary is one gauge's peak depth and arrival.
type gaugeSummary struct {
	Name  string  `json:"name"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	PeakM float64 `json:"peak_m"`
	// ArrivalS is when the depth first reached the threshold (linear
	// between outputs), absent if it never did.
	ArrivalS *float64 `json:"arrival_s,omitempty"`
}

// outfallReport is one outfall's peak flow and volume.
type outfallReport struct {
	Name      string  `json:"name"`
	PeakM3s   float64 `json:"peak_m3s"`
	VolumeM3  float64 `json:"volume_m3"`
	PeakTimeS float64 `json:"peak_time_s"`
}

// fill sets the grid figures from the maximum depths.
func (s *floodSummary) fill(g *geo.Grid, maxDepth []float32, b floodout.Budget) {
	s.Cols, s.Rows, s.CellM, s.CRS = g.Cols, g.Rows, g.DX, g.CRS
	n := 0
	for _, v := range maxDepth {
		if math.IsNaN(float64(v)) {
			continue // no data (the sea)
		}
		s.MaxDepthM = max(s.MaxDepthM, float64(v))
		if float64(v) >= s.ThresholdM {
			n++
		}
	}
	s.FloodedAreaM2 = float64(n) * g.DX * g.DY
	tot := func(ts []floodout.Term) float64 {
		v := 0.0
		for _, t := range ts {
			v += t.Volume
		}
		return v
	}
	s.InM3, s.OutM3, s.StoredM3 = tot(b.In), tot(b.Out), tot(b.Stored)
	s.MassBalanceErrorPct = b.ErrorPercent()
}

// gaugeFigures returns the peak and the first time series v reaches thr
// (linear between samples; nil if never).
func gaugeFigures(t, v []float64, thr float64) (peak float64, arrival *float64) {
	for k := range v {
		peak = max(peak, v[k])
		if arrival == nil && v[k] >= thr {
			a := t[k]
			if k > 0 && v[k] > v[k-1] {
				a = t[k-1] + (thr-v[k-1])/(v[k]-v[k-1])*(t[k]-t[k-1])
			}
			arrival = &a
		}
	}
	return peak, arrival
}

// report writes summary.json and prints the summary: JSON with --json,
// else a few lines of text.
func (o *outFolder) report(stdout io.Writer, s *floodSummary, asJSON bool) error {
	s.Files = append(o.files, "summary.json")
	enc := func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(s)
	}
	if err := o.write("summary.json", enc); err != nil {
		return err
	}
	if asJSON {
		return enc(stdout)
	}
	state := "done"
	if s.Interrupted {
		state = "interrupted"
	}
	fmt.Fprintf(stdout, "%s to %.0f s in %d steps (%s) on %d × %d cells of %g m\n", s.Model, s.SimTimeS, s.Steps, state, s.Cols, s.Rows, s.CellM)
	if s.Rain != "" {
		fmt.Fprintf(stdout, "rain: %s\n", s.Rain)
	}
	fmt.Fprintf(stdout, "flooded (≥ %g m): %.0f m², max depth %.3f m, mass balance error %.2g %%\n",
		s.ThresholdM, s.FloodedAreaM2, s.MaxDepthM, s.MassBalanceErrorPct)
	if s.FloodedRoads != nil {
		fmt.Fprintf(stdout, "flooded roads: %d, affected buildings: %d\n", *s.FloodedRoads, *s.AffectedBuildings)
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\n", len(s.Files), o.dir)
	return nil
}

// finiteOr returns v, or 0 when it is NaN or infinite (JSON has neither).
func finiteOr(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

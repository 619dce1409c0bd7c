package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"twin/engine"
)

func newLoadCmd(g *globalFlags) *cobra.Command {
	var d dataFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "load [FILE...]",
		Short: "Load city data and print per-layer counts, the CRS and the bounds",
		Long: `load decodes the files into one World (the embedded sample city when no file
is given) and prints the number of features per layer, the World's CRS and
its bounds in lon/lat. A failure in any file loads nothing.

Formats: OSM (.osm.pbf, .osm), CityJSON (.json, .city.json, .jsonl),
GeoJSON (.geojson), SWMM and EPANET (.inp), DEMs (.asc, .hgt, .zip, .tif).`,
		Example: `  twin load monaco.osm.pbf srtm.tif
  twin load --crs EPSG:25832 bellinge.inp --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			d.files = args
			w, rep, err := openWorld(cmd.Context(), g, d, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			sum := summarize(w.Snapshot(), rep)
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(sum)
			}
			return sum.print(cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"crs":…, "bounds":[minlon,minlat,maxlon,maxlat], "layers":{…}}`)
	addCRSFlags(cmd, &d)
	return cmd
}

func addCRSFlags(cmd *cobra.Command, d *dataFlags) {
	cmd.Flags().StringVar(&d.crs, "crs", "", "CRS of input files that state none (SWMM/EPANET .inp, .asc without .prj), e.g. EPSG:25832")
	cmd.Flags().StringVar(&d.worldCRS, "world-crs", "", "the World's metric CRS (default: chosen from the data)")
}

// summary is what `twin load` prints; its JSON form is a public contract.
type summary struct {
	CRS     string         `json:"crs"`
	CRSName string         `json:"crs_name,omitempty"`
	Bounds  []float64      `json:"bounds"`
	Layers  map[string]int `json:"layers"`
	// BoundsLocal is the extent in the World's CRS: [minx, miny, maxx, maxy].
	BoundsLocal []float64     `json:"bounds_local,omitempty"`
	Terrain     []terrainInfo `json:"terrain,omitempty"`
	Files       []fileInfo    `json:"files"`
	Warnings    int           `json:"warnings"`
	Version     uint64        `json:"version"`
}

type terrainInfo struct {
	Name  string  `json:"name"`
	Cols  int     `json:"cols"`
	Rows  int     `json:"rows"`
	CellM float64 `json:"cell_m"`
}

type fileInfo struct {
	Name     string         `json:"name"`
	Format   string         `json:"format"`
	CRS      string         `json:"crs"`
	Layers   map[string]int `json:"layers"`
	Terrain  int            `json:"terrain,omitempty"`
	Replaced int            `json:"replaced,omitempty"`
	Warnings int            `json:"warnings"`
}

func summarize(s *engine.Snapshot, rep *engine.LoadReport) summary {
	sum := summary{CRS: rep.CRS, Layers: map[string]int{}, Version: s.Version(), Bounds: []float64{}}
	if c := s.CRS(); c != nil {
		sum.CRSName = c.Name()
	}
	for _, name := range s.LayerNames() {
		sum.Layers[name] = s.Layer(name).Len()
	}
	for _, t := range s.Terrain() {
		sum.Terrain = append(sum.Terrain, terrainInfo{Name: t.Name, Cols: t.Grid.Cols, Rows: t.Grid.Rows, CellM: round(t.Resolution(), 2)})
	}
	if len(sum.Terrain) > 0 {
		sum.Layers["terrain"] = len(sum.Terrain)
	}
	if b, ok := s.Bounds(); ok {
		sum.BoundsLocal = []float64{round(b.Min[0], 3), round(b.Min[1], 3), round(b.Max[0], 3), round(b.Max[1], 3)}
	}
	if b, ok := s.BoundsLonLat(); ok {
		sum.Bounds = []float64{round(b.Min[0], 7), round(b.Min[1], 7), round(b.Max[0], 7), round(b.Max[1], 7)}
	}
	for _, f := range rep.Sets {
		sum.Files = append(sum.Files, fileInfo{Name: f.Name, Format: f.Format, CRS: f.CRS, Layers: f.Layers,
			Terrain: f.Terrain, Replaced: f.Replaced, Warnings: len(f.Warnings)})
		sum.Warnings += len(f.Warnings)
	}
	return sum
}

func (sum summary) print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	crs := sum.CRS
	if crs == "" {
		crs = "none (local engineering coordinates)"
	} else if sum.CRSName != "" {
		crs += " (" + sum.CRSName + ")"
	}
	fmt.Fprintf(tw, "crs\t%s\n", crs)
	if len(sum.Bounds) == 4 {
		fmt.Fprintf(tw, "bounds\t%.6f,%.6f … %.6f,%.6f (lon/lat)\n", sum.Bounds[0], sum.Bounds[1], sum.Bounds[2], sum.Bounds[3])
	}
	if len(sum.BoundsLocal) == 4 {
		fmt.Fprintf(tw, "extent\t%.1f × %.1f m\n", sum.BoundsLocal[2]-sum.BoundsLocal[0], sum.BoundsLocal[3]-sum.BoundsLocal[1])
	}
	names := make([]string, 0, len(sum.Layers))
	for n := range sum.Layers {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(tw, "layers")
	for _, n := range names {
		fmt.Fprintf(tw, "  %s\t%d\n", n, sum.Layers[n])
	}
	for _, t := range sum.Terrain {
		fmt.Fprintf(tw, "terrain\t%s: %d × %d cells, ~%.0f m\n", t.Name, t.Cols, t.Rows, t.CellM)
	}
	for _, f := range sum.Files {
		fmt.Fprintf(tw, "file\t%s (%s, %s, %d warnings)\n", f.Name, f.Format, orNone(f.CRS), f.Warnings)
	}
	return tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "no CRS"
	}
	return s
}

func round(v float64, places int) float64 {
	p := 1.0
	for i := 0; i < places; i++ {
		p *= 10
	}
	return float64(int64(v*p+sign(v)*0.5)) / p
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/sim/dispatch"
)

// graphFlags select and shape the road graph of route and graph export.
type graphFlags struct {
	data               dataFlags
	ignoreRestrictions bool
	dijkstra           bool
}

func addGraphFlags(cmd *cobra.Command, f *graphFlags) {
	cmd.Flags().StringArrayVar(&f.data.files, "data", nil, "OSM files with roads (default: the sample city)")
	addCRSFlags(cmd, &f.data)
	cmd.Flags().BoolVar(&f.ignoreRestrictions, "ignore-restrictions", false, "build the plain node-based graph, without turn restrictions")
}

// openRoadGraph loads the data and builds the emergency-vehicle road graph
// from the World's drivable links and turn restrictions.
func openRoadGraph(ctx context.Context, g *globalFlags, f graphFlags, stderr io.Writer) (*engine.Snapshot, *dispatch.Graph, error) {
	w, _, err := openWorld(ctx, g, f.data, stderr)
	if err != nil {
		return nil, nil, err
	}
	s := w.Snapshot()
	if s.CRS() == nil {
		return nil, nil, errors.New("the World has no geodetic CRS: lon/lat cannot be placed on its roads")
	}
	var links []*geo.RoadLink
	s.Layer(geo.LayerLinks).Ascend("", func(ft geo.Feature) bool {
		if l, ok := ft.(*geo.RoadLink); ok {
			links = append(links, l)
		}
		return true
	})
	var rs []*geo.TurnRestriction
	s.Layer(geo.LayerRestrictions).Ascend("", func(ft geo.Feature) bool {
		if r, ok := ft.(*geo.TurnRestriction); ok {
			rs = append(rs, r)
		}
		return true
	})
	if len(links) == 0 {
		return nil, nil, errors.New("the data has no drivable road links")
	}
	opt := dispatch.GraphOptions{IgnoreRestrictions: f.ignoreRestrictions}
	if f.dijkstra {
		opt.Algorithm = dispatch.Dijkstra
	}
	t0 := time.Now()
	rg, err := dispatch.NewGraph(links, rs, opt)
	if err != nil {
		return nil, nil, err
	}
	st := rg.Stats()
	slog.Info("road graph", "nodes", rg.NumNodes(), "edges", rg.NumEdges(), "vertices", st.Vertices,
		"arcs", st.Arcs, "restrictions", st.Restrictions, "skipped", st.Skipped, "split_junctions", st.SplitNodes,
		"shortcuts", st.Shortcuts, "build", time.Since(t0).Round(time.Millisecond))
	return s, rg, nil
}

func newGraphCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Work with the emergency-vehicle road graph",
	}
	cmd.AddCommand(newGraphExportCmd(g))
	return cmd
}

func newGraphExportCmd(g *globalFlags) *cobra.Command {
	var (
		f   graphFlags
		out string
	)
	cmd := &cobra.Command{
		Use:   "export --out DIR",
		Short: "Write the road graph as CSV edge and node tables (for pgRouting and other tools)",
		Long: `export writes the graph the router searches, exactly:

  DIR/edges.csv  id,source,target,cost_s,length_m   one row per directed arc
  DIR/nodes.csv  id,lon,lat                         one row per vertex

Costs are the router's: whole milliseconds of emergency-vehicle travel
time, printed as seconds with three decimals, so any shortest-path tool
that adds them up gets the router's sums to the millisecond. A closed
edge has cost -1 (pgRouting reads negative costs as no edge).

Node ids are the routing vertices, the ids 'twin route --pairs' takes.
Ids 0 to N-1 are the road nodes. Turn restrictions are not a separate
table: a junction that carries them is expanded into extra vertices (ids
N and up, at the junction's position) joined by zero-cost turn arcs
(length 0, edge ids after the road edges), one vertex per leaving edge
and one per restricted approach, with turn arcs only for the turns
allowed. A plain shortest-path search on the export therefore honours
every restriction. A route to a road node's id ends at the junction's hub,
where the unrestricted approaches arrive; 'twin route --to lon,lat' also
counts arrivals by restricted approaches. --ignore-restrictions exports
the plain node-based graph.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("graph export: --out DIR is required")
			}
			s, rg, err := openRoadGraph(cmd.Context(), g, f, cmd.ErrOrStderr())
			if err != nil {
				return fmt.Errorf("graph export: %w", err)
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return fmt.Errorf("graph export: %w", err)
			}
			if err := writeGraphFile(filepath.Join(out, "nodes.csv"), func(w io.Writer) error { return writeNodesCSV(w, s, rg) }); err != nil {
				return fmt.Errorf("graph export: %w", err)
			}
			if err := writeGraphFile(filepath.Join(out, "edges.csv"), func(w io.Writer) error { return writeEdgesCSV(w, rg) }); err != nil {
				return fmt.Errorf("graph export: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d nodes (%d road nodes), %d edges (%d road edges)\n",
				out, rg.NumVertices(), rg.NumNodes(), rg.NumArcs(), rg.NumEdges())
			return nil
		},
	}
	addGraphFlags(cmd, &f)
	cmd.Flags().StringVar(&out, "out", "", "directory to write edges.csv and nodes.csv to")
	return cmd
}

// writeGraphFile creates path and writes it through a buffer with fn.
func writeGraphFile(path string, fn func(io.Writer) error) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(fh, 1<<16)
	if err := fn(bw); err != nil {
		fh.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// writeNodesCSV writes id,lon,lat for every routing vertex (7 decimals:
// about 1 cm).
func writeNodesCSV(w io.Writer, s *engine.Snapshot, rg *dispatch.Graph) error {
	if _, err := io.WriteString(w, "id,lon,lat\n"); err != nil {
		return err
	}
	var buf []byte
	for v := range rg.NumVertices() {
		_, p := rg.Node(rg.VertexNode(v))
		ll, err := s.ToLonLat(p)
		if err != nil {
			return err
		}
		buf = strconv.AppendInt(buf[:0], int64(v), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, ll[0], 'f', 7, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, ll[1], 'f', 7, 64)
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// writeEdgesCSV writes id,source,target,cost_s,length_m for every arc of
// the routing graph: road edges with their edge index as id, then the turn
// arcs of expanded junctions numbered on from NumEdges.
func writeEdgesCSV(w io.Writer, rg *dispatch.Graph) error {
	if _, err := io.WriteString(w, "id,source,target,cost_s,length_m\n"); err != nil {
		return err
	}
	var (
		buf  []byte
		werr error
	)
	turn := rg.NumEdges()
	rg.Arcs(func(_ int, a dispatch.Arc) bool {
		id := a.Edge
		if id < 0 {
			id = turn
			turn++
		}
		buf = strconv.AppendInt(buf[:0], int64(id), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(a.Tail), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(a.Head), 10)
		buf = append(buf, ',')
		buf = appendMillis(buf, a.CostMs)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, a.LengthM, 'f', 3, 64)
		buf = append(buf, '\n')
		_, werr = w.Write(buf)
		return werr == nil
	})
	return werr
}

// appendMillis appends a cost in whole milliseconds as exact decimal
// seconds ("12.345"), or -1 for a closed edge (ms < 0).
func appendMillis(buf []byte, ms int64) []byte {
	if ms < 0 {
		return append(buf, "-1"...)
	}
	buf = strconv.AppendInt(buf, ms/1000, 10)
	frac := ms % 1000
	return append(buf, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}

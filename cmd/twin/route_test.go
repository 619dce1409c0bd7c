package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"twin/sim/dispatch"
)

// runTwin runs the twin command line with args and returns its stdout.
func runTwin(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetArgs(append([]string{"-q"}, args...))
	err := cmd.Execute()
	return out.String(), err
}

// readCSV reads a CSV file with a header line.
func readCSV(t *testing.T, name string, header string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != header {
		t.Fatalf("%s: header %v, want %s", name, rows[:min(1, len(rows))], header)
	}
	return rows[1:]
}

// exportedGraph reads edges.csv into gonum's graph, weights in whole
// milliseconds (parsed from the decimal text, so exact), keeping the
// cheapest of parallel arcs.
func exportedGraph(t *testing.T, dir string, nodes int) *simple.WeightedDirectedGraph {
	t.Helper()
	gg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	for v := range nodes {
		gg.AddNode(simple.Node(v))
	}
	for _, r := range readCSV(t, filepath.Join(dir, "edges.csv"), "id,source,target,cost_s,length_m") {
		s, _ := strconv.Atoi(r[1])
		d, _ := strconv.Atoi(r[2])
		sec, frac, ok := strings.Cut(r[3], ".")
		ms, err := strconv.Atoi(sec + frac)
		if !ok || len(frac) != 3 || err != nil || ms < 0 {
			t.Fatalf("edges.csv row %v: cost %q is not whole milliseconds", r, r[3])
		}
		if s == d {
			continue
		}
		w := float64(ms)
		if e := gg.WeightedEdge(int64(s), int64(d)); e != nil {
			w = min(w, e.Weight())
		}
		gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(s), simple.Node(d), w))
	}
	return gg
}

// TestRoutePairsMatchGonumOnExport is the quick form of the pgRouting
// comparison (scripts/bench-dispatch.sh): export the sample city's graph,
// answer random pairs with `twin route --pairs`, and compare with gonum's
// Dijkstra run on the exported CSV graph. The costs must be identical to
// the millisecond, unreachable pairs must agree.
func TestRoutePairsMatchGonumOnExport(t *testing.T) {
	dir := t.TempDir()
	if _, err := runTwin(t, "graph", "export", "--out", dir); err != nil {
		t.Fatal(err)
	}
	nodes := readCSV(t, filepath.Join(dir, "nodes.csv"), "id,lon,lat")
	for i, r := range nodes {
		if r[0] != strconv.Itoa(i) {
			t.Fatalf("nodes.csv row %d has id %s", i, r[0])
		}
	}
	gg := exportedGraph(t, dir, len(nodes))
	rng := rand.New(rand.NewPCG(7, 7))
	var pairs strings.Builder
	pairs.WriteString("source,target\n")
	type pair struct{ s, t int }
	var want []pair
	for range 300 {
		p := pair{rng.IntN(len(nodes)), rng.IntN(len(nodes))}
		want = append(want, p)
		fmt.Fprintf(&pairs, "%d,%d\n", p.s, p.t)
	}
	pf := filepath.Join(dir, "pairs.csv")
	writeFile(t, pf, pairs.String())
	for _, engine := range [][]string{nil, {"--dijkstra"}} {
		out, err := runTwin(t, append([]string{"route", "--pairs", pf}, engine...)...)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(strings.NewReader(out))
		i, unreachable := 0, 0
		for sc.Scan() {
			var got struct {
				Source, Target int
				CostS          *float64 `json:"cost_s"`
				Unreachable    bool
			}
			if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			p := want[i]
			ref := path.DijkstraFrom(simple.Node(p.s), gg).WeightTo(int64(p.t))
			switch {
			case got.Source != p.s || got.Target != p.t:
				t.Fatalf("line %d: pair %d,%d, want %d,%d", i+1, got.Source, got.Target, p.s, p.t)
			case math.IsInf(ref, 1):
				unreachable++
				if !got.Unreachable || got.CostS != nil {
					t.Fatalf("%v %d → %d: %s; gonum: unreachable", engine, p.s, p.t, sc.Text())
				}
			case got.CostS == nil || math.Round(*got.CostS*1000) != ref:
				t.Fatalf("%v %d → %d: %s; gonum %v ms", engine, p.s, p.t, sc.Text(), ref)
			}
			i++
		}
		if i != len(want) {
			t.Fatalf("%d answers for %d pairs", i, len(want))
		}
		t.Logf("%v: %d pairs, %d unreachable", engine, i, unreachable)
	}
}

func TestRouteErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, bad, "source,target\n0,1\n\n3,99999999\n")
	junk := filepath.Join(dir, "junk.csv")
	writeFile(t, junk, "0,1\nx,y\n")
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"unknown id", []string{"route", "--pairs", bad}, "bad.csv:4: unknown node id 99999999"},
		{"not ids", []string{"route", "--pairs", junk}, "junk.csv:2:"},
		{"far from roads", []string{"route", "--from", "7.30,43.70", "--to", "7.42,43.735"}, "too far from any road"},
		{"bad lon/lat", []string{"route", "--from", "7.4", "--to", "7.42,43.735"}, "want lon,lat"},
		{"no mode", []string{"route", "--from", "7.42,43.735"}, "exactly one of"},
		{"export without out", []string{"graph", "export"}, "--out DIR is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runTwin(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestRouteOutputsDeterministic runs the export, a pairs batch and an
// isochrone twice each: the outputs must be byte-identical.
func TestRouteOutputsDeterministic(t *testing.T) {
	dir := t.TempDir()
	pf := filepath.Join(dir, "pairs.csv")
	writeFile(t, pf, "source,target\n0,500\n17,3\n900,44\n")
	var prev [4]string
	for run := range 2 {
		out := filepath.Join(dir, strconv.Itoa(run))
		if _, err := runTwin(t, "graph", "export", "--out", out); err != nil {
			t.Fatal(err)
		}
		var got [4]string
		for i, name := range []string{"edges.csv", "nodes.csv"} {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			got[i] = string(b)
		}
		var err error
		if got[2], err = runTwin(t, "route", "--pairs", pf); err != nil {
			t.Fatal(err)
		}
		if got[3], err = runTwin(t, "route", "--from", "7.42,43.735", "--isochrone", "2,4"); err != nil {
			t.Fatal(err)
		}
		if run == 1 && got != prev {
			t.Fatal("outputs differ between two runs")
		}
		prev = got
	}
	if !strings.Contains(prev[3], `"MultiPolygon"`) || !strings.Contains(prev[3], `"minutes":4`) {
		t.Fatalf("isochrone output: %.300s", prev[3])
	}
}

// TestRouteFromToMatchesLibrary runs `twin route --from --to --json` on
// the sample city for seeded pairs of road-node positions, one reachable
// and one not, and checks the answer against dispatch.Graph.Route on the
// same graph (itself tested against gonum): the cost to the millisecond,
// the length to the millimetre, the GeoJSON line's ends at the snapped
// points, and "unreachable": true when Route says so.
func TestRouteFromToMatchesLibrary(t *testing.T) {
	s, rg, err := openRoadGraph(context.Background(), &globalFlags{quiet: true}, graphFlags{}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	var reach, unreach bool
	for try := 0; try < 2000 && !(reach && unreach); try++ {
		_, a := rg.Node(rng.IntN(rg.NumNodes()))
		_, b := rg.Node(rng.IntN(rg.NumNodes()))
		sa, err1 := rg.Snap(a, 250)
		sb, err2 := rg.Snap(b, 250)
		if err1 != nil || err2 != nil {
			continue
		}
		p, err := rg.Route(sa, sb)
		if errors.Is(err, dispatch.ErrUnreachable) && unreach || err == nil && reach {
			continue
		}
		lla, _ := s.ToLonLat(a)
		llb, _ := s.ToLonLat(b)
		out, cerr := runTwin(t, "route", "--json", "--from", fmt.Sprintf("%.9f,%.9f", lla[0], lla[1]), "--to", fmt.Sprintf("%.9f,%.9f", llb[0], llb[1]))
		if cerr != nil {
			t.Fatal(cerr)
		}
		var got struct {
			CostS       *float64 `json:"cost_s"`
			LengthM     *float64 `json:"length_m"`
			Unreachable bool
			Route       *struct {
				Type        string
				Coordinates [][2]float64
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if err != nil {
			unreach = true
			if !got.Unreachable || got.CostS != nil || got.Route != nil {
				t.Fatalf("library: %v; CLI: %s", err, out)
			}
			continue
		}
		reach = true
		if got.CostS == nil || math.Abs(*got.CostS-p.CostS) > 5e-4 || math.Abs(*got.LengthM-p.LengthM) > 5e-4 {
			t.Fatalf("library %.3f s, %.3f m; CLI: %s", p.CostS, p.LengthM, out)
		}
		c := got.Route.Coordinates
		if got.Route.Type != "LineString" || len(c) != len(p.Line) {
			t.Fatalf("route %s of %d points, library %d", got.Route.Type, len(c), len(p.Line))
		}
		for _, end := range [][2]orb.Point{{orb.Point(c[0]), sa.Point}, {orb.Point(c[len(c)-1]), sb.Point}} {
			q, _ := s.FromLonLat(end[0][0], end[0][1])
			if d := math.Hypot(q[0]-end[1][0], q[1]-end[1][1]); d > 0.05 {
				t.Fatalf("route end %.2f m from the snapped point", d)
			}
		}
	}
	if !reach || !unreach {
		t.Fatalf("found reachable %v, unreachable %v pairs", reach, unreach)
	}
}

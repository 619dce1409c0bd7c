package sewergen

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/swmm"
)

// gridStreets returns an n×n grid of two-way streets spaced d metres apart.
func gridStreets(n int, d float64) []*geo.RoadLink {
	var links []*geo.RoadLink
	id := func(i, j int) string { return fmt.Sprintf("n%d_%d", i, j) }
	add := func(way int64, a, b string, pa, pb orb.Point) {
		links = append(links,
			&geo.RoadLink{ID: fmt.Sprintf("w%d.0", way), WayID: way, From: a, To: b, Line: orb.LineString{pa, pb}},
			&geo.RoadLink{ID: fmt.Sprintf("w%d.0r", way), WayID: way, From: b, To: a, Line: orb.LineString{pb, pa}})
	}
	way := int64(1)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p := orb.Point{float64(i) * d, float64(j) * d}
			if i+1 < n {
				add(way, id(i, j), id(i+1, j), p, orb.Point{p[0] + d, p[1]})
				way++
			}
			if j+1 < n {
				add(way, id(i, j), id(i, j+1), p, orb.Point{p[0], p[1] + d})
				way++
			}
		}
	}
	return links
}

// tilted is a plane falling 2 % to the east and 1 % to the north, with a
// 3 m dip in the middle so that some streets run against the slope.
func tilted(p orb.Point) (float64, bool) {
	dip := 3 * math.Exp(-((p[0]-450)*(p[0]-450)+(p[1]-450)*(p[1]-450))/(2*120*120))
	return 50 - 0.02*p[0] - 0.01*p[1] - dip, true
}

func generateGrid(t *testing.T) (*swmm.Model, Report) {
	t.Helper()
	m, rep, err := Generate(Input{Links: gridStreets(10, 100), Height: tilted}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	return m, rep
}

func TestFullCapacityManning(t *testing.T) {
	// Manning, circular pipe flowing full: D = 1 m, n = 0.013, S = 0.01:
	// A = π/4 = 0.785398 m², R = 0.25 m, R^(2/3) = 0.396850,
	// Q = 0.785398 × 0.396850 × 0.1 / 0.013 = 2.39763 m³/s (by hand).
	if got := FullCapacity(1, 0.013, 0.01); math.Abs(got-2.39763) > 1e-4 {
		t.Errorf("FullCapacity = %.5f, want 2.39763", got)
	}
}

// TestGridNetworkInvariants checks what makes a drainage network plausible:
// one tree draining to the outfall, pipes that fall at least the minimum
// slope under the minimum cover, sizes that never shrink downstream and
// carry the rational-method design flow.
func TestGridNetworkInvariants(t *testing.T) {
	m, rep := generateGrid(t)
	c := Config{}.withDefaults()
	// 10×10 junctions plus one mid-street manhole on each of the 180 streets
	// (100 m > 80 m spacing).
	if rep.Manholes != 100+180 {
		t.Errorf("manholes = %d, want 280", rep.Manholes)
	}
	if rep.Outfalls != 1 || len(m.Outfalls) != 1 || m.Outfalls[0].Name != "Jn9_9" {
		t.Fatalf("outfalls = %+v, want the lowest corner Jn9_9", m.Outfalls)
	}
	if rep.Pipes != rep.Manholes-rep.Outfalls {
		t.Errorf("pipes = %d, want one per non-outfall manhole (%d)", rep.Pipes, rep.Manholes-1)
	}
	invert, ground := map[string]float64{}, map[string]float64{}
	for _, j := range m.Junctions {
		invert[j.Name], ground[j.Name] = j.Elevation, j.Elevation+j.MaxDepth
	}
	for _, o := range m.Outfalls {
		invert[o.Name] = o.Elevation
		ground[o.Name], _ = tilted(orb.Point{900, 900})
	}
	diam := map[string]float64{}
	for _, x := range m.XSections {
		diam[x.Link] = x.Geom[0]
	}
	down := map[string]swmm.Conduit{}
	for _, p := range m.Conduits {
		down[p.From] = p
	}
	for _, p := range m.Conduits {
		up := invert[p.From] + p.InOffset
		dn := invert[p.To] + p.OutOffset
		d := diam[p.Name]
		if fall := up - dn; fall < c.minSlope(d)*p.Length-2e-3 {
			t.Errorf("%s falls %.3f m over %.1f m, below %.3f", p.Name, fall, p.Length, c.minSlope(d)*p.Length)
		}
		if cover := ground[p.From] - (up + d); cover < c.MinCover-1e-9 {
			t.Errorf("%s: cover %.3f m upstream", p.Name, cover)
		}
		if cover := ground[p.To] - (dn + d); cover < c.MinCover-2e-3 {
			t.Errorf("%s: cover %.3f m downstream", p.Name, cover)
		}
		if next, ok := down[p.To]; ok && diam[next.Name] < d {
			t.Errorf("%s (%.3f m) flows into smaller %s (%.3f m)", p.Name, d, next.Name, diam[next.Name])
		}
		// follow the tree to the outfall
		at, steps := p.From, 0
		for ; steps < len(m.Conduits)+1; steps++ {
			q, ok := down[at]
			if !ok {
				break
			}
			at = q.To
		}
		if at != "Jn9_9" {
			t.Fatalf("%s drains to %s, not the outfall", p.From, at)
		}
	}
	// All the drained area reaches the outfall: between the street grid
	// (900 m × 900 m) and the grid padded by the catchment radius.
	if rep.Area < 900*900 || rep.Area > 1020*1020 {
		t.Errorf("area %.0f m², want between 900² and 1020²", rep.Area)
	}
	// The last pipe carries the whole area: check its capacity against the
	// rational method by hand.
	last := down["Jn9_8"]
	if last.Name == "" {
		last = down["Jn8_9"]
	}
	q := c.RunoffCoeff * c.DesignIntensity / 3.6e6 * rep.Area
	t.Logf("%s; outlet design flow %.2f m³/s", rep, q)
	if rep.MaxDiameter < 0.6 || rep.MaxDiameter > 3 {
		t.Errorf("largest pipe %.2f m for %.2f m³/s: implausible", rep.MaxDiameter, q)
	}
}

func TestCapacityCarriesDesignFlow(t *testing.T) {
	nw, err := derive(Input{Links: gridStreets(8, 100), Height: tilted}, Config{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	c := Config{}.withDefaults()
	checked := 0
	for u := range nw.g.nodes {
		v := nw.downNode(u)
		if v < 0 || !nw.keep[u] {
			continue
		}
		e := nw.g.edges[nw.down[u]]
		s := math.Max(c.minSlope(nw.diam[u]), (nw.g.nodes[u].ground-nw.g.nodes[v].ground)/e.length)
		if nw.diam[u] < c.Sizes[len(c.Sizes)-1] && FullCapacity(nw.diam[u], c.Roughness, s) < nw.flowNode[u] {
			t.Errorf("pipe from %s: capacity below design flow %.3f", nw.g.nodes[u].id, nw.flowNode[u])
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no pipe checked")
	}
}

func TestDeterministic(t *testing.T) {
	var out [2]bytes.Buffer
	for i := range out {
		m, _ := generateGrid(t)
		if err := swmm.Encode(&out[i], m); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two generations of the same input differ")
	}
}

func TestRoundTripThroughDecoder(t *testing.T) {
	m, rep := generateGrid(t)
	var buf bytes.Buffer
	if err := swmm.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := swmm.Decode(&buf, "generated.inp", swmm.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Junctions)+len(back.Outfalls) != rep.Manholes || len(back.Conduits) != rep.Pipes {
		t.Errorf("decoded %d nodes, %d conduits; generated %d, %d", len(back.Junctions)+len(back.Outfalls), len(back.Conduits), rep.Manholes, rep.Pipes)
	}
}

func TestNoNetwork(t *testing.T) {
	_, _, err := Generate(Input{Links: gridStreets(3, 100), Height: func(orb.Point) (float64, bool) { return 0, false }}, Config{})
	if err != ErrNoNetwork {
		t.Fatalf("got %v, want ErrNoNetwork", err)
	}
	if _, _, err := Generate(Input{}, Config{MinSlope: -1}); err == nil {
		t.Fatal("negative MinSlope accepted")
	}
}

// TestPumpingStations forces shallow gravity limits: every manhole deeper
// than MaxDepth becomes a wet well whose pump lifts into a shallow junction,
// so no junction is deeper than MaxDepth and every node still drains to the
// outfall.
func TestPumpingStations(t *testing.T) {
	const maxDepth = 2.5
	m, rep, err := Generate(Input{Links: gridStreets(10, 100), Height: tilted}, Config{MaxDepth: maxDepth})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pumps == 0 || len(m.Pumps) != rep.Pumps || len(m.Storage) != rep.Pumps {
		t.Fatalf("pumps %d, model pumps %d, wet wells %d: want equal and > 0", rep.Pumps, len(m.Pumps), len(m.Storage))
	}
	// A junction may be deeper than MaxDepth only by what the cover over
	// its own drain pipe needs (MinCover + diameter).
	outD := map[string]float64{}
	for _, x := range m.XSections {
		for _, p := range m.Conduits {
			if p.Name == x.Link {
				outD[p.From] = x.Geom[0]
			}
		}
	}
	for _, j := range m.Junctions {
		if allowed := math.Max(maxDepth, 1.2+outD[j.Name]); j.MaxDepth > allowed+1e-9 {
			t.Errorf("junction %s is %.2f m deep, above %.2f", j.Name, j.MaxDepth, allowed)
		}
	}
	next := map[string]string{}
	for _, p := range m.Conduits {
		next[p.From] = p.To
	}
	for _, p := range m.Pumps {
		next[p.From] = p.To
	}
	for from := range next {
		at := from
		for i := 0; i < 2*len(next) && next[at] != ""; i++ {
			at = next[at]
		}
		if at != m.Outfalls[0].Name {
			t.Fatalf("%s drains to %s, not the outfall", from, at)
		}
	}
	var buf bytes.Buffer
	if err := swmm.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := swmm.Decode(&buf, "lifted.inp", swmm.Options{Strict: true})
	if err != nil {
		t.Fatalf("decoder rejects the generated model: %v", err)
	}
	if len(back.Pumps) != rep.Pumps || len(back.Warnings) != 0 {
		t.Errorf("decoded %d pumps with warnings %v", len(back.Pumps), back.Warnings)
	}
}

// TestDesignStormDepth: the gauge's series holds one hour at the design
// intensity as SWMM reads INTENSITY gauges (each reading lasts one
// recording interval): 60 mm/h for 1 h is 60 mm.
func TestDesignStormDepth(t *testing.T) {
	m, _ := generateGrid(t)
	ts := m.TimeSeries[0]
	interval := m.RainGages[0].Interval
	depth := 0.0
	for _, v := range ts.Values {
		depth += v * interval / 3600
	}
	if math.Abs(depth-60) > 1e-9 {
		t.Errorf("storm depth %.3f mm, want 60 (60 mm/h for one hour)", depth)
	}
}

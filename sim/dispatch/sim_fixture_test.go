package dispatch

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"twin/assets"
	"twin/geo"
	"twin/geo/osm"
	"twin/geo/proj"
)

// town is a road graph with its buildings as demand, in a metric CRS.
type town struct {
	links []*geo.RoadLink
	rs    []*geo.TurnRestriction
	bs    []*geo.Building
	g     *Graph
	d     *Demand
	fn    geo.PointFunc
}

var (
	townOnce sync.Once
	townVal  *town
	townErr  error
)

// decodeTown reads an OSM file and projects links, restrictions and
// buildings to the UTM zone of its first link.
func decodeTown(r io.Reader, name string) (*town, error) {
	ds, err := osm.Decode(context.Background(), r, name, osm.Options{})
	if err != nil {
		return nil, err
	}
	tw := &town{}
	for _, f := range ds.Layers[geo.LayerLinks] {
		l := f.(*geo.RoadLink)
		if tw.fn == nil {
			wgs, _ := proj.EPSG(4326)
			tw.fn = proj.Transformer(wgs, proj.ForLonLat(l.Line[0][0], l.Line[0][1]))
		}
		tw.links = append(tw.links, geo.Transform(l, tw.fn).(*geo.RoadLink))
	}
	for _, f := range ds.Layers[geo.LayerRestrictions] {
		tw.rs = append(tw.rs, geo.Transform(f, tw.fn).(*geo.TurnRestriction))
	}
	for _, f := range ds.Layers[geo.LayerBuildings] {
		tw.bs = append(tw.bs, geo.Transform(f, tw.fn).(*geo.Building))
	}
	if tw.g, err = NewGraph(tw.links, tw.rs, GraphOptions{}); err != nil {
		return nil, err
	}
	if tw.d, err = NewDemand(tw.g, tw.bs, DemandOptions{}); err != nil {
		return nil, err
	}
	return tw, nil
}

// monaco is the embedded sample city with its CCH graph and demand. The
// graph is shared: tests that change its costs must restore them.
func monaco(t testing.TB) *town {
	t.Helper()
	townOnce.Do(func() {
		f, err := assets.City().Open("monaco.osm.pbf")
		if err != nil {
			townErr = err
			return
		}
		defer f.Close()
		townVal, townErr = decodeTown(f, "monaco.osm.pbf")
	})
	if townErr != nil {
		t.Fatal(townErr)
	}
	return townVal
}

// monacoStations places test stations at fixed demand points of the
// sample city, one per type in turn.
func monacoStations(t testing.TB, tw *town, n int) []Station {
	t.Helper()
	types := []UnitType{UnitEngine, UnitAmbulance, UnitPolice}
	var st []Station
	for i := range n {
		k := (i*7919 + 13) % tw.d.Len()
		st = append(st, Station{ID: tw.d.IDs[k], Type: types[i%3], Point: tw.d.Points[k]})
	}
	return st
}

// line is a straight two-way street along the x axis: nodes n0 … nK at
// x = 0, 100, …, 100K metres, every 100 m block a way of its own (way
// i+1 from n_i to n_i+1) at 10 m/s with the car profile, so a block
// takes exactly 10 s and a point x metres along is x/10 s from n0.
func line(t testing.TB, blocks int) *Graph {
	t.Helper()
	var links []*geo.RoadLink
	for i := range blocks {
		a, b := orb.Point{float64(i) * 100, 0}, orb.Point{float64(i+1) * 100, 0}
		na, nb := fmt.Sprintf("n%d", i), fmt.Sprintf("n%d", i+1)
		id := fmt.Sprintf("w%d.0", i+1)
		mk := func(idn, from, to string, l orb.LineString) *geo.RoadLink {
			return &geo.RoadLink{ID: idn, WayID: int64(i + 1), From: from, To: to, Line: l, Lanes: 1,
				MaxSpeed: 10, SpeedSource: "tag", Class: "residential", Length: 100}
		}
		links = append(links, mk(id, na, nb, orb.LineString{a, b}), mk(id+"r", nb, na, orb.LineString{b, a}))
	}
	g, err := NewGraph(links, nil, GraphOptions{Profile: CarProfile()})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// at snaps the point x metres along the line.
func at(t testing.TB, g *Graph, x float64) Snap {
	t.Helper()
	s, err := g.Snap(orb.Point{x, 0}, 1)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// lineDemand places demand points at the given x with weights.
func lineDemand(t testing.TB, g *Graph, xs, ws []float64) *Demand {
	t.Helper()
	var ids []string
	var snaps []Snap
	for _, x := range xs {
		ids = append(ids, fmt.Sprintf("x%.0f", x))
		snaps = append(snaps, at(t, g, x))
	}
	d, err := NewDemandPoints(g, ids, snaps, ws)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

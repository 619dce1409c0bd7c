package dispatch

import (
	"context"
	"io"
	"sync"
	"testing"

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

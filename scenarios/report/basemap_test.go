package report

import (
	"context"
	"math"
	"testing"

	"twin/geo"
	"twin/internal/samplecity"
)

// TestSnapshotBasemap gathers the basemap of the embedded sample city
// (Monaco: OSM roads and buildings, SRTM terrain): every road link, the
// buildings, and terrain that puts the south-east corner of the links'
// extent in the sea and the north-west corner on land (the coast of
// Monaco runs south-west to north-east with the Mediterranean to the
// south-east).
func TestSnapshotBasemap(t *testing.T) {
	if SnapshotBasemap(nil) != nil {
		t.Error("nil snapshot: want a nil basemap")
	}
	w, err := samplecity.World(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	b := SnapshotBasemap(s)
	if n := s.Layer("links").Len(); len(b.Links) != n || n == 0 {
		t.Errorf("%d links, want the layer's %d", len(b.Links), n)
	}
	if n := s.Layer("buildings").Len(); len(b.Buildings) < n || n == 0 {
		t.Errorf("%d building rings, want at least the layer's %d", len(b.Buildings), n)
	}
	lb, _ := s.Layer("links").Bounds()
	const cell = 25.0
	g := &geo.Grid{Cols: int(math.Ceil((lb.Max[0] - lb.Min[0]) / cell)), Rows: int(math.Ceil((lb.Max[1] - lb.Min[1]) / cell)), X0: lb.Min[0], Y0: lb.Max[1], DX: cell, DY: cell}
	g.Data = make([]float32, g.Cols*g.Rows)
	l := newMapLayers(g, b)
	if l.dem == nil {
		t.Fatal("no terrain in the sample city's basemap")
	}
	se, nw := (g.Rows-1)*g.Cols+g.Cols-1, 0
	if !l.isSea(se) || l.isSea(nw) {
		t.Errorf("south-east corner sea %v (z %g), north-west corner sea %v (z %g); want true, false", l.isSea(se), l.dem.Data[se], l.isSea(nw), l.dem.Data[nw])
	}
	if got := l.base(se); got != seaColor {
		t.Errorf("sea cell drawn %v, want %v", got, seaColor)
	}
}

package scene

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// TestTerrainPlane: a DEM of the plane z = 5 + 0.1·x (x metres east of
// the grid's west edge) gives vertices on that plane and the analytic normal
// (−0.1, 0, 1)/√1.01 in the interior.
func TestTerrainPlane(t *testing.T) {
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	const cols, rows, dx = 20, 10, 10.0
	g := &geo.Grid{Cols: cols, Rows: rows, X0: 500000, Y0: 5000100, DX: dx, DY: dx, CRS: "EPSG:32632", Data: make([]float32, cols*rows)}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			g.Data[r*cols+c] = float32(5 + 0.1*(float64(c)+0.5)*dx)
		}
	}
	ds := &geo.Dataset{Name: "dem", Format: "dem", CRS: "EPSG:32632", Grids: []*geo.Grid{g}}
	ds.Add(geo.LayerRoads, &geo.Road{ID: "r", Line: orb.LineString{{500050, 5000050}, {500150, 5000050}}, Lanes: 3, MaxSpeed: 10})
	if _, err := w.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	s, _ := Build(w.Snapshot(), Options{})
	var terr *render.Mesh
	for _, it := range s.list.Items {
		if it.Layer == render.LayerTerrain {
			terr = it.Mesh
		}
	}
	if terr == nil {
		t.Fatal("no terrain item")
	}
	want := [3]float64{-0.1 / math.Sqrt(1.01), 0, 1 / math.Sqrt(1.01)}
	checked := 0
	for v := 0; v < terr.VertexCount(); v++ {
		p := terr.Position(v)
		x := float64(p[0]) + s.origin[0]
		// Bilinear interpolation is exact on a plane between the first and
		// last cell centres (x in [5, 195] m from the edge).
		if x-500000 < 15 || x-500000 > 185 {
			continue
		}
		y := float64(p[1]) + s.origin[1]
		if y-5000000 < 15 || y-5000000 > 85 {
			continue
		}
		if z := float64(p[2]) + s.origin[2]; math.Abs(z-(5+0.1*(x-500000))) > 1e-3 {
			t.Fatalf("vertex %d z %g, plane %g", v, z, 5+0.1*(x-500000))
		}
		n := terr.Vertices[v*render.VertexFloats+render.OffNormal:]
		for k := 0; k < 3; k++ {
			if math.Abs(float64(n[k])-want[k]) > 1e-5 {
				t.Fatalf("vertex %d normal %v, want %v", v, n[:3], want)
			}
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d interior vertices checked", checked)
	}
	// The 3-lane road ribbon is 3 × 3.5 m wide and floats roadLift over
	// the plane: at x = 50 m the terrain is 10 m.
	_, r, _ := s.RoadRange("r")
	m := s.list.Items[s.roads.item].Mesh
	a, d := m.Position(r.First), m.Position(r.First+3)
	if wd := math.Hypot(float64(a[0]-d[0]), float64(a[1]-d[1])); math.Abs(wd-10.5) > 1e-4 {
		t.Errorf("ribbon width %g m, want 10.5", wd)
	}
	if z := float64(a[2]) + s.origin[2]; math.Abs(z-(10+roadLift)) > 1e-3 {
		t.Errorf("ribbon z %g, want %g", z, 10+roadLift)
	}
}

// TestPipesXRay: the sample city's sewer is drawn as lines at invert plus
// half the diameter (the .inp's own values), hidden until x-ray mode, which
// also makes the terrain translucent.
func TestPipesXRay(t *testing.T) {
	snap := sampleSnapshot(t)
	s, _ := Build(snap, Options{})
	var pipes, terr *render.DrawItem
	for i := range s.list.Items {
		switch s.list.Items[i].Layer {
		case render.LayerPipes:
			pipes = &s.list.Items[i]
		case render.LayerTerrain:
			terr = &s.list.Items[i]
		}
	}
	if pipes == nil || terr == nil || pipes.Visible || terr.Material.IsTranslucent() {
		t.Fatal("want hidden pipes and opaque terrain in normal mode")
	}
	var first *geo.Pipe
	snap.Layer(geo.LayerPipes).Ascend("", func(f geo.Feature) bool {
		first, _ = f.(*geo.Pipe)
		return first == nil || len(first.Line) < 2
	})
	z := float64(pipes.Mesh.Position(0)[2]) + s.origin[2]
	if want := first.InvertFrom + first.Diameter/2; math.Abs(z-want) > 1e-3 {
		t.Errorf("pipe %s starts at z %g, want invert+D/2 = %g", first.ID, z, want)
	}
	if pipes.Mesh.Prim != render.Lines || len(pipes.Mesh.Indices)%2 != 0 {
		t.Error("pipes are not a line list")
	}
	s.SetMode(ModeXRay)
	if !pipes.Visible || !terr.Material.IsTranslucent() {
		t.Error("x-ray mode: want visible pipes and translucent terrain")
	}
}

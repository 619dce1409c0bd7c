package scene

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

func TestExtrudeCounts(t *testing.T) {
	tests := []struct {
		name        string
		fp          orb.Polygon
		verts, tris int
	}{
		// n wall vertices ×4 and ×2 triangles; roof n vertices and n+2h−2 triangles.
		{"rectangle", orb.Polygon{rect(0, 0, 10, 5)}, 4*4 + 4, 2*4 + 2},
		{"rectangle clockwise", orb.Polygon{{{0, 0}, {0, 5}, {10, 5}, {10, 0}, {0, 0}}}, 20, 10},
		{"courtyard", orb.Polygon{rect(0, 0, 30, 30), rect(10, 10, 20, 20)}, 4*8 + 8, 2*8 + 8},
		{"L shape", orb.Polygon{{{0, 0}, {20, 0}, {20, 5}, {5, 5}, {5, 20}, {0, 20}, {0, 0}}}, 4*6 + 6, 2*6 + 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mb := &meshBuilder{m: &render.Mesh{}}
			mb.extrude(orb.MultiPolygon{tc.fp}, 2, 12, BuildingColor)
			mb.finish()
			if got := mb.m.VertexCount(); got != tc.verts {
				t.Errorf("%d vertices, want %d", got, tc.verts)
			}
			if got := mb.m.TriangleCount(); got != tc.tris {
				t.Errorf("%d triangles, want %d", got, tc.tris)
			}
			checkOutward(t, mb.m, tc.fp)
		})
	}
}

// checkOutward asserts every triangle's winding agrees with its vertex
// normal and every wall normal points away from the footprint: a point
// 1 cm along it from the wall's middle is outside the polygon.
func checkOutward(t *testing.T, m *render.Mesh, fp orb.Polygon) {
	t.Helper()
	var xy []float64
	var holes []int
	for k, r := range fp {
		if k > 0 {
			holes = append(holes, len(xy)/2)
		}
		for _, p := range ringPoints(r) {
			xy = append(xy, p[0], p[1])
		}
	}
	for k := 0; k < len(m.Indices); k += 3 {
		a, b, c := m.Position(int(m.Indices[k])), m.Position(int(m.Indices[k+1])), m.Position(int(m.Indices[k+2]))
		n := m.Vertices[int(m.Indices[k])*render.VertexFloats+render.OffNormal:]
		g := func(p [3]float32) geo.Point3 { return geo.Point3{float64(p[0]), float64(p[1]), float64(p[2])} }
		if facing(g(a), g(b), g(c), float64(n[0]), float64(n[1]), float64(n[2])) <= 0 {
			t.Fatalf("triangle %d winds against its normal %v", k/3, n[:3])
		}
		if n[2] == 0 {
			mx := (float64(a[0])+float64(b[0]))/2 + 0.01*float64(n[0])
			my := (float64(a[1])+float64(b[1]))/2 + 0.01*float64(n[1])
			if insidePolygon(xy, holes, mx, my) {
				t.Fatalf("wall triangle %d normal %v points inside", k/3, n[:3])
			}
		}
	}
}

// TestSurfacesLoD2: a unit cube given as six CityJSON surfaces gives 12
// triangles, two of them roof, with outward normals.
func TestSurfacesLoD2(t *testing.T) {
	q := func(a, b, c, d geo.Point3) [][]geo.Point3 { return [][]geo.Point3{{a, b, c, d}} }
	p := func(x, y, z float64) geo.Point3 { return geo.Point3{x, y, z} }
	ss := []geo.Surface{
		{Type: "GroundSurface", Rings: q(p(0, 0, 0), p(0, 1, 0), p(1, 1, 0), p(1, 0, 0))},
		{Type: "RoofSurface", Rings: q(p(0, 0, 1), p(1, 0, 1), p(1, 1, 1), p(0, 1, 1))},
		{Type: "WallSurface", Rings: q(p(0, 0, 0), p(1, 0, 0), p(1, 0, 1), p(0, 0, 1))},
		{Type: "WallSurface", Rings: q(p(1, 0, 0), p(1, 1, 0), p(1, 1, 1), p(1, 0, 1))},
		{Type: "WallSurface", Rings: q(p(1, 1, 0), p(0, 1, 0), p(0, 1, 1), p(1, 1, 1))},
		{Type: "WallSurface", Rings: q(p(0, 1, 0), p(0, 0, 0), p(0, 0, 1), p(0, 1, 1))},
	}
	mb := &meshBuilder{m: &render.Mesh{}}
	if !mb.surfaces(ss, BuildingColor) {
		t.Fatal("no surface emitted")
	}
	roof := mb.finish()
	if mb.m.TriangleCount() != 12 || roof != 6 {
		t.Fatalf("%d triangles (%d roof indices), want 12 (6)", mb.m.TriangleCount(), roof)
	}
	for k := 0; k < len(mb.m.Indices); k += 3 {
		v := int(mb.m.Indices[k])
		n := mb.m.Vertices[v*render.VertexFloats+render.OffNormal:]
		pos := mb.m.Position(v)
		// Outward: the normal points away from the cube centre (0.5, 0.5, 0.5).
		d := (float64(pos[0])-0.5)*float64(n[0]) + (float64(pos[1])-0.5)*float64(n[1]) + (float64(pos[2])-0.5)*float64(n[2])
		if d <= 0 {
			t.Errorf("triangle %d normal %v points inward", k/3, n[:3])
		}
	}
}

func TestClosureDeltaMarksOnlyItsRange(t *testing.T) {
	w := smallWorld(t)
	s, err := Build(w.Snapshot(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	roads := s.list.Items[s.roads.item]
	before := append([]float32(nil), roads.Mesh.Vertices...)
	closed := true
	snap := apply(t, w, engine.Delta{Source: "ops", Seq: 1, Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: "w2", Closed: &closed})
	buf := s.Apply(snap, engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: "w2"})
	id, r, _ := s.RoadRange("w2")
	if buf != id {
		t.Fatalf("Apply touched buffer %d, want the roads buffer %d", buf, id)
	}
	// Two segments of 4 vertices: the range is 8 vertices.
	if r.Count != 8 {
		t.Errorf("w2 has %d vertices, want 8", r.Count)
	}
	for _, it := range s.list.Items {
		want := []render.Range(nil)
		if it.ID == id {
			want = []render.Range{r}
		}
		if len(it.Dirty) != len(want) || (len(want) == 1 && it.Dirty[0] != want[0]) {
			t.Errorf("item %d (%v) dirty %v, want %v", it.ID, it.Layer, it.Dirty, want)
		}
	}
	after := s.list.Items[s.roads.item].Mesh
	for v := 0; v < after.VertexCount(); v++ {
		o := v * render.VertexFloats
		changed := !bytes.Equal(f32bytes(before[o:o+render.VertexFloats]), f32bytes(after.Vertices[o:o+render.VertexFloats]))
		in := v >= r.First && v < r.End()
		if changed != in {
			t.Errorf("vertex %d changed %v, in range %v", v, changed, in)
		}
		if in && after.Vertices[o+render.OffColor] != ClosedColor.R {
			t.Errorf("vertex %d not red", v)
		}
	}
}

func TestSensorReadingRecolours(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{})
	v := 5.0
	snap := apply(t, w, engine.Delta{Source: "iot", Seq: 1, Kind: engine.KindReading, Layer: geo.LayerSensors, ID: "s1", Value: &v})
	buf := s.Apply(snap, engine.Delta{Kind: engine.KindReading, Layer: geo.LayerSensors, ID: "s1"})
	it := s.list.Item(buf)
	if it == nil || it.Instances == nil {
		t.Fatalf("buffer %d is not the sensor set", buf)
	}
	i := s.icons[geo.LayerSensors].index["s1"]
	if len(it.Dirty) != 1 || it.Dirty[0] != (render.Range{First: i, Count: 1}) {
		t.Errorf("dirty %v, want instance %d only", it.Dirty, i)
	}
	if got := it.Instances.Data[i*render.InstanceFloats+4]; got != AlarmColor.R {
		t.Errorf("sensor red channel %g, want alarm %g", got, AlarmColor.R)
	}
}

func TestCull(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{TileBuildings: 1, LODDistance: 150})
	if s.Tiles() != 3 {
		t.Fatalf("%d tiles, want 3", s.Tiles())
	}
	// Eye at x = 500500 looking east (+x): the whole town (x ≤ 500310) is
	// behind the camera.
	away := render.Camera{Target: [3]float64{501000, 5000000, 10}, Distance: 500, Yaw: math.Pi, Pitch: 0.1}
	if st := s.Cull(away, 16.0/9); st.Visible != 0 {
		t.Errorf("%d items visible looking away from the town, want 0", st.Visible)
	}
	// Looking down at b1 from 100 m: b1 and b2 in view, b3 (300 m off) not;
	// b2's box is over 150 m from the eye only if far, so all near tiles
	// draw in full.
	near := render.Camera{Target: [3]float64{500010, 5000005, 10}, Distance: 100, Yaw: -math.Pi / 2, Pitch: 1.2}
	s.Cull(near, 16.0/9)
	vis := []bool{}
	for _, tl := range s.tiles {
		vis = append(vis, s.list.Items[tl.item].Visible)
	}
	if !vis[0] || !vis[1] || vis[2] {
		t.Errorf("tile visibility %v, want [true true false] (Hilbert order b1, b2, b3)", vis)
	}
	// From 400 m up over b3, b1 and b2 are seen beyond 150 m: roofs only.
	far := render.Camera{Target: [3]float64{500150, 5000150, 10}, Distance: 400, Yaw: -math.Pi / 2, Pitch: 1.5}
	if st := s.Cull(far, 1); st.RoofOnly != 3 {
		t.Errorf("%d roof-only tiles, want 3", st.RoofOnly)
	}
	it := s.list.Items[s.tiles[0].item]
	if it.IndexCount != s.tiles[0].roofIndex || it.IndexCount != 6 {
		t.Errorf("far tile draws %d indices, want its 6 roof indices", it.IndexCount)
	}
}

func TestFloodUpdate(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{})
	g := &geo.Grid{Cols: 4, Rows: 3, X0: 500000, Y0: 5000030, DX: 10, DY: 10, Data: make([]float32, 12)}
	g.Data[5] = 0.5
	id, err := s.SetFlood(w.Snapshot(), g)
	if err != nil {
		t.Fatal(err)
	}
	it := s.list.Item(id)
	if !it.Material.IsTranslucent() || it.Mesh.VertexCount() != 12 || it.Mesh.TriangleCount() != 12 {
		t.Fatalf("water: translucent %v, %d vertices, %d triangles; want true, 12, 12", it.Material.IsTranslucent(), it.Mesh.VertexCount(), it.Mesh.TriangleCount())
	}
	// Cell (c 1, r 1) is vertex i=1, j=rows−1−1=1: index 5; depth 0.5 m
	// over no terrain: z = 0.5 m, colour DepthRamp.At(0.5).
	o := 5*render.VertexFloats + 2
	if z := float64(it.Mesh.Vertices[o]) + s.origin[2]; math.Abs(z-0.5) > 1e-6 {
		t.Errorf("water z %g, want 0.5", z)
	}
	if a := it.Mesh.Vertices[5*render.VertexFloats+render.OffColor+3]; a != DepthRamp.At(0.5).A {
		t.Errorf("alpha %g, want %g", a, DepthRamp.At(0.5).A)
	}
	if a := it.Mesh.Vertices[0*render.VertexFloats+render.OffColor+3]; a != 0 {
		t.Errorf("dry cell alpha %g, want 0", a)
	}
	g2 := *g
	g2.Data = append([]float32(nil), g.Data...)
	g2.Data[10] = 1 // cell c 2, r 2 → vertex j 0, i 2: index 2
	if _, err := s.SetFlood(w.Snapshot(), &g2); err != nil {
		t.Fatal(err)
	}
	it = s.list.Item(id)
	// Vertex 2 changes height and colour; its neighbours 1, 3 (same row)
	// and 6 (next row, 4 columns on) change normal: the span is 1..6.
	if len(it.Dirty) != 1 || it.Dirty[0] != (render.Range{First: 1, Count: 6}) {
		t.Errorf("dirty %v, want vertices 1..6", it.Dirty)
	}
}

func f32bytes(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

// sceneBytes serialises every buffer of the draw list.
func sceneBytes(s *Scene) []byte {
	var buf bytes.Buffer
	for _, it := range s.list.Items {
		binary.Write(&buf, binary.LittleEndian, uint32(it.ID))
		if it.Mesh != nil {
			buf.Write(f32bytes(it.Mesh.Vertices))
			binary.Write(&buf, binary.LittleEndian, it.Mesh.Indices)
		}
		if it.Instances != nil {
			buf.Write(f32bytes(it.Instances.Data))
		}
	}
	return buf.Bytes()
}

// TestDeterminism: two builds of one snapshot, on one and on three
// workers, give byte-identical buffers.
func TestDeterminism(t *testing.T) {
	snap := sampleSnapshot(t)
	a, _ := Build(snap, Options{TileBuildings: 100, Workers: 1})
	b, _ := Build(snap, Options{TileBuildings: 100, Workers: 3})
	ba, bb := sceneBytes(a), sceneBytes(b)
	if len(ba) < 1000 || !bytes.Equal(ba, bb) {
		t.Errorf("two builds of one snapshot differ (%d and %d bytes)", len(ba), len(bb))
	}
}

// TestHUD: the small town has sensor s2 at 3 over its threshold 2 (one
// alarm), one available unit; closing w1 and flooding w3's west end
// (a 0.4 m cell) are counted; the mean speed of three equal-length roads
// with speeds 13.9 (limit), 5 and 13.9 m/s is 32.8/3 m/s.
func TestHUD(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{})
	closed := true
	apply(t, w, engine.Delta{Source: "ops", Seq: 1, Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: "w1", Closed: &closed})
	snap := apply(t, w, engine.Delta{Source: "ops", Seq: 2, Kind: engine.KindState, Layer: geo.LayerRoads, ID: "w2", Properties: map[string]any{"speed": 5.0}})
	g := &geo.Grid{Cols: 2, Rows: 2, X0: 499990, Y0: 4999920, DX: 20, DY: 20, Data: []float32{0.4, 0, 0, 0}}
	if _, err := s.SetFlood(snap, g); err != nil {
		t.Fatal(err)
	}
	h := s.HUD(snap, 3725)
	if len(h.Alarms) != 1 || h.Alarms[0].Source != "s2" {
		t.Errorf("alarms %+v, want s2 only", h.Alarms)
	}
	want := render.KPIs{UnitsAvailable: 1, UnitsTotal: 1, ClosedRoads: 1, FloodedRoads: 1, MeanSpeed: (13.9 + 5 + 13.9) / 3}
	if d := h.KPIs.MeanSpeed - want.MeanSpeed; math.Abs(d) > 1e-9 {
		t.Errorf("mean speed %g, want %g", h.KPIs.MeanSpeed, want.MeanSpeed)
	}
	h.KPIs.MeanSpeed = want.MeanSpeed
	if h.KPIs != want {
		t.Errorf("KPIs %+v, want %+v", h.KPIs, want)
	}
	if h.Overlay == nil || h.Overlay.Bounds().Dy() != 5*15+12 {
		t.Fatalf("overlay %v, want 5 lines tall", h.Overlay.Bounds())
	}
	white := 0
	for i := 0; i < len(h.Overlay.Pix); i += 4 {
		if h.Overlay.Pix[i] == 255 && h.Overlay.Pix[i+1] == 255 {
			white++
		}
	}
	if white < 200 {
		t.Errorf("%d white text pixels; the overlay has no text", white)
	}
}

// TestBuildingAndIconGrowth: a changed building rebuilds only its tile
// (marked Resized, roof at the new height); a new unit grows the unit set
// (Resized, one more instance) and leaves the other buffers alone.
func TestBuildingAndIconGrowth(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{TileBuildings: 1})
	snap, err := w.Update(func(tx *engine.Tx) error {
		if _, err := tx.Put(geo.LayerBuildings, &geo.Building{ID: "b1", Footprint: orb.MultiPolygon{{rect(500000, 5000000, 500020, 5000010)}}, Ground: 10, Height: 30}); err != nil {
			return err
		}
		_, err := tx.Put(geo.LayerUnits, &geo.Generic{ID: "u2", Geom: orb.Point{500005, 5000005}, Z: geo.NaN, Props: map[string]any{"status": "busy"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	bBuf := s.Apply(snap, engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerBuildings, ID: "b1"})
	uBuf := s.Apply(snap, engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerUnits, ID: "u2"})
	for _, it := range s.list.Items {
		want := it.ID == bBuf || it.ID == uBuf
		if it.Resized != want {
			t.Errorf("item %d (%v) resized %v, want %v", it.ID, it.Layer, it.Resized, want)
		}
	}
	b := s.list.Item(bBuf)
	if b.Layer != render.LayerBuildings || b.Mesh.VertexCount() != 20 {
		t.Fatalf("rebuilt tile: layer %v, %d vertices; want buildings, 20", b.Layer, b.Mesh.VertexCount())
	}
	// Roof vertices come after the walls; the roof is at ground 10 + 30 m.
	if z := float64(b.Mesh.Position(19)[2]) + s.origin[2]; math.Abs(z-40) > 1e-4 || b.Bounds.Max[2] != 40 {
		t.Errorf("roof z %g, bounds top %g; want 40", z, b.Bounds.Max[2])
	}
	u := s.list.Item(uBuf)
	if u.Instances.Len() != 2 || u.Instances.Data[render.InstanceFloats+4] != UnitBusy.R {
		t.Errorf("unit set has %d instances (want 2), new colour red %g (want busy %g)", u.Instances.Len(), u.Instances.Data[render.InstanceFloats+4], UnitBusy.R)
	}
}

// TestUnitMove: a move delta (lon/lat) puts the unit's billboard at the
// World-CRS position the engine projected it to, IconSize/2 above ground.
func TestUnitMove(t *testing.T) {
	w := smallWorld(t)
	s, _ := Build(w.Snapshot(), Options{})
	lon, lat := 9.0, 45.1
	snap := apply(t, w, engine.Delta{Source: "avl", Seq: 1, Kind: engine.KindMove, Layer: geo.LayerUnits, ID: "u1", Lon: &lon, Lat: &lat})
	buf := s.Apply(snap, engine.Delta{Kind: engine.KindMove, Layer: geo.LayerUnits, ID: "u1"})
	f, _ := snap.Layer(geo.LayerUnits).Get("u1")
	p := f.Geometry().(orb.Point)
	it := s.list.Item(buf)
	d := it.Instances.Data
	// Reference: the engine's own projection of the lon/lat (UTM 32N,
	// central meridian 9°: x = 500000 m exactly).
	if math.Abs(p[0]-500000) > 1e-6 {
		t.Fatalf("engine put lon 9° at x %g, want 500000", p[0])
	}
	if x, y := float64(d[0])+s.origin[0], float64(d[1])+s.origin[1]; math.Abs(x-p[0]) > 0.01 || math.Abs(y-p[1]) > 0.01 {
		t.Errorf("billboard at %.3f, %.3f; unit at %.3f, %.3f", x, y, p[0], p[1])
	}
	if z := float64(d[2]) + s.origin[2]; math.Abs(z-6) > 1e-6 {
		t.Errorf("billboard z %g, want 6 (half the 12 m icon above z 0)", z)
	}
	if len(it.Dirty) != 1 || it.Dirty[0] != (render.Range{First: 0, Count: 1}) || it.Resized {
		t.Errorf("dirty %v resized %v, want instance 0 only", it.Dirty, it.Resized)
	}
}

//go:build cgo

package gl

import (
	"math"
	"testing"
	"time"

	"twin/engine"
	"twin/geo"
	"twin/render"
	"twin/render/scene"
)

// longestSegment finds a road of the scene with a ribbon quad at least 25 m
// long and returns its id and that quad's first vertex (ribbons hold four
// vertices per segment: p−o, q−o, q+o, p+o).
func longestSegment(t testing.TB, snap *engine.Snapshot, sc *scene.Scene) (id string, first int, m *render.Mesh) {
	t.Helper()
	l := snap.Layer(geo.LayerRoads)
	for i := 0; i < l.Len(); i++ {
		f, _ := l.At(i)
		buf, r, ok := sc.RoadRange(f.FeatureID())
		if !ok {
			continue
		}
		m := sc.DrawList().Item(buf).Mesh
		for v := r.First; v+3 < r.End(); v += 4 {
			a, b := m.Position(v), m.Position(v+1)
			if math.Hypot(float64(a[0]-b[0]), float64(a[1]-b[1])) >= 25 {
				return f.FeatureID(), v, m
			}
		}
	}
	t.Fatal("no road segment of 25 m in the sample city")
	return "", 0, nil
}

// quadCentre is the world position of the centre of ribbon quad v.
func quadCentre(m *render.Mesh, v int) [3]float64 {
	var c [3]float64
	for k := 0; k < 4; k++ {
		p := m.Position(v + k)
		for j := range c {
			c[j] += (float64(p[j]) + m.Origin[j]) / 4
		}
	}
	return c
}

func closure(id string, seq uint64, closed bool) engine.Delta {
	return engine.Delta{Source: "wall-test", Seq: seq, TS: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: id, Closed: &closed}
}

func applyDelta(t testing.TB, w *engine.World, d engine.Delta) *engine.Snapshot {
	t.Helper()
	s, err := w.Update(func(tx *engine.Tx) error { _, err := tx.Apply(d); return err })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// redDominant: the scene's closure colour (0.9, 0.05, 0.05) under any shade
// or blend the road gets; speed colours (green or amber) and terrain fail.
func redDominant(r, g, b uint8) bool { return int(r) > 2*int(g) && int(r) > 2*int(b) }

// TestSampleCityClosure applies a real closure delta to the sample city's
// World, passes it to scene.Apply, and draws the next frame: the centre of
// the road's ribbon turns to the closure colour (red-dominant, from green
// or amber before), and no pixel changes outside the screen bounding box of
// the road's ribbon (3 px margin for multisampled edges).
func TestSampleCityClosure(t *testing.T) {
	const w, h = 320, 240
	sampleCity(t)
	snap := cityWorld.Snapshot()
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, v, m := longestSegment(t, snap, sc)
	c := quadCentre(m, v)
	cam := render.Camera{Target: c, Distance: 150, Yaw: -math.Pi / 2, Pitch: 85 * math.Pi / 180}
	d := openDriver(t, Options{Width: w, Height: h})
	list, seen := sc.DrawList(), map[render.BufferID]bool{}
	sc.Cull(cam, float64(w)/h)
	before := cloneImage(frame(t, d, list, cam, seen))
	seq := uint64(time.Now().UnixNano()) // above any earlier test's
	snap = applyDelta(t, cityWorld, closure(id, seq, true))
	if buf := sc.Apply(snap, closure(id, seq, true)); buf == 0 {
		t.Fatalf("scene.Apply of the closure of %s touched no buffer", id)
	}
	after := frame(t, d, list, cam, seen)
	x, y, ok := cam.Project(c, render.Viewport{Width: w, Height: h})
	if !ok {
		t.Fatal("road centre outside the view")
	}
	b, a := at(before, x, y), at(after, x, y)
	if redDominant(b.R, b.G, b.B) || !redDominant(a.R, a.G, a.B) {
		t.Errorf("road %s centre pixel (%.0f,%.0f): %v → %v, want a non-red colour turning red", id, x, y, b, a)
	}
	x0, y0, x1, y1 := projectedBox(cam, m, id, sc, w, h)
	changed, far := 0, 0
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			if before.RGBAAt(px, py) != after.RGBAAt(px, py) {
				changed++
				if float64(px) < x0-3 || float64(px) > x1+3 || float64(py) < y0-3 || float64(py) > y1+3 {
					far++
				}
			}
		}
	}
	if changed == 0 || far > 0 {
		t.Errorf("%d pixels changed, %d of them over 3 px outside the road's projected bounding box; want some, none outside", changed, far)
	}
}

// projectedBox is the pixel bounding box of the road's ribbon vertices.
func projectedBox(cam render.Camera, m *render.Mesh, id string, sc *scene.Scene, w, h int) (x0, y0, x1, y1 float64) {
	_, r, _ := sc.RoadRange(id)
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for v := r.First; v < r.End(); v++ {
		p := m.Position(v)
		x, y, _ := cam.Project([3]float64{float64(p[0]) + m.Origin[0], float64(p[1]) + m.Origin[1], float64(p[2]) + m.Origin[2]}, render.Viewport{Width: w, Height: h})
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	return
}

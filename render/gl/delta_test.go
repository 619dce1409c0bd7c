//go:build cgo

package gl

import (
	"bytes"
	"errors"
	"testing"

	"twin/render"
)

// TestDeltaRecolorsRoad: closing the road (recolouring its vertices and
// marking them dirty, as a scene does on a closure delta) changes the
// road's pixels in the very next frame, through UpdateRange only, and
// leaves the buildings' pixels as they were.
func TestDeltaRecolorsRoad(t *testing.T) {
	const w, h = 400, 300
	d := openDriver(t, Options{Width: w, Height: h})
	cam, vp := testCamera(), render.Viewport{Width: w, Height: h}
	list, seen := testScene(), map[render.BufferID]bool{}
	before := frame(t, d, list, cam, seen)
	road := list.Item(idRoad)
	road.Mesh.SetColor(0, road.Mesh.VertexCount(), closed)
	road.MarkDirty(render.Range{First: 0, Count: road.Mesh.VertexCount()})
	after := frame(t, d, list, cam, seen)
	if len(road.Dirty) != 0 {
		t.Fatalf("dirty ranges left after Sync: %v", road.Dirty)
	}
	for _, x := range []float64{-100, 0, 100} {
		px, py, _ := cam.Project([3]float64{x, -10, 0.3}, vp)
		if got := at(before, px, py); !near(got, rgba8(asphalt), 6) {
			t.Errorf("road at x=%.0f before: %v, want asphalt %v ±6", x, got, rgba8(asphalt))
		}
		if got := at(after, px, py); !near(got, rgba8(closed), 6) {
			t.Errorf("road at x=%.0f after closure: %v, want closed %v ±6", x, got, rgba8(closed))
		}
	}
	b := testBuildings[0]
	px, py, _ := cam.Project([3]float64{float64(b[0]+b[2]) / 2, float64(b[1]+b[3]) / 2, float64(b[4])}, vp)
	if at(before, px, py) != at(after, px, py) {
		t.Errorf("building pixel changed with the road: %v → %v", at(before, px, py), at(after, px, py))
	}
}

// TestUpdateRangeBounds: ranges past a buffer's end, ragged ranges and
// unknown buffers are ErrBadRange.
func TestUpdateRangeBounds(t *testing.T) {
	d := openDriver(t, Options{Width: 64, Height: 64})
	draw(t, d, testScene(), testCamera())
	n := testScene().Item(idRoad).Mesh.VertexCount() // 4
	cases := []struct {
		name  string
		id    render.BufferID
		first int
		vals  int
		ok    bool
	}{
		{"whole", idRoad, 0, n * render.VertexFloats, true},
		{"last vertex", idRoad, n - 1, render.VertexFloats, true},
		{"past end", idRoad, n - 1, 2 * render.VertexFloats, false},
		{"negative", idRoad, -1, render.VertexFloats, false},
		{"ragged", idRoad, 0, render.VertexFloats + 1, false},
		{"unknown buffer", 99, 0, render.VertexFloats, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := d.UpdateRange(c.id, c.first, make([]float32, c.vals))
			if c.ok && err != nil || !c.ok && !errors.Is(err, ErrBadRange) {
				t.Errorf("UpdateRange = %v, want ok=%v", err, c.ok)
			}
		})
	}
}

// TestDeterministic: two drivers drawing the same list and camera produce
// byte-identical images.
func TestDeterministic(t *testing.T) {
	a := draw(t, openDriver(t, Options{Width: 160, Height: 120}), testScene(), testCamera())
	b := draw(t, openDriver(t, Options{Width: 160, Height: 120}), testScene(), testCamera())
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("two identical frames differ")
	}
}

// TestNoDisplay: without DISPLAY and WAYLAND_DISPLAY, New returns
// ErrNoDisplay instead of letting GLFW panic in CreateWindow.
func TestNoDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	d, err := New(Options{Width: 32, Height: 32})
	if !errors.Is(err, ErrNoDisplay) {
		if d != nil {
			d.Close()
		}
		t.Fatalf("New without a display = %v, want ErrNoDisplay", err)
	}
}

// TestOptionsValidate covers the rejected fields.
func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{Width: -1}, {Height: maxSide + 1}, {Samples: -2}, {Samples: 32}} {
		if _, err := New(o); !errors.Is(err, ErrBadOptions) {
			t.Errorf("New(%+v) = %v, want ErrBadOptions", o, err)
		}
	}
}

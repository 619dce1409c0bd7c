//go:build cgo

package gl

import (
	"context"
	"image"
	"image/color"
	"math"
	"sort"
	"sync"
	"testing"

	"github.com/paulmach/orb/planar"

	"twin/engine"
	"twin/geo"
	"twin/internal/samplecity"
	"twin/render"
	"twin/render/scene"
)

var (
	cityOnce  sync.Once
	cityWorld *engine.World
	citySnap  *engine.Snapshot // as loaded; cityWorld may have moved on
	cityErr   error
)

// sampleCity loads the embedded sample city once per test binary.
func sampleCity(t testing.TB) *engine.Snapshot {
	t.Helper()
	cityOnce.Do(func() {
		var w *engine.World
		if w, cityErr = samplecity.World(context.Background()); cityErr == nil {
			cityWorld, citySnap = w, w.Snapshot()
		}
	})
	if cityErr != nil {
		t.Fatal(cityErr)
	}
	return citySnap
}

// roofProbe is a building's roof point: its footprint's centroid (when
// inside the footprint) at ground + height.
type roofProbe struct {
	p    [3]float64
	area float64
}

// roofProbes returns the roof centres of the n largest buildings whose
// centroid lies inside their footprint.
func roofProbes(snap *engine.Snapshot, n int) []roofProbe {
	var out []roofProbe
	l := snap.Layer(geo.LayerBuildings)
	for i := 0; i < l.Len(); i++ {
		f, _ := l.At(i)
		b, ok := f.(*geo.Building)
		if !ok || len(b.Footprint) != 1 || math.IsNaN(b.Ground) {
			continue
		}
		c, a := planar.CentroidArea(b.Footprint[0])
		if !planar.PolygonContains(b.Footprint[0], c) {
			continue
		}
		out = append(out, roofProbe{[3]float64{c[0], c[1], b.Ground + b.Height}, math.Abs(a)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].area > out[j].area })
	return out[:min(n, len(out))]
}

// cityCamera looks almost straight down (80°) at the middle of the
// buildings from 1.1× their larger extent.
func cityCamera(snap *engine.Snapshot) render.Camera {
	b, _ := snap.Layer(geo.LayerBuildings).Bounds()
	c := b.Center()
	z, _ := snap.TerrainHeight(c)
	ext := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	return render.Camera{Target: [3]float64{c[0], c[1], z}, Distance: 1.1 * ext, Yaw: -math.Pi / 2, Pitch: 80 * math.Pi / 180}
}

func setLayerVisible(list *render.DrawList, l render.Layer, v bool) {
	for i := range list.Items {
		if list.Items[i].Layer == l {
			list.Items[i].Visible = v
		}
	}
}

// TestSampleCity renders the embedded sample city at 640×480 and checks:
// the frame is not blank (≥ 30 distinct colours, < 50 % sky), and at the
// pixels where Camera.Project puts the roof centres of the 40 largest
// buildings, ≥ 90 % change by more than 8 levels when the building layer
// is hidden (the rest may be overdrawn by a taller neighbour or too small
// at this scale).
func TestSampleCity(t *testing.T) {
	const w, h = 640, 480
	snap := sampleCity(t)
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := openDriver(t, Options{Width: w, Height: h})
	cam := cityCamera(snap)
	list, seen := sc.DrawList(), map[render.BufferID]bool{}
	with := cloneImage(frame(t, d, list, cam, seen))
	setLayerVisible(list, render.LayerBuildings, false)
	without := frame(t, d, list, cam, seen)

	colours, sky := map[[3]uint8]bool{}, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := with.RGBAAt(x, y)
			colours[[3]uint8{c.R, c.G, c.B}] = true
			if near(c, rgba8(skyColor), 2) {
				sky++
			}
		}
	}
	if len(colours) < 30 || sky > w*h/2 {
		t.Errorf("frame looks blank: %d colours, %d of %d pixels sky", len(colours), sky, w*h)
	}
	vp := render.Viewport{Width: w, Height: h}
	probes := roofProbes(snap, 40)
	hit := 0
	for _, p := range probes {
		x, y, ok := cam.Project(p.p, vp)
		if ok && !near(at(with, x, y), at(without, x, y), 8) {
			hit++
		}
	}
	if len(probes) < 40 || hit < 36 {
		t.Errorf("%d of %d roof centres show a building, want ≥ 36 of 40", hit, len(probes))
	}
}

func cloneImage(img *image.RGBA) *image.RGBA {
	c := *img
	c.Pix = append([]byte(nil), img.Pix...)
	return &c
}

// floodDepth is the water depth of the wet patch, metres: deep enough that
// the water surface stays above the coarser terrain mesh on Monaco's slopes.
const floodDepth = 3

// TestSampleCityFlood feeds scene.SetFlood a 40×40 depth raster of 10 m
// cells centred on the city with 3 m of water on its middle 10×10 cells,
// and checks the interior wet cells (one cell in from the patch edge, not
// on a building) against the blend equation: got = a·s·ramp + (1−a)·dry,
// with ramp and a = scene.DepthRamp.At(3 m), dry the same pixel without
// water, and s ∈ [0.6, 1] the shader's Lambert shade (solved from the blue
// channel), within 8 levels per channel; ≥ 90 % of those probes (at least 20) must pass
// (a neighbouring building can hide a probe at 80° pitch). Cells 3 or more
// cells outside the patch must stay as they were (≤ 2 levels, ≥ 99 %).
func TestSampleCityFlood(t *testing.T) {
	const w, h, n, cell = 640, 480, 40, 10.0
	snap := sampleCity(t)
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := openDriver(t, Options{Width: w, Height: h})
	cam := cityCamera(snap)
	cam.Distance = 600 // the 400 m raster fills the view: cells ≈ 12 pixels
	list, seen := sc.DrawList(), map[render.BufferID]bool{}
	dry := cloneImage(frame(t, d, list, cam, seen))
	g := &geo.Grid{Cols: n, Rows: n, DX: cell, DY: cell, Data: make([]float32, n*n),
		X0: cam.Target[0] - n*cell/2, Y0: cam.Target[1] + n*cell/2}
	for r := 15; r < 25; r++ {
		for c := 15; c < 25; c++ {
			g.Data[r*n+c] = floodDepth
		}
	}
	if _, err := sc.SetFlood(snap, g); err != nil {
		t.Fatal(err)
	}
	wet := frame(t, d, sc.DrawList(), cam, seen)
	src := scene.DepthRamp.At(floodDepth)
	vp := render.Viewport{Width: w, Height: h}
	var in, inOK, out, outOK int
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			ctr := g.Center(c, r)
			inside := r >= 16 && r < 24 && c >= 16 && c < 24
			outside := r < 12 || r >= 28 || c < 12 || c >= 28
			if !inside && !outside || len(snap.BuildingsAt(ctr)) > 0 {
				continue
			}
			z, _ := snap.TerrainHeight(ctr)
			x, y, ok := cam.Project([3]float64{ctr[0], ctr[1], z + float64(g.At(c, r))}, vp)
			if !ok {
				continue
			}
			got, base := at(wet, x, y), at(dry, x, y)
			if inside {
				in++
				if blendShaded(got, base, src) {
					inOK++
				}
			} else {
				out++
				if near(got, base, 2) {
					outOK++
				}
			}
		}
	}
	if in < 20 || float64(inOK) < 0.9*float64(in) {
		t.Errorf("%d of %d wet probes match the blend equation, want ≥ 90 %% of ≥ 20", inOK, in)
	}
	if out < 500 || float64(outOK) < 0.99*float64(out) {
		t.Errorf("%d of %d dry probes unchanged, want ≥ 99 %% of ≥ 500", outOK, out)
	}
}

// blendShaded reports whether got = a·s·src + (1−a)·dst within 8 levels per
// channel for the shade s ∈ [0.6, 1] solved from the blue channel.
func blendShaded(got, dst color.RGBA, src render.Color) bool {
	a := float64(src.A)
	s := (float64(got.B) - (1-a)*float64(dst.B)) / (a * float64(src.B) * 255)
	s = math.Max(0.6, math.Min(1, s))
	want := func(sc float32, d uint8) float64 { return a*s*float64(sc)*255 + (1-a)*float64(d) }
	ok := func(g uint8, sc float32, d uint8) bool { return math.Abs(float64(g)-want(sc, d)) <= 8 }
	return ok(got.R, src.R, dst.R) && ok(got.G, src.G, dst.G) && ok(got.B, src.B, dst.B)
}

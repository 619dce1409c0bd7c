package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// errNoGL is returned by the OpenGL commands in a binary built without cgo.
var errNoGL = errors.New("built without OpenGL (CGO_ENABLED=0): rebuild with CGO_ENABLED=1 after scripts/deps-gl.sh")

// snapshotFlags are the flags of twin snapshot.
type snapshotFlags struct {
	data    dataFlags
	camera  string
	size    string
	out     string
	samples int
	xray    bool
	hud     bool
}

func newSnapshotCmd(g *globalFlags) *cobra.Command {
	var f snapshotFlags
	cmd := &cobra.Command{
		Use:   "snapshot [--data FILE…] [--camera LON,LAT,DIST,HEADING,PITCH] [--size WxH] -o view.png",
		Short: "Render a 3D view of the city offscreen with OpenGL into a PNG",
		Long: `snapshot builds the 3D scene of the data (default: the sample city) —
terrain, extruded buildings, roads coloured by live speed, icons — and
renders it offscreen through OpenGL 3.3 into a PNG.

--camera LON,LAT,DIST,HEADING,PITCH: the point looked at (degrees), the eye's
distance from it (metres), the compass heading the camera faces (degrees,
0 = north, 90 = east) and the pitch above the horizon (degrees). Default:
the centre of the buildings from 1.2× their extent, facing north, 45° down.

Needs a display (X11 or Wayland; Xvfb works: xvfb-run -a twin snapshot …)
and a binary built with cgo.`,
		Example: `  twin snapshot -o monaco.png
  twin snapshot --camera 7.4246,43.7384,1500,300,35 --size 3840x2160 -o view.png
  xvfb-run -a twin snapshot --data city.osm.pbf --data dem.tif -o city.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.out == "" {
				return errors.New("snapshot: -o FILE.png is required")
			}
			return runSnapshot(cmd, g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.data.files, "data", nil, "data file to load (repeat for several; default: the sample city)")
	addCRSFlags(cmd, &f.data)
	fl.StringVar(&f.camera, "camera", "", "LON,LAT,DIST_M,HEADING_DEG,PITCH_DEG (default: the whole city, facing north, 45°)")
	fl.StringVar(&f.size, "size", "1920x1080", "image size WIDTHxHEIGHT in pixels (at most 8192 a side)")
	fl.StringVarP(&f.out, "output", "o", "", "PNG file to write")
	fl.IntVar(&f.samples, "samples", 4, "multisample anti-aliasing samples per pixel (1 = off)")
	fl.BoolVar(&f.xray, "xray", false, "x-ray view: pipes shown, terrain translucent")
	fl.BoolVar(&f.hud, "hud", false, "overlay the heads-up display (alarms, KPIs) at the top left")
	return cmd
}

// parseSize reads "WIDTHxHEIGHT" (pixels, each 1..8192).
func parseSize(s string) (w, h int, err error) {
	a, b, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if ok {
		w, err = strconv.Atoi(a)
		if err == nil {
			h, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || w < 1 || h < 1 || w > 8192 || h > 8192 {
		return 0, 0, fmt.Errorf("size %q: want WIDTHxHEIGHT, each 1..8192 pixels", s)
	}
	return w, h, nil
}

// parseCamera reads --camera LON,LAT,DIST,HEADING,PITCH into an orbit
// camera on snap's CRS; empty s frames the whole snapshot. The target's
// height is the terrain's there (0 without terrain).
func parseCamera(s string, snap *engine.Snapshot) (render.Camera, error) {
	if s == "" {
		return defaultCamera(snap), nil
	}
	parts := strings.Split(s, ",")
	v := make([]float64, len(parts))
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return render.Camera{}, fmt.Errorf("camera %q: field %d is not a number", s, i+1)
		}
		v[i] = x
	}
	if len(v) != 5 || v[2] <= 0 || v[4] <= -90 || v[4] >= 90 {
		return render.Camera{}, fmt.Errorf("camera %q: want LON,LAT,DIST_M>0,HEADING_DEG,PITCH_DEG in (-90,90)", s)
	}
	p, err := snap.FromLonLat(v[0], v[1])
	if err != nil {
		return render.Camera{}, fmt.Errorf("camera %q: %w", s, err)
	}
	return orbitCamera(snap, p[0], p[1], v[2], v[3], v[4]), nil
}

// orbitCamera looks at (x, y) on the terrain from dist metres, facing the
// compass heading headingDeg, pitchDeg above the horizon. The eye lies
// opposite the heading: at compass bearing heading+180°, which is the
// mathematical angle 90° − (heading+180°) from +x.
func orbitCamera(snap *engine.Snapshot, x, y, dist, headingDeg, pitchDeg float64) render.Camera {
	z, ok := snap.TerrainHeight([2]float64{x, y})
	if !ok || math.IsNaN(z) {
		z = 0
	}
	return render.Camera{
		Target:   [3]float64{x, y, z},
		Distance: dist,
		Yaw:      (-90 - headingDeg) * math.Pi / 180,
		Pitch:    pitchDeg * math.Pi / 180,
	}
}

// defaultCamera frames the buildings (or, without any, the snapshot's
// bounds, terrain included): 1.2× their larger side away, facing north,
// 45° down.
func defaultCamera(snap *engine.Snapshot) render.Camera {
	var b orb.Bound
	ok := false
	if l := snap.Layer(geo.LayerBuildings); l != nil {
		b, ok = l.Bounds()
	}
	if !ok {
		b, ok = snap.Bounds()
	}
	if !ok {
		return render.Camera{Distance: 1000, Yaw: -math.Pi / 2, Pitch: math.Pi / 4}
	}
	c := b.Center()
	ext := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	return orbitCamera(snap, c[0], c[1], math.Max(1.2*ext, 100), 0, 45)
}

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"twin/render"
)

// wallFlags are the flags of twin wall.
type wallFlags struct {
	data    dataFlags
	connect string
	// resyncLayers are the layers reloaded from --connect's server on
	// start and after a resync.
	resyncLayers []string
	mqtt         mqttConfig
	wall         string
	monitor      string
	tile         string
	config       string
	camera       string
	fps          float64
	frames       int
	offscreen    bool
	stats        time.Duration
	syncDelay    time.Duration
}

func newWallCmd(g *globalFlags) *cobra.Command {
	var f wallFlags
	cmd := &cobra.Command{
		Use:   "wall [--connect URL] [--wall 3x3] [--tile R,C] [--config wall.yaml]",
		Short: "Show the live city on a video wall of OpenGL windows",
		Long: `wall draws the 3D city (default: the sample city, or --data) in one window
per wall monitor and keeps it live: every delta batch that arrives is
applied to the scene before the next frame.

Deltas come from a remote twin serve (--connect URL: its Server-Sent Events
stream /deltas/stream), from an MQTT broker (--mqtt URL), or both; the wall
keeps its own in-memory copy of the World, loaded from the same data. With
--connect the wall first reloads the --resync-layers from the server (their
items, compared with its own copy), then follows the stream from the version
it read them at; when the server cuts the stream off with a resync (the wall
fell too far behind) it reloads them again, so it never shows stale sensors,
units or closures.

The wall is --wall COLSxROWS monitors of --monitor WxH pixels, or the
--config file (YAML: cols, rows, width, height, bezel_x_px, bezel_y_px or
bezel_x_mm, bezel_y_mm with pixel_pitch_mm). Bezels are hidden pixels of one
large image, so lines stay straight across monitors. One process drives
every monitor's window unless --tile R,C picks one (row 0 is the top):
several render nodes then each draw their tile of the same camera. Frames
fall on a shared clock (multiples of 1/--fps of absolute time), so nodes
with synchronised clocks draw in step; --sync-delay holds each batch back
long enough that every node applies it before the same frame.

Needs a display and a binary built with cgo.`,
		Example: `  twin wall --connect http://twin:8080 --wall 3x3
  twin wall --config wall.yaml --tile 0,2 --connect http://twin:8080
  xvfb-run -a twin wall --wall 2x2 --monitor 640x360 --frames 120 --offscreen`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWall(cmd, g, f) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.data.files, "data", nil, "data file to load (repeat for several; default: the sample city)")
	addCRSFlags(cmd, &f.data)
	fl.StringVar(&f.connect, "connect", "", "base URL of a twin serve whose delta stream to follow, e.g. http://host:8080")
	fl.StringSliceVar(&f.resyncLayers, "resync-layers", defaultResyncLayers, "layers that --connect reloads from the server on start and after a stream resync, so the wall shows the server's state of them")
	fl.StringVar(&f.mqtt.URL, "mqtt", "", "MQTT broker of a delta feed, mqtt://HOST:PORT")
	fl.StringVar(&f.mqtt.Topic, "mqtt-topic", "twin/#", "MQTT topic filter of the delta feed")
	fl.StringVar(&f.wall, "wall", "1x1", "monitors COLSxROWS")
	fl.StringVar(&f.monitor, "monitor", "1920x1080", "pixels of each monitor WIDTHxHEIGHT")
	fl.StringVar(&f.tile, "tile", "", "draw only monitor ROW,COL (default: every monitor, one window each)")
	fl.StringVar(&f.config, "config", "", "wall config file (YAML or JSON); overrides --wall and --monitor")
	fl.StringVar(&f.camera, "camera", "", "LON,LAT,DIST_M,HEADING_DEG,PITCH_DEG (default: the whole city)")
	fl.Float64Var(&f.fps, "fps", 60, "frames per second to aim for")
	fl.IntVar(&f.frames, "frames", 0, "stop after this many frames (0: until the windows close)")
	fl.BoolVar(&f.offscreen, "offscreen", false, "draw into hidden windows (benchmarks, tests)")
	fl.DurationVar(&f.syncDelay, "sync-delay", 0, "apply a delta batch only to frames at least this long after it arrived, so render nodes with synchronised clocks show the same version in the same frame (e.g. 50ms; 0: at once)")
	fl.DurationVar(&f.stats, "stats-every", 10*time.Second, "log frame time and delta-to-frame latency this often (0: never)")
	return cmd
}

// wallConfig resolves --config, or --wall and --monitor, into a validated
// WallConfig.
func (f wallFlags) wallConfig() (render.WallConfig, error) {
	if f.config != "" {
		r, err := os.Open(f.config)
		if err != nil {
			return render.WallConfig{}, err
		}
		defer r.Close()
		return render.DecodeWallYAML(r)
	}
	cols, rows, err := parseSize(f.wall)
	if err != nil {
		return render.WallConfig{}, fmt.Errorf("--wall: %w", err)
	}
	w, h, err := parseSize(f.monitor)
	if err != nil {
		return render.WallConfig{}, fmt.Errorf("--monitor: %w", err)
	}
	c := render.WallConfig{Cols: cols, Rows: rows, Width: w, Height: h}
	return c, c.Validate()
}

// wallTile is one monitor of the wall: its row and column.
type wallTile struct{ row, col int }

// tiles returns the monitors this process draws: --tile, or all of them in
// row-major order.
func (f wallFlags) tiles(c render.WallConfig) ([]wallTile, error) {
	cols, rows := max(c.Cols, 1), max(c.Rows, 1)
	if f.tile != "" {
		a, b, ok := strings.Cut(f.tile, ",")
		r, err1 := strconv.Atoi(strings.TrimSpace(a))
		cc, err2 := strconv.Atoi(strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil || r < 0 || r >= rows || cc < 0 || cc >= cols {
			return nil, fmt.Errorf("--tile %q: want ROW,COL inside the %dx%d wall", f.tile, cols, rows)
		}
		return []wallTile{{r, cc}}, nil
	}
	ts := make([]wallTile, 0, cols*rows)
	for r := 0; r < rows; r++ {
		for cc := 0; cc < cols; cc++ {
			ts = append(ts, wallTile{r, cc})
		}
	}
	return ts, nil
}

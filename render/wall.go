package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/goccy/go-yaml"
)

// ErrWall is returned (wrapped) by WallConfig.Validate and the decoders.
var ErrWall = errors.New("render: invalid wall config")

// WallConfig describes a video wall of Cols×Rows identical monitors. Bezel
// compensation treats the bezels as hidden pixels of one large virtual
// image, so that lines stay straight across monitors.
//
// The zero value is a single 1920×1080 monitor without bezels.
type WallConfig struct {
	// Cols and Rows count monitors; 0 means 1.
	Cols int `json:"cols" yaml:"cols"`
	Rows int `json:"rows" yaml:"rows"`
	// Width and Height are each monitor's pixels; 0 means 1920×1080.
	Width  int `json:"width" yaml:"width"`
	Height int `json:"height" yaml:"height"`
	// BezelXPx and BezelYPx are the hidden pixels between adjacent
	// monitors' active areas, horizontally and vertically (both bezels
	// together). When 0 they are computed from BezelXMM/BezelYMM and
	// PixelPitchMM.
	BezelXPx int `json:"bezel_x_px" yaml:"bezel_x_px"`
	BezelYPx int `json:"bezel_y_px" yaml:"bezel_y_px"`
	// BezelXMM and BezelYMM are the gap between active areas in mm.
	BezelXMM float64 `json:"bezel_x_mm" yaml:"bezel_x_mm"`
	BezelYMM float64 `json:"bezel_y_mm" yaml:"bezel_y_mm"`
	// PixelPitchMM is the monitor's pixel pitch in mm (e.g. 0.63 for a
	// 55" 1080p panel).
	PixelPitchMM float64 `json:"pixel_pitch_mm" yaml:"pixel_pitch_mm"`
}

// MaxPixels bounds a monitor's side and a bezel, in pixels.
const MaxPixels = 16384

// Validate reports a negative or inconsistent field, wrapping ErrWall.
func (w WallConfig) Validate() error {
	switch {
	case w.Cols < 0 || w.Rows < 0 || w.Width < 0 || w.Height < 0:
		return fmt.Errorf("%w: negative size", ErrWall)
	case w.Cols > 64 || w.Rows > 64:
		return fmt.Errorf("%w: more than 64 monitors across", ErrWall)
	case w.BezelXPx < 0 || w.BezelYPx < 0 || !finiteNonNeg(w.BezelXMM) || !finiteNonNeg(w.BezelYMM) || !finiteNonNeg(w.PixelPitchMM):
		return fmt.Errorf("%w: negative or non-finite bezel", ErrWall)
	case (w.BezelXMM > 0 || w.BezelYMM > 0) && w.PixelPitchMM == 0 && (w.BezelXPx == 0 || w.BezelYPx == 0):
		return fmt.Errorf("%w: bezel in mm needs pixel_pitch_mm", ErrWall)
	case w.Width > MaxPixels || w.Height > MaxPixels:
		return fmt.Errorf("%w: monitor over %d pixels a side", ErrWall, MaxPixels)
	}
	if _, _, _, _, bx, by := w.dims(); bx > MaxPixels || by > MaxPixels || bx < 0 || by < 0 {
		return fmt.Errorf("%w: bezel over %d pixels", ErrWall, MaxPixels)
	}
	return nil
}

func finiteNonNeg(v float64) bool { return v >= 0 && v <= 1e9 }

func (w WallConfig) dims() (cols, rows, width, height, bx, by int) {
	cols, rows, width, height = max(w.Cols, 1), max(w.Rows, 1), w.Width, w.Height
	if width == 0 {
		width = 1920
	}
	if height == 0 {
		height = 1080
	}
	bx, by = w.BezelXPx, w.BezelYPx
	if bx == 0 && w.PixelPitchMM > 0 {
		bx = int(min(w.BezelXMM/w.PixelPitchMM+0.5, 2*MaxPixels))
	}
	if by == 0 && w.PixelPitchMM > 0 {
		by = int(min(w.BezelYMM/w.PixelPitchMM+0.5, 2*MaxPixels))
	}
	return
}

// VirtualSize returns the size in pixels of the large virtual image the
// wall shows, bezel pixels included.
func (w WallConfig) VirtualSize() (width, height int) {
	c, r, mw, mh, bx, by := w.dims()
	return c*mw + (c-1)*bx, r*mh + (r-1)*by
}

// TileRect returns the pixel rectangle of monitor (row, col) inside the
// virtual image: row 0 is the top, col 0 the left. Panics if out of range.
func (w WallConfig) TileRect(row, col int) Viewport {
	c, r, mw, mh, bx, by := w.dims()
	if row < 0 || row >= r || col < 0 || col >= c {
		panic("render: wall tile out of range")
	}
	return Viewport{X: col * (mw + bx), Y: row * (mh + by), Width: mw, Height: mh}
}

// TileCamera returns cam restricted to monitor (row, col): the off-axis
// sub-frustum of the full wall image, so that the tiles, drawn each into
// its own monitor-sized viewport, stitch into the single large image with
// the bezel pixels hidden. Panics if the tile is out of range.
func (w WallConfig) TileCamera(cam Camera, row, col int) Camera {
	vw, vh := w.VirtualSize()
	t := w.TileRect(row, col)
	if cam.Aspect <= 0 {
		cam.Aspect = float64(vw) / float64(vh)
	}
	cam.Window = Window{
		X0: float64(t.X) / float64(vw), X1: float64(t.X+t.Width) / float64(vw),
		Y0: float64(t.Y) / float64(vh), Y1: float64(t.Y+t.Height) / float64(vh),
	}
	return cam
}

// DecodeWallYAML reads a WallConfig from YAML (JSON is valid YAML) and
// validates it. Errors wrap ErrWall.
func DecodeWallYAML(r io.Reader) (WallConfig, error) {
	var w WallConfig
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return w, fmt.Errorf("%w: %w", ErrWall, err)
	}
	if err := yaml.UnmarshalWithOptions(data, &w, yaml.Strict()); err != nil {
		return WallConfig{}, fmt.Errorf("%w: %w", ErrWall, err)
	}
	return w, w.Validate()
}

// DecodeWallJSON reads a WallConfig from JSON, rejecting unknown fields,
// and validates it. Errors wrap ErrWall.
func DecodeWallJSON(r io.Reader) (WallConfig, error) {
	var w WallConfig
	d := json.NewDecoder(io.LimitReader(r, 1<<20))
	d.DisallowUnknownFields()
	if err := d.Decode(&w); err != nil {
		return WallConfig{}, fmt.Errorf("%w: %w", ErrWall, err)
	}
	return w, w.Validate()
}

package scene

import (
	"errors"
	"fmt"
	"runtime"

	"twin/render"
)

// ErrOptions is returned (wrapped) by Options.Validate.
var ErrOptions = errors.New("scene: invalid options")

// Mode selects what the wall shows.
type Mode uint8

const (
	// ModeNormal shows terrain, buildings, roads, water and icons.
	ModeNormal Mode = iota
	// ModeXRay adds the pipes and draws the terrain translucent.
	ModeXRay
)

// Options configure a scene build. The zero value is usable.
type Options struct {
	// TileBuildings is the number of buildings merged into one tile mesh;
	// 0 means 4096.
	TileBuildings int
	// TerrainCells caps the terrain mesh at about this many cells per
	// side; 0 means 256.
	TerrainCells int
	// LaneWidth is the road ribbon width per lane in metres; 0 means 3.5.
	LaneWidth float64
	// DefaultHeight is used for buildings without a positive height, in
	// metres; 0 means 3.
	DefaultHeight float64
	// LODDistance is the eye distance in metres beyond which a building
	// tile draws its roofs only; 0 means 5000.
	LODDistance float64
	// IconSize is the billboard size in metres; 0 means 12.
	IconSize float64
	// Mode selects normal or x-ray (underground) view.
	Mode Mode
	// Workers is the number of goroutines that extrude building tiles;
	// 0 means runtime.GOMAXPROCS(0). The output does not depend on it.
	Workers int
}

// Validate reports negative sizes, wrapping ErrOptions.
func (o Options) Validate() error {
	if o.TileBuildings < 0 || o.Workers < 0 || o.TerrainCells < 0 || o.LaneWidth < 0 || o.DefaultHeight < 0 || o.LODDistance < 0 || o.IconSize < 0 {
		return fmt.Errorf("%w: negative value", ErrOptions)
	}
	if o.Mode > ModeXRay {
		return fmt.Errorf("%w: unknown mode %d", ErrOptions, o.Mode)
	}
	return nil
}

func or[T int | float64](v, d T) T {
	if v == 0 {
		return d
	}
	return v
}

func (o Options) withDefaults() Options {
	o.TileBuildings = or(o.TileBuildings, 4096)
	o.TerrainCells = or(o.TerrainCells, 256)
	o.LaneWidth = or(o.LaneWidth, 3.5)
	o.DefaultHeight = or(o.DefaultHeight, 3)
	o.LODDistance = or(o.LODDistance, 5000)
	o.IconSize = or(o.IconSize, 12)
	o.Workers = or(o.Workers, runtime.GOMAXPROCS(0))
	return o
}

// Colours and ramps of the scene.
var (
	BuildingColor = render.Color{R: 0.78, G: 0.76, B: 0.72, A: 1}
	ClosedColor   = render.Color{R: 0.9, G: 0.05, B: 0.05, A: 1}
	SewerColor    = render.Color{R: 0.55, G: 0.35, B: 0.15, A: 1}
	WaterMains    = render.Color{R: 0.1, G: 0.4, B: 0.95, A: 1}
	// SpeedRamp colours roads by live speed as a fraction of the limit:
	// red at a standstill, amber at half, green at the limit.
	SpeedRamp = render.Ramp{Stops: []render.RampStop{
		{Value: 0, Color: render.Color{R: 0.8, G: 0.1, B: 0.1, A: 1}},
		{Value: 0.5, Color: render.Color{R: 0.95, G: 0.65, B: 0.1, A: 1}},
		{Value: 1, Color: render.Color{R: 0.2, G: 0.75, B: 0.3, A: 1}},
	}}
	// DepthRamp colours flood water by depth in metres.
	DepthRamp = render.Ramp{Stops: []render.RampStop{
		{Value: 0, Color: render.Color{R: 0.6, G: 0.85, B: 1, A: 0.35}},
		{Value: 0.3, Color: render.Color{R: 0.2, G: 0.55, B: 0.95, A: 0.55}},
		{Value: 1, Color: render.Color{R: 0.05, G: 0.2, B: 0.7, A: 0.7}},
		{Value: 3, Color: render.Color{R: 0.05, G: 0.05, B: 0.4, A: 0.8}},
	}}
	// TerrainRamp colours the terrain by elevation in metres: sea blue at
	// or below 0 m (DEMs such as SRTM hold the sea at 0), land from 1 m.
	TerrainRamp = render.Ramp{Stops: []render.RampStop{
		{Value: 0, Color: render.Color{R: 0.22, G: 0.42, B: 0.62, A: 1}},
		{Value: 1, Color: render.Color{R: 0.45, G: 0.55, B: 0.35, A: 1}},
		{Value: 200, Color: render.Color{R: 0.6, G: 0.6, B: 0.45, A: 1}},
		{Value: 1000, Color: render.Color{R: 0.85, G: 0.85, B: 0.85, A: 1}},
	}}
)

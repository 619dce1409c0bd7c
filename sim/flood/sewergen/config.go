package sewergen

import (
	"errors"
	"fmt"
	"math"
)

// ErrNoNetwork: the input streets and terrain give no drainable network.
var ErrNoNetwork = errors.New("sewergen: no street network over the terrain")

// Config tunes generation. The zero value of every field means the default
// given in its comment.
type Config struct {
	// MaxSpacing is the largest distance between manholes along a street, m.
	// Default 80 m (typical design guidance: 50–100 m between access points).
	MaxSpacing float64
	// MinCover is the smallest depth of soil over a pipe crown, m. Default
	// 1.2 m (frost and traffic loads; EN 752 practice is 1.0–1.5 m).
	MinCover float64
	// MinSlope is the smallest pipe gradient (m/m). Default: the
	// self-cleansing rule of thumb 1/D with D in millimetres (0.33 % for a
	// 300 mm pipe, 0.1 % for 1 m and larger).
	MinSlope float64
	// Roughness is Manning's n of the pipes. Default 0.013 (concrete).
	Roughness float64
	// RunoffCoeff is the rational-method runoff coefficient. Default 0.75
	// (dense urban area).
	RunoffCoeff float64
	// DesignIntensity is the design rainfall intensity, mm/h. Default
	// 60 mm/h (a 2-year, ~15-minute storm in a Mediterranean climate).
	DesignIntensity float64
	// CatchRadius is the farthest a surface cell drains to its nearest
	// manhole, m. Default 60 m.
	CatchRadius float64
	// CellSize is the cell of the contributing-area raster, m. Default 10 m.
	CellSize float64
	// OutfallMaxGround: a manhole that is the lowest among its street
	// neighbours and whose ground is at or below this elevation becomes an
	// outfall (to the sea or a river). Default 3 m. So does a manhole at or
	// below that elevation within CatchRadius of the sea (terrain at or
	// below 0 m), keeping OutfallSpacing between coastal outfalls. Every
	// connected street network also gets its lowest manhole as an outfall.
	OutfallMaxGround float64
	// OutfallSpacing is the least distance between coastal outfalls, m.
	// Default 250 m.
	OutfallSpacing float64
	// AdversePenalty weighs uphill pipe runs in the routing cost: an edge
	// costs length × (1 + AdversePenalty × adverse slope). Default 1000:
	// climbing 1 m costs as much as a kilometre of level pipe.
	AdversePenalty float64
	// MaxDepth is the deepest a manhole may be (ground to invert) before the
	// flow is lifted by a pumping station, m. Default 6 m (gravity sewers
	// are rarely laid deeper than 5–7 m by open cut).
	MaxDepth float64
	// MinComponent drops street networks with fewer manholes. Default 4.
	MinComponent int
	// Sizes are the available pipe diameters in m, ascending. Default
	// 0.3–3.0 m in common commercial steps.
	Sizes []float64
}

var defaultSizes = []float64{0.3, 0.375, 0.45, 0.525, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.MaxSpacing, 80)
	def(&c.MinCover, 1.2)
	def(&c.Roughness, 0.013)
	def(&c.RunoffCoeff, 0.75)
	def(&c.DesignIntensity, 60)
	def(&c.CatchRadius, 60)
	def(&c.CellSize, 10)
	def(&c.OutfallMaxGround, 3)
	def(&c.AdversePenalty, 1000)
	def(&c.OutfallSpacing, 250)
	def(&c.MaxDepth, 6)
	if c.MinComponent == 0 {
		c.MinComponent = 4
	}
	if c.Sizes == nil {
		c.Sizes = defaultSizes
	}
	return c
}

// Validate reports negative or inconsistent settings.
func (c Config) Validate() error {
	for name, v := range map[string]float64{"MaxSpacing": c.MaxSpacing, "MinCover": c.MinCover, "MinSlope": c.MinSlope,
		"Roughness": c.Roughness, "RunoffCoeff": c.RunoffCoeff, "DesignIntensity": c.DesignIntensity,
		"CatchRadius": c.CatchRadius, "CellSize": c.CellSize, "AdversePenalty": c.AdversePenalty,
		"OutfallSpacing": c.OutfallSpacing, "MaxDepth": c.MaxDepth} {
		if v < 0 || v != v {
			return fmt.Errorf("sewergen: %s must not be negative, got %g", name, v)
		}
	}
	for i, s := range c.Sizes {
		if s <= 0 || (i > 0 && s <= c.Sizes[i-1]) {
			return fmt.Errorf("sewergen: Sizes must be positive and ascending")
		}
	}
	if c.RunoffCoeff > 1 {
		return fmt.Errorf("sewergen: RunoffCoeff %g above 1", c.RunoffCoeff)
	}
	return nil
}

// minSlope returns the least gradient of a pipe of diameter d metres.
func (c Config) minSlope(d float64) float64 {
	if c.MinSlope > 0 {
		return c.MinSlope
	}
	return math.Max(0.001, 0.001/d)
}

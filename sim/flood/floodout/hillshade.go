package floodout

import (
	"math"

	"twin/geo"
)

// Hillshade returns the shaded relief of dem in [0, 1] per cell, NaN where
// the DEM is NaN: Horn's (1981) 3×3 slope and aspect lit from azimuth
// 315° (north-west) at 45° above the horizon, z factor 1, as GDAL's
// `gdaldem hillshade` computes it (value/255 there). Edge cells and
// cells next to no-data repeat the centre value for the missing
// neighbours. O(cells).
func Hillshade(dem *geo.Grid) []float32 {
	const az, alt = 315 * math.Pi / 180, 45 * math.Pi / 180
	// The direction to the light: east, north, up.
	lx, ly, lz := math.Sin(az)*math.Cos(alt), math.Cos(az)*math.Cos(alt), math.Sin(alt)
	nx, ny := dem.Cols, dem.Rows
	out := make([]float32, nx*ny)
	for r := range ny {
		for c := range nx {
			z := dem.At(c, r)
			if math.IsNaN(z) {
				out[r*nx+c] = float32(math.NaN())
				continue
			}
			at := func(dc, dr int) float64 {
				if v := dem.At(c+dc, r+dr); !math.IsNaN(v) {
					return v
				}
				return z
			}
			// Horn's gradients, east and north (rows grow southward).
			dzdx := ((at(1, -1) + 2*at(1, 0) + at(1, 1)) - (at(-1, -1) + 2*at(-1, 0) + at(-1, 1))) / (8 * dem.DX)
			dzdy := ((at(-1, -1) + 2*at(0, -1) + at(1, -1)) - (at(-1, 1) + 2*at(0, 1) + at(1, 1))) / (8 * dem.DY)
			// The cosine between the surface normal (−∂z/∂x, −∂z/∂y, 1) and the light.
			v := (lz - dzdx*lx - dzdy*ly) / math.Sqrt(1+dzdx*dzdx+dzdy*dzdy)
			out[r*nx+c] = float32(min(1, max(0, v)))
		}
	}
	return out
}

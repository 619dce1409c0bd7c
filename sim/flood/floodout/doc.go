// Package floodout writes the outputs of a flood run to an io.Writer: PNG
// maps (the maximum depth over a hillshade of the DEM, with a depth colour
// ramp and a legend; the flood extent), hydrograph and stage-series plots
// (gonum/plot), a CSV of time series, and the mass-balance report as
// Markdown or JSON. Rasters themselves are written with twin/geo/dem
// (ASCII grid, GeoTIFF); Grid wraps a depth field in the DEM's georeference
// for that.
//
// # Conventions
//
// Grids follow twin/geo: row 0 is the northern row, cell (c, r) is at
// index r·Cols + c. Depths are metres, times seconds, flows m³/s, volumes
// m³. A map draws cell (c, r) on the pixels [c·s, (c+1)·s) × [r·s,
// (r+1)·s) for the scale s the options give (MapOptions.PixelsPerCell), so
// a caller can find a cell on the image; the legend sits to the right of
// the map.
//
// The hillshade is Horn's (1981) slope and aspect with GDAL's gdaldem
// defaults: light from azimuth 315° at 45° altitude, z factor 1.
//
// The maps are drawn by hand with image/png and golang.org/x/image's basic
// font (gonum/plot's axes and padding would hide where each cell lands);
// the line plots use gonum/plot. Everything here is pure and deterministic
// (same inputs, same bytes), and safe for concurrent use on distinct
// values.
package floodout

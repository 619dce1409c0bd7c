// Package lisflood reads the text inputs of LISFLOOD-FP (Bates et al.,
// University of Bristol) — the .par parameter file, .bci boundary
// conditions, .bdy boundary time series and .stage gauge locations — and
// writes and reads its .stage output, so that existing LISFLOOD-FP models,
// the UK Environment Agency benchmark inputs among them, run on twin's
// surface solver (twin/sim/flood/surface) as they are.
//
// The readers take an io.Reader and a name for error positions; errors are
// *geo.ParseError values ("file:line: …") wrapping geo.ErrSyntax (malformed
// text), geo.ErrInvalid (impossible values) or geo.ErrUnsupported
// (keywords this package knows but cannot honour). Load opens a model's
// files through an fs.FS (os.DirFS in a command) and decodes the DEM with
// twin/geo/dem. Inputs.Model converts a decoded model into a surface.Model
// and surface.Options with LISFLOOD-FP's conventions and defaults:
//
//   - Boundary flows in .bci/.bdy (QFIX, QVAR) are per unit width (m²/s);
//     point sources (P … QFIX/QVAR) are m²/s times the cell size, as in
//     LISFLOOD-FP's code.
//   - A boundary stretch "W 990 1010" takes the edge cells whose centres
//     lie in [990, 1010] m; later lines win where stretches overlap.
//   - FREE without a slope uses the local water-surface slope; HFIX/HVAR
//     give a water-surface elevation (m).
//   - Defaults when the .par is silent: θ = 1 (theta), α = 0.7 (cfl),
//     depth threshold 1 mm (depth_thresh), g = 9.80655 (gravity), maximum
//     step 10 s (initial_tstep), as LISFLOOD-FP 8's source sets them.
//
// Units are SI: metres, seconds, m³/s. Everything here is pure: no files
// but through fs.FS, no clock, safe for concurrent use on distinct values.
package lisflood

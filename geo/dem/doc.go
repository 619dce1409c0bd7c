// Package dem decodes and encodes digital elevation models: ESRI ASCII grids
// (.asc), SRTM tiles (.hgt, also inside a .zip) and single-band GeoTIFFs
// (.tif), and reads the CRS of ESRI .prj sidecar files.
//
// Conventions:
//
//   - Every decoder returns a [geo.Dataset] with Format "dem" and one
//     [geo.Grid] in the source CRS: north-west origin, row 0 north, values
//     standing at cell centres, NaN for nodata. Coordinates are in CRS units
//     (degrees for EPSG:4326, metres for projected CRSs); elevations are the
//     source's (metres for SRTM).
//   - Cell-registered ("pixel is point") sources are shifted by half a cell
//     so that X0, Y0 is the outer corner, as GDAL does by default: an SRTM
//     tile N43E007 with 1201×1201 samples has X0 = 7 − 1/2400°.
//   - Decoders take an io.Reader and the file name used in messages; they do
//     no file I/O. Errors are *geo.ParseError values carrying the file name
//     and a line (ASCII grids) or byte offset (binary formats) and wrapping
//     geo.ErrSyntax, geo.ErrInvalid or geo.ErrUnsupported, plus ErrTooLarge
//     when a header asks for more than [Options] allows. Bad input never
//     panics, and sizes read from a file are checked against the limits
//     before anything is allocated.
//   - EncodeASC and EncodeGeoTIFF write any valid grid (float32 samples for
//     GeoTIFF, so flood depths keep their precision); they return
//     ErrBadGrid, ErrBadOptions, ErrTooLarge or the writer's error.
//   - The TIFF reader is written here because golang.org/x/image/tiff reads
//     neither 16-bit signed nor floating-point samples nor GeoKeys; it uses
//     compress/zlib for deflate and golang.org/x/image/tiff/lzw for LZW.
//
// All functions are safe for concurrent use; they share no state.
package dem

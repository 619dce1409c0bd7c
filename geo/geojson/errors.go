package geojson

import "errors"

// Sentinel errors of this package; test with errors.Is. Decoding errors are
// *geo.ParseError values wrapping geo.ErrSyntax, geo.ErrInvalid or
// geo.ErrUnsupported instead.
var (
	// ErrNonFinite marks a coordinate that is NaN or infinite (after
	// projection), which GeoJSON cannot represent.
	ErrNonFinite = errors.New("geojson: non-finite coordinate")
	// ErrOptions marks invalid Options or EncodeOptions.
	ErrOptions = errors.New("geojson: invalid options")
	// ErrClosed is returned by Writer.Write after Close.
	ErrClosed = errors.New("geojson: writer closed")
)

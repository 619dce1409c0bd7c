package proj

import "errors"

// Sentinel errors; returned errors also wrap the matching geo sentinel, so
// callers may test with either.
var (
	// ErrUnknownCRS marks a well-formed CRS identifier this package does not
	// support, such as an EPSG code outside [Supported]. Errors carrying it
	// also wrap geo.ErrUnsupported.
	ErrUnknownCRS = errors.New("proj: unknown CRS")
	// ErrMalformedCRS marks a string that is not a CRS identifier at all, or
	// a LOCAL origin that is not a valid lon,lat. Errors carrying it also wrap
	// geo.ErrSyntax, or geo.ErrInvalid for a LOCAL origin out of range.
	ErrMalformedCRS = errors.New("proj: malformed CRS identifier")
)

package sumo

import "errors"

// Sentinel errors, wrapped in a *geo.ParseError together with one of
// geo.ErrSyntax, geo.ErrInvalid or geo.ErrUnsupported; test with errors.Is.
var (
	// ErrFormat marks a document whose root element is not the one the
	// decoder reads (<net> for networks, <routes>/<additional> for demand,
	// <tripinfos> for trip outputs).
	ErrFormat = errors.New("sumo: not a SUMO file of this kind")
	// ErrAttr marks a missing required attribute or one whose value cannot
	// be read (a bad number, an unknown keyword, a negative length).
	ErrAttr = errors.New("sumo: bad attribute")
	// ErrTruncated marks a document that ends inside an element.
	ErrTruncated = errors.New("sumo: truncated document")
	// ErrEncode marks a value an encoder cannot write (a NaN or infinite
	// number, an empty id).
	ErrEncode = errors.New("sumo: cannot encode")
)

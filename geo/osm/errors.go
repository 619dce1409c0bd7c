package osm

import "errors"

// Sentinel errors of this package. A decoding failure is a *geo.ParseError
// whose chain holds one of geo.ErrSyntax, geo.ErrInvalid or geo.ErrUnsupported
// and, where one applies, one of these.
var (
	// ErrFormat marks input that is neither OSM PBF nor OSM XML.
	ErrFormat = errors.New("osm: not an OSM PBF or OSM XML file")
	// ErrTruncated marks input that ends inside a PBF blob or an XML element.
	ErrTruncated = errors.New("osm: truncated input")
	// ErrOptions marks an invalid Options value (see Options.Validate).
	ErrOptions = errors.New("osm: invalid options")
)

package swmm

import "errors"

// Sentinel errors. Decode wraps them, together with one of geo.ErrSyntax,
// geo.ErrInvalid or geo.ErrUnsupported, in a *geo.ParseError that gives the
// file and line; test with errors.Is.
var (
	// ErrFlowUnits marks a FLOW_UNITS option other than CFS, GPM, MGD, CMS,
	// LPS or MLD (wrapped with geo.ErrUnsupported).
	ErrFlowUnits = errors.New("swmm: unknown FLOW_UNITS")
	// ErrDuplicate marks a second object of the same name in one name space
	// (nodes, links, subcatchments, rain gauges), which SWMM rejects too.
	ErrDuplicate = errors.New("swmm: duplicate name")
	// ErrMissingRef marks a reference to an object the model does not define.
	// Decode only returns it with Options.Strict; otherwise it warns.
	ErrMissingRef = errors.New("swmm: reference to a missing object")
	// ErrKeyword marks an unknown keyword in a column that takes one
	// (outfall type, cross-section shape, curve type, …).
	ErrKeyword = errors.New("swmm: unknown keyword")
	// ErrEncode marks a Model that Encode cannot write (a name with white
	// space or quotes, a NaN or infinite number).
	ErrEncode = errors.New("swmm: cannot encode")
)

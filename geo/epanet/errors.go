package epanet

import "errors"

// Sentinel errors. Decode wraps them, together with one of geo.ErrSyntax,
// geo.ErrInvalid or geo.ErrUnsupported, in a *geo.ParseError that gives the
// file and line; test with errors.Is.
var (
	// ErrUnits marks an UNITS option EPANET does not define (wrapped with
	// geo.ErrUnsupported).
	ErrUnits = errors.New("epanet: unknown flow units")
	// ErrDuplicate marks a second node or link of the same name.
	ErrDuplicate = errors.New("epanet: duplicate name")
	// ErrMissingRef marks a reference to an undefined node or link; Decode
	// only returns it with Options.Strict, otherwise it warns.
	ErrMissingRef = errors.New("epanet: reference to a missing object")
	// ErrKeyword marks an unknown keyword where one is required (valve
	// type, pump parameter, headloss formula, …).
	ErrKeyword = errors.New("epanet: unknown keyword")
	// ErrOptions marks invalid decoding Options (see Options.Validate).
	ErrOptions = errors.New("epanet: invalid options")
)

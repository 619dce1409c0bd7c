package urban

import "errors"

// Sentinel errors; functions wrap them with %w and add detail.
var (
	// ErrOptions: an Options field is out of range.
	ErrOptions = errors.New("urban: invalid options")
	// ErrInputs: the Inputs cannot make a model (no DEM, an empty or
	// missing extent, a grid with no open cell, …).
	ErrInputs = errors.New("urban: invalid inputs")
	// ErrUnknown: a named pipe or node is not in the sewer model.
	ErrUnknown = errors.New("urban: unknown name")
)

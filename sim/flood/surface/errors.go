package surface

import "errors"

// Sentinel errors. Functions wrap them with %w and add detail.
var (
	// ErrOptions: an Options field is out of range.
	ErrOptions = errors.New("surface: invalid options")
	// ErrModel: the Model is inconsistent (no DEM, a raster of the wrong
	// size, a negative roughness, a source on a blocked cell …).
	ErrModel = errors.New("surface: invalid model")
	// ErrSeries: a time series has mismatched lengths, unsorted times or
	// non-finite values.
	ErrSeries = errors.New("surface: invalid time series")
	// ErrOutside: a point (source, gauge) lies outside the grid.
	ErrOutside = errors.New("surface: point outside the grid")
	// ErrIndex: a source or gauge index is out of range.
	ErrIndex = errors.New("surface: index out of range")
	// ErrUnstable: the solution blew up (a non-finite depth); the state is
	// no longer usable.
	ErrUnstable = errors.New("surface: solution became non-finite")
	// ErrClosed: the Sim was closed.
	ErrClosed = errors.New("surface: simulation closed")
)

package floodout

import "errors"

// Sentinel errors.
var (
	// ErrSize: a field whose length does not match its grid, or an empty grid.
	ErrSize = errors.New("floodout: field does not match the grid")
	// ErrOptions: options that cannot be honoured (see Validate).
	ErrOptions = errors.New("floodout: invalid options")
	// ErrSeries: time series of different lengths, or none.
	ErrSeries = errors.New("floodout: invalid series")
)

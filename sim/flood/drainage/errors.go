package drainage

import "errors"

// Sentinel errors.
var (
	// ErrInvalid marks a model or option the solver cannot run: a
	// non-positive length or roughness, a link naming a missing curve, a
	// time step <= 0, …
	ErrInvalid = errors.New("drainage: invalid")
	// ErrUnsupported marks model features the solver does not simulate
	// (cross-section shapes other than circular, rectangular, trapezoidal
	// and triangular; tidal outfalls; curve-number infiltration; …).
	ErrUnsupported = errors.New("drainage: unsupported")
	// ErrUnknown marks a node or link name or index that is not in the
	// network.
	ErrUnknown = errors.New("drainage: unknown")
	// ErrUnstable marks a run whose state became non-finite.
	ErrUnstable = errors.New("drainage: unstable")
)

// gravity is the acceleration due to gravity, m/s² (standard value, CGPM 1901).
const gravity = 9.80665

// fudge is the smallest depth (m) or area (m²) treated as wet; SWMM 5
// uses 0.0001 ft.
const fudge = 0.0001 * 0.3048

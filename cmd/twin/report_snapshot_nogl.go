//go:build !cgo

package main

import (
	"context"

	"twin/engine"
	"twin/scenarios"
	scenreport "twin/scenarios/report"
)

// wallShot: without cgo there is no OpenGL, so no wall view.
func wallShot(context.Context, *engine.World, *scenarios.VariantResult, int, int) (*scenreport.Image, error) {
	return nil, errNoGL
}

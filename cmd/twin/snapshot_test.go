//go:build !cgo

package main

import (
	"errors"
	"testing"
)

// TestNoGL: without cgo, snapshot and wall say so instead of failing later.
func TestNoGL(t *testing.T) {
	for _, args := range [][]string{{"snapshot", "-o", "x.png"}, {"wall", "--frames", "1"}} {
		root := newRootCmd()
		root.SetArgs(args)
		if err := root.Execute(); !errors.Is(err, errNoGL) {
			t.Errorf("twin %v = %v, want errNoGL", args, err)
		}
	}
}

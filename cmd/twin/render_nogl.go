//go:build !cgo

package main

import "github.com/spf13/cobra"

// runSnapshot: without cgo there is no OpenGL.
func runSnapshot(*cobra.Command, *globalFlags, snapshotFlags) error { return errNoGL }

// runWall: without cgo there is no OpenGL.
func runWall(*cobra.Command, *globalFlags, wallFlags) error { return errNoGL }

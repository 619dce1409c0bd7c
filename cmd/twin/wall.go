package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newWallCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "wall",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("wall: not built yet")
		},
	}
}

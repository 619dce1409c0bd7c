package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newFloodCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "flood",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("flood: not built yet")
		},
	}
}

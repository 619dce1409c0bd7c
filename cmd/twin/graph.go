package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newGraphCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "graph",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("graph: not built yet")
		},
	}
}

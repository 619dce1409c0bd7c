package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newRouteCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "route",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("route: not built yet")
		},
	}
}

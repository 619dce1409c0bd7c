package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newDispatchCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "dispatch",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("dispatch: not built yet")
		},
	}
}

package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newRunCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "run",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("run: not built yet")
		},
	}
}

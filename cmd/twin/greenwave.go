package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newGreenwaveCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "greenwave",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("greenwave: not built yet")
		},
	}
}

package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newTrafficCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "traffic",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("traffic: not built yet")
		},
	}
}

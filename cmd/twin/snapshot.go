package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newSnapshotCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:    "snapshot",
		Short:  "(in progress)",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("snapshot: not built yet")
		},
	}
}

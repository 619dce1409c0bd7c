package main

import (
	"context"
	"flag"
	"fmt"

	apibench "twin/benchmarks/api"
	"twin/engine"
)

// cityFlags select the city a subcommand works on.
type cityFlags struct {
	name string
	n    int
	seed uint64
}

func (c *cityFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.name, "city", "monaco", "monaco (embedded sample) or synthetic")
	fs.IntVar(&c.n, "n", 1_000_000, "buildings in the synthetic city")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the synthetic city")
}

// world builds the selected city.
func (c cityFlags) world(ctx context.Context) (*engine.World, error) {
	switch c.name {
	case "monaco":
		return apibench.Monaco(ctx)
	case "synthetic":
		return apibench.Synthetic(c.n, c.seed)
	}
	return nil, fmt.Errorf("unknown city %q (monaco, synthetic)", c.name)
}

// defaultSide is the box side in metres that matches about 100 buildings
// on average in each city (measured with `apibench engine`, which prints
// the mean): Monaco's sample is dense in its centre; the synthetic city has
// ~625 buildings per km² on average, more in its districts.
func (c cityFlags) defaultSide() float64 {
	if c.name == "synthetic" {
		return 300
	}
	return 250
}

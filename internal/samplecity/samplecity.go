package samplecity

import (
	"context"

	"twin/assets"
	"twin/engine"
	"twin/geo"
)

// World decodes every file of the sample city and loads them into a new
// World in one transaction. About 0.5 s.
func World(ctx context.Context) (*engine.World, error) {
	var sets []*geo.Dataset
	for _, name := range assets.CityFiles {
		ds, err := engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
		if err != nil {
			return nil, err
		}
		sets = append(sets, ds)
	}
	w, err := engine.New(engine.Config{})
	if err != nil {
		return nil, err
	}
	if _, err := w.Load(ctx, sets...); err != nil {
		return nil, err
	}
	return w, nil
}

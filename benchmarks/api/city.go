package apibench

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"twin/assets"
	"twin/benchmarks"
	"twin/engine"
	"twin/geo"
)

// SyntheticCRS is the CRS the synthetic city is placed in: UTM zone 32N,
// Monaco's zone, so lon/lat output lands near Monaco.
const SyntheticCRS = "EPSG:32632"

// SyntheticOrigin is the south-west corner of the synthetic city in
// SyntheticCRS metres: with the 40 km side it spans about 7.14–7.63°E,
// 43.61–43.98°N (cs2cs EPSG:32632 EPSG:4326 on the corners), Monaco inside.
var SyntheticOrigin = orb.Point{350000, 4830000}

// SyntheticSide is the side of the synthetic city in metres, as the city
// model benchmarks use it (~625 buildings per km² for a million).
const SyntheticSide = 40000.0

// Monaco loads the embedded sample city (roads, buildings, terrain, sewer)
// into a new World, as `twin serve` without --data does. Errors: a decoding
// or load error of the embedded files.
func Monaco(ctx context.Context) (*engine.World, error) {
	var sets []*geo.Dataset
	for _, name := range assets.CityFiles {
		ds, err := engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
		if err != nil {
			return nil, fmt.Errorf("apibench: %s: %w", name, err)
		}
		sets = append(sets, ds)
	}
	w, err := engine.New(engine.Config{})
	if err != nil {
		return nil, err
	}
	if _, err := w.Load(ctx, sets...); err != nil {
		return nil, fmt.Errorf("apibench: load monaco: %w", err)
	}
	return w, nil
}

// Synthetic returns a World in SyntheticCRS holding n buildings of
// benchmarks.SyntheticBuildings(n, SyntheticSide, seed), shifted by
// SyntheticOrigin, loaded as a dataset in that CRS (so the World records
// its lon/lat extent as for a file). The same n and seed give the same
// World. O(n log n); about 2 s and 0.5 GB for a million.
func Synthetic(n int, seed uint64) (*engine.World, error) {
	fs := benchmarks.SyntheticBuildings(n, SyntheticSide, seed)
	for _, f := range fs {
		b := f.(*geo.Building)
		for _, poly := range b.Footprint {
			for _, ring := range poly {
				for i := range ring {
					ring[i][0] += SyntheticOrigin[0]
					ring[i][1] += SyntheticOrigin[1]
				}
			}
		}
	}
	w, err := engine.New(engine.Config{CRS: SyntheticCRS})
	if err != nil {
		return nil, err
	}
	ds := &geo.Dataset{Name: "synthetic", Format: "synthetic", CRS: SyntheticCRS,
		Layers: map[string][]geo.Feature{geo.LayerBuildings: fs}}
	if _, err := w.Load(context.Background(), ds); err != nil {
		return nil, fmt.Errorf("apibench: synthetic city: %w", err)
	}
	return w, nil
}

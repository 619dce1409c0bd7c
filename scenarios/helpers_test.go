package scenarios

import (
	"context"
	"sync"
	"testing"

	"twin/assets"
	"twin/engine"
	"twin/geo"
)

var sample struct {
	once sync.Once
	snap *engine.Snapshot
	err  error
}

// sampleCity loads the embedded sample city once per test binary.
func sampleCity(t testing.TB) *engine.Snapshot {
	t.Helper()
	sample.once.Do(func() {
		ctx := context.Background()
		w, err := engine.New(engine.Config{})
		if err != nil {
			sample.err = err
			return
		}
		var sets []*geo.Dataset
		for _, name := range assets.CityFiles {
			ds, err := engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
			if err != nil {
				sample.err = err
				return
			}
			sets = append(sets, ds)
		}
		if _, err := w.Load(ctx, sets...); err != nil {
			sample.err = err
			return
		}
		sample.snap = w.Snapshot()
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	return sample.snap
}

package scenarios

import (
	"context"
	"sync"
	"testing"

	"twin/engine"
	"twin/internal/samplecity"
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
		w, err := samplecity.World(context.Background())
		if err != nil {
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

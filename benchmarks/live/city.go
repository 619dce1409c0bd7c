package livebench

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"twin/assets"
	"twin/engine"
	"twin/engine/live"
	"twin/geo"
)

// City sizes: the sensors and units the feed addresses.
const (
	Sensors = 1000
	Units   = 50
)

// Monaco loads the embedded sample city into a new World, as `twin serve`
// does without --data. About 0.1 s. Errors: a decoding or load error of
// the embedded files.
func Monaco(ctx context.Context) (*engine.World, error) {
	var sets []*geo.Dataset
	for _, name := range assets.CityFiles {
		ds, err := engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
		if err != nil {
			return nil, fmt.Errorf("livebench: %s: %w", name, err)
		}
		sets = append(sets, ds)
	}
	w, err := engine.New(engine.Config{})
	if err != nil {
		return nil, err
	}
	if _, err := w.Load(ctx, sets...); err != nil {
		return nil, fmt.Errorf("livebench: load: %w", err)
	}
	return w, nil
}

// Populate ingests, as one batch of source "setup", the Sensors
// water-level sensors and Units ambulances that Feed addresses, at seeded
// points inside the city's lon/lat bounds. Errors: a World without
// geodetic bounds, or Ingest's.
func Populate(ctx context.Context, s *live.Store, seed uint64) error {
	b, ok := s.World().Snapshot().BoundsLonLat()
	if !ok {
		return fmt.Errorf("livebench: the World has no lon/lat bounds")
	}
	r := rand.New(rand.NewPCG(seed, 0x5e75))
	point := func() json.RawMessage {
		lon := b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0])
		lat := b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])
		return json.RawMessage(fmt.Sprintf(`{"type":"Point","coordinates":[%.7f,%.7f]}`, lon, lat))
	}
	ts := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	ds := make([]engine.Delta, 0, Sensors+Units)
	for i := range Sensors {
		ds = append(ds, engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: SensorID(i),
			Geometry: point(), Properties: map[string]any{"type": "water_level", "unit": "m"}})
	}
	for i := range Units {
		ds = append(ds, engine.Delta{Kind: engine.KindUpsert, Layer: geo.LayerUnits, ID: UnitID(i),
			Geometry: point(), Properties: map[string]any{"type": "ambulance", "status": "available"}})
	}
	for i := range ds {
		ds[i].Source, ds[i].Seq, ds[i].TS = "setup", uint64(i+1), ts
	}
	_, err := s.Ingest(ctx, ds)
	return err
}

// SensorID and UnitID name the features Populate adds.
func SensorID(i int) string { return fmt.Sprintf("wl-%04d", i) }

// UnitID: see SensorID.
func UnitID(i int) string { return fmt.Sprintf("amb-%02d", i) }

// Feed is one source's seeded stream of deltas: readings of random sensors
// (nine in ten) and moves of random ambulances within about 1 km of the
// city centre. Not safe for concurrent use; give each producer its own.
type Feed struct {
	source   string
	seq      uint64
	r        *rand.Rand
	lon, lat float64 // city centre, degrees
}

// NewFeed returns the feed of source around the centre of s's World.
func NewFeed(s *live.Store, source string, seed uint64) *Feed {
	c := [2]float64{7.42, 43.735}
	if b, ok := s.World().Snapshot().BoundsLonLat(); ok {
		c = b.Center()
	}
	return &Feed{source: source, r: rand.New(rand.NewPCG(seed, 0xfeed)), lon: c[0], lat: c[1]}
}

// Next returns the next n deltas, stamped ts (the time the batch is due,
// which the latency benchmark reads back on the subscriber's side).
func (f *Feed) Next(n int, ts time.Time) []engine.Delta {
	out := make([]engine.Delta, n)
	for i := range out {
		f.seq++
		d := engine.Delta{Source: f.source, Seq: f.seq, TS: ts}
		if f.r.IntN(10) == 0 {
			lon, lat := f.lon+(f.r.Float64()-0.5)*0.02, f.lat+(f.r.Float64()-0.5)*0.02
			d.Kind, d.Layer, d.ID, d.Lon, d.Lat = engine.KindMove, geo.LayerUnits, UnitID(f.r.IntN(Units)), &lon, &lat
		} else {
			v := f.r.Float64() * 3
			d.Kind, d.Layer, d.ID, d.Value = engine.KindReading, geo.LayerSensors, SensorID(f.r.IntN(Sensors)), &v
		}
		out[i] = d
	}
	return out
}

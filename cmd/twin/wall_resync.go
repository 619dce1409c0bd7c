package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"twin/engine"
	"twin/engine/live"
	"twin/geo"
	"twin/geo/geojson"
)

// The remote follower keeps a wall's local store equal to a twin serve's
// for the layers that deltas change. It reloads those layers (read the
// live version V, fetch the layers' items, apply the difference locally as
// one batch), then follows the delta stream from V; a resync event starts
// over with a reload.
//
// Deltas are idempotent by (source, seq) only as a per-source high-water
// mark (Tx.Apply drops a delta whose seq is not above the last applied for
// its source), so a reload must not stamp the server's (source, seq) on the
// local features: a feature fetched late, carrying a seq from after V,
// would make the store drop the replayed deltas after V of the same source
// on features fetched early. The reload's deltas carry their own source,
// reloadSource, and the server's ts; the replayed deltas after V then all
// apply (their seqs are above anything the wall has seen) and each sets
// absolute values, so applying one the fetched state already shows is
// harmless. A replayed delta for a feature the fetched state no longer
// holds (deleted after V) is dropped (see ingestLenient).

// reloadSource is the delta source of the changes a reload makes locally.
// Features a reload changes show it as their source property, and their
// seq is the wall's own count; ts is the server's.
const reloadSource = "twin-wall-reload"

// defaultResyncLayers are the layers that live deltas change: sensor
// readings, unit positions and status, road and link closures.
var defaultResyncLayers = []string{geo.LayerSensors, geo.LayerUnits, geo.LayerRoads, geo.LayerLinks}

// stampKeys are the properties every applied delta stamps; source and seq
// differ between the server and a reloaded wall by design.
var stampKeys = map[string]bool{"source": true, "seq": true, "ts": true}

// wireTolDeg is how far apart, in degrees, two wire coordinates may be and
// still count as the same position: 1.5 steps of the 7-decimal wire
// rounding (about 1.7 cm), so that a position that went through the wire
// once and was projected back compares equal.
const wireTolDeg = 1.5e-7

// localWire encodes a local feature as the items route does (lon/lat, 7
// decimals) and reads it back, so that it compares with a served one.
func localWire(f geo.Feature, toLonLat geo.PointFunc) (wireFeature, error) {
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	if err := geojson.EncodeFeature(&buf, f, geojson.EncodeOptions{Project: toLonLat, Precision: 7}); err != nil {
		return wireFeature{}, err
	}
	buf.WriteString("]}")
	p, err := decodeItemsPage(&buf, "local feature "+f.FeatureID())
	if err != nil || len(p.Features) != 1 {
		return wireFeature{}, fmt.Errorf("local feature %s: %v", f.FeatureID(), err)
	}
	return p.Features[0], nil
}

// sameGeometry reports whether two GeoJSON geometries have the same type
// and structure and every coordinate within tol degrees.
func sameGeometry(a, b json.RawMessage, tol float64) bool {
	ga, errA := orbjson.UnmarshalGeometry(a)
	gb, errB := orbjson.UnmarshalGeometry(b)
	if errA != nil || errB != nil {
		return bytes.Equal(a, b)
	}
	if ga.Coordinates == nil || gb.Coordinates == nil {
		return ga.Coordinates == nil && gb.Coordinates == nil
	}
	if ga.Coordinates.GeoJSONType() != gb.Coordinates.GeoJSONType() {
		return false
	}
	pa, pb := flatPoints(ga.Coordinates, nil), flatPoints(gb.Coordinates, nil)
	if len(pa) != len(pb) {
		return false
	}
	for i := range pa {
		if math.Abs(pa[i][0]-pb[i][0]) > tol || math.Abs(pa[i][1]-pb[i][1]) > tol {
			return false
		}
	}
	return true
}

// flatPoints appends every coordinate of g to dst, with a NaN pair between
// parts so that the same points split differently do not compare equal.
func flatPoints(g orb.Geometry, dst []orb.Point) []orb.Point {
	sep := orb.Point{math.NaN(), math.NaN()}
	switch g := g.(type) {
	case orb.Point:
		dst = append(dst, g)
	case orb.MultiPoint:
		dst = append(dst, g...)
	case orb.LineString:
		dst = append(dst, g...)
	case orb.Ring:
		dst = append(dst, g...)
	case orb.MultiLineString:
		for _, l := range g {
			dst = append(flatPoints(l, dst), sep)
		}
	case orb.Polygon:
		for _, r := range g {
			dst = append(flatPoints(r, dst), sep)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			dst = append(flatPoints(p, dst), sep)
		}
	case orb.Collection:
		for _, c := range g {
			dst = append(flatPoints(c, dst), sep)
		}
	}
	return dst
}

// diffLayer returns the deltas that turn the local layer into remote (the
// server's complete layer), in ID order, without source and seq (the
// caller numbers them): an upsert for a feature the wall lacks or whose
// geometry moved, a state delta with the changed properties (null for a
// removed one) when only properties or ts differ, a delete for a feature
// the server no longer has. Properties source and seq are not compared.
// now stamps features that have no ts on the server. O(n log n) in the
// features of both sides.
func diffLayer(local *engine.Layer, toLonLat geo.PointFunc, layer string, remote map[string]wireFeature, now time.Time) ([]engine.Delta, error) {
	ids := make([]string, 0, len(remote))
	for id := range remote {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []engine.Delta
	for _, id := range ids {
		r := remote[id]
		ts := wireTS(r.Properties, now)
		var lf geo.Feature
		ok := false
		if local != nil {
			lf, ok = local.Get(id)
		}
		if !ok {
			out = append(out, upsertDelta(layer, r, ts))
			continue
		}
		lw, err := localWire(lf, toLonLat)
		if err != nil {
			return nil, err
		}
		if !sameGeometry(lw.Geometry, r.Geometry, wireTolDeg) {
			out = append(out, upsertDelta(layer, r, ts))
			continue
		}
		if set := propDiff(lw.Properties, r.Properties); set != nil {
			out = append(out, engine.Delta{TS: ts, Kind: engine.KindState, Layer: layer, ID: id, Properties: set})
		}
	}
	if local != nil {
		local.Ascend("", func(f geo.Feature) bool {
			if _, ok := remote[f.FeatureID()]; !ok {
				out = append(out, engine.Delta{TS: now, Kind: engine.KindDelete, Layer: layer, ID: f.FeatureID()})
			}
			return true
		})
	}
	return out, nil
}

// wireTS is a served feature's ts property, or now when it has none.
func wireTS(props map[string]any, now time.Time) time.Time {
	if s, ok := props["ts"].(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t
		}
	}
	return now
}

func upsertDelta(layer string, r wireFeature, ts time.Time) engine.Delta {
	props := make(map[string]any, len(r.Properties))
	for k, v := range r.Properties {
		if !stampKeys[k] {
			props[k] = v
		}
	}
	return engine.Delta{TS: ts, Kind: engine.KindUpsert, Layer: layer, ID: r.ID, Geometry: r.Geometry, Properties: props}
}

// propDiff returns the properties to merge into local to get remote (nil
// values remove), ignoring source and seq; nil when they agree. A ts that
// alone differs gives {"ts": remote's}, which the stamp then sets.
func propDiff(local, remote map[string]any) map[string]any {
	var set map[string]any
	put := func(k string, v any) {
		if set == nil {
			set = map[string]any{}
		}
		set[k] = v
	}
	for k, v := range remote {
		if !stampKeys[k] && !reflect.DeepEqual(local[k], v) {
			put(k, v)
		}
	}
	for k := range local {
		if _, ok := remote[k]; !ok && !stampKeys[k] {
			put(k, nil)
		}
	}
	if rts, ok := remote["ts"]; ok && set == nil && !reflect.DeepEqual(local["ts"], rts) {
		put("ts", rts)
	}
	return set
}

// ingestLenient ingests ds, leaving out each delta the store rejects (a
// replayed change to a feature the reloaded state no longer holds) and
// trying the rest again, so that one stale delta does not cost the batch.
// It returns the result and the deltas left out. O(len(ds)) ingests at
// worst.
func ingestLenient(ctx context.Context, st *live.Store, ds []engine.Delta) (live.Result, []engine.Delta, error) {
	var dropped []engine.Delta
	owned := false
	for len(ds) > 0 {
		res, err := st.Ingest(ctx, ds)
		var rej *live.RejectError
		if !errors.As(err, &rej) || rej.Index < 0 || rej.Index >= len(ds) {
			return res, dropped, err
		}
		if !owned {
			ds, owned = slices.Clone(ds), true
		}
		dropped = append(dropped, ds[rej.Index])
		ds = slices.Delete(ds, rej.Index, rej.Index+1)
	}
	return live.Result{Version: st.Version()}, dropped, nil
}

// remoteFollower keeps st equal to a twin serve's layers; see the comment
// at the top of this file. The zero values of its tunables pick defaults.
type remoteFollower struct {
	client  *http.Client
	base    string
	st      *live.Store
	layers  []string
	log     *slog.Logger
	now     func() time.Time
	retry   time.Duration // first wait after a failed reload; default 1 s, doubling up to 30 s
	tries   int           // reload attempts before giving up; 0: until ctx ends
	page    int           // items per page; default 1000
	seq     uint64        // last seq of reloadSource
	reloads atomic.Int32  // completed reloads
	changes atomic.Int32  // changes the last reload applied
}

// followRemote follows base into st until ctx ends, logging how it ended.
func followRemote(ctx context.Context, client *http.Client, st *live.Store, base string, layers []string, log *slog.Logger) {
	r := &remoteFollower{client: client, base: base, st: st, layers: layers, log: log}
	if err := r.run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("delta stream ended", "err", err)
	}
}

// run reloads the layers, follows the stream from the version the state
// was read at, and on a resync does both again, until ctx ends (its error
// is returned), the reload gives up after r.tries attempts, or st fails.
func (r *remoteFollower) run(ctx context.Context) error {
	for {
		v, err := r.reloadRetrying(ctx)
		if err != nil {
			return err
		}
		err = followSSE(ctx, r.client, r.base, v, func(b *live.Batch) error { return r.ingestBatch(ctx, b) }, r.log)
		if !errors.Is(err, errResync) {
			return err
		}
		r.log.Warn("delta stream resync: reloading the live layers", "url", r.base)
	}
}

// reloadRetrying calls reload until it succeeds, waiting r.retry, then
// twice as long each time up to 30 s, between attempts.
func (r *remoteFollower) reloadRetrying(ctx context.Context) (uint64, error) {
	wait := valueOr(r.retry, time.Second)
	for attempt := 1; ; attempt++ {
		v, err := r.reload(ctx)
		if err == nil {
			return v, nil
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if errors.Is(err, live.ErrClosed) || errors.Is(err, live.ErrFailed) || (r.tries > 0 && attempt >= r.tries) {
			return 0, fmt.Errorf("wall reload from %s, attempt %d: %w", r.base, attempt, err)
		}
		r.log.Warn("wall reload failed; the local state is unchanged, retrying", "url", r.base, "attempt", attempt, "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

func valueOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// reload reads the server's live version, then its layers, and applies the
// difference to st as one batch. It returns the version to follow the
// stream from. On error nothing has been applied.
func (r *remoteFollower) reload(ctx context.Context) (uint64, error) {
	c := stateClient{client: r.client, base: strings.TrimRight(r.base, "/"), pageSize: valueOr(r.page, 1000), timeout: time.Minute}
	now := time.Now()
	if r.now != nil {
		now = r.now()
	}
	start := time.Now()
	v, err := c.version(ctx)
	if err != nil {
		return 0, err
	}
	snap := r.st.World().Snapshot()
	crs := snap.CRS()
	if crs == nil {
		return 0, errors.New("wall reload: the local World has no CRS")
	}
	toLonLat := func(p orb.Point) orb.Point { lon, lat := crs.Inverse(p[0], p[1]); return orb.Point{lon, lat} }
	var ds []engine.Delta
	fetched := 0
	for _, layer := range r.layers {
		remote, err := c.fetchLayer(ctx, snap.Layer(layer), layer)
		if err != nil {
			return 0, err
		}
		fetched += len(remote)
		d, err := diffLayer(snap.Layer(layer), toLonLat, layer, remote, now)
		if err != nil {
			return 0, err
		}
		ds = append(ds, d...)
	}
	r.seq = max(r.seq, snap.Seq(reloadSource))
	for i := range ds {
		r.seq++
		ds[i].Source, ds[i].Seq = reloadSource, r.seq
	}
	res, dropped, err := ingestLenient(ctx, r.st, ds)
	if err != nil {
		return 0, err
	}
	for _, d := range dropped {
		r.log.Warn("wall reload: change not applied", "kind", d.Kind, "layer", d.Layer, "id", d.ID)
	}
	r.reloads.Add(1)
	r.changes.Store(int32(len(ds) - len(dropped)))
	r.log.Info("wall reloaded the live layers", "url", r.base, "version", v, "layers", len(r.layers),
		"features", fetched, "changes", len(ds)-len(dropped), "local_version", res.Version, "took", time.Since(start).Round(time.Millisecond))
	return v, nil
}

// ingestBatch applies one streamed batch, leaving out replayed changes the
// reloaded state no longer has room for (a feature deleted after the
// version the reload read).
func (r *remoteFollower) ingestBatch(ctx context.Context, b *live.Batch) error {
	_, dropped, err := ingestLenient(ctx, r.st, b.Deltas)
	if len(dropped) > 0 {
		r.log.Debug("delta batch: changes left out", "version", b.Version, "count", len(dropped))
	}
	if errors.Is(err, live.ErrClosed) || errors.Is(err, live.ErrFailed) || ctx.Err() != nil {
		return err
	}
	if err != nil {
		r.log.Warn("delta batch not applied", "version", b.Version, "err", err)
	}
	return nil
}

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"

	apibench "twin/benchmarks/api"
	"twin/engine/api"
	"twin/geo"
)

// engineRun is one engine-level comparison: the in-process twin and PostGIS
// through pgx on the same boxes.
type engineRun struct {
	eng      *apibench.Engine
	twin     *apibench.Twin
	pg       *apibench.PostGIS
	boxes    []orb.Bound
	workers  int
	duration time.Duration
}

// runEngine checks that twin and PostGIS return the same features for a
// sample of boxes, then measures queries per second of both for pages of
// 10, 100 and all matches, printing Markdown table rows.
func runEngine(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("engine", flag.ExitOnError)
	var c cityFlags
	c.register(fs)
	db := fs.String("db", "", "PostgreSQL URL")
	table := fs.String("table", "", "PostGIS table of the city's buildings (apibench prepare)")
	side := fs.Float64("side", 0, "box side in metres (default: the city's ~100-building side)")
	nBoxes := fs.Int("boxes", 1000, "boxes to rotate through")
	workers := fs.Int("workers", 4, "concurrent queries on each side")
	duration := fs.Duration("duration", 5*time.Second, "measuring time per case and side")
	check := fs.Int("check", 200, "boxes whose full result sets are compared")
	fs.Parse(args)
	if *side == 0 {
		*side = c.defaultSide()
	}
	w, err := c.world(ctx)
	if err != nil {
		return err
	}
	pool, err := pgxpool.New(ctx, *db+poolSize(*db, *workers))
	if err != nil {
		return err
	}
	defer pool.Close()
	r := engineRun{workers: *workers, duration: *duration}
	if r.pg, err = apibench.NewPostGIS(pool, *table); err != nil {
		return err
	}
	if r.twin, err = apibench.NewTwin(w, api.Config{}); err != nil {
		return err
	}
	if r.eng, err = apibench.NewEngine(w, geo.LayerBuildings); err != nil {
		return err
	}
	if r.boxes, err = apibench.Boxes(w.Snapshot(), geo.LayerBuildings, *nBoxes, *side, 11); err != nil {
		return err
	}
	if err := r.check(ctx, c.name, min(*check, len(r.boxes))); err != nil {
		return err
	}
	for _, limit := range []int{10, 100, allLimit} {
		if err := r.measure(ctx, c.name, limit); err != nil {
			return err
		}
	}
	return nil
}

// allLimit asks for every match: twin's largest page.
const allLimit = 10000

// poolSize appends the pool's connection count to a URL.
func poolSize(url string, n int) string {
	sep := "?"
	for _, ch := range url {
		if ch == '?' {
			sep = "&"
		}
	}
	return fmt.Sprintf("%spool_max_conns=%d&pool_min_conns=%d", sep, n, n)
}

// check compares the full result sets for the first n boxes: the engine
// and the items route of twin against PostGIS.
func (r engineRun) check(ctx context.Context, city string, n int) error {
	bad, matched := 0, 0
	for _, b := range r.boxes[:n] {
		pages, err := r.pages(ctx, b)
		if err != nil {
			return err
		}
		matched += pages[0].NumberMatched
		for i, side := range []string{"twin engine", "twin items route"} {
			if d := apibench.Diff(pages[i], pages[2]); d != "" {
				bad++
				fmt.Fprintf(os.Stderr, "apibench: %s bbox=%s: %s vs PostGIS: %s\n", city, apibench.BBoxParam(b), side, d)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "apibench: %s: %d of %d boxes give the same features in twin (engine and items route) and PostGIS (mean %.1f matches per box)\n",
		city, n-bad, n, float64(matched)/float64(n))
	if bad > 0 {
		return fmt.Errorf("%d answers differ", bad)
	}
	return nil
}

// pages returns the full answer for box b from the engine, the items route
// and PostGIS.
func (r engineRun) pages(ctx context.Context, b orb.Bound) ([3]apibench.Page, error) {
	var out [3]apibench.Page
	eb, err := r.eng.Items(nil, b, allLimit, 0)
	if err != nil {
		return out, err
	}
	tb, err := r.twin.Get(ctx, nil, apibench.ItemsPath(geo.LayerBuildings, b, allLimit))
	if err != nil {
		return out, err
	}
	pb, err := r.pg.Items(ctx, nil, b, allLimit, 0)
	if err != nil {
		return out, err
	}
	for i, body := range [][]byte{eb, tb, pb} {
		if out[i], err = apibench.ParsePage(body); err != nil {
			return out, err
		}
	}
	return out, nil
}

// measure times the three sides for one page size, each after a short
// warm-up, and prints a Markdown row: city, page, engine q/s, items route
// q/s, PostGIS q/s, the ratios to PostGIS, response sizes.
func (r engineRun) measure(ctx context.Context, city string, limit int) error {
	box := func(i int) orb.Bound { return r.boxes[i%len(r.boxes)] }
	sides := []func(context.Context, []byte, int) ([]byte, error){
		func(_ context.Context, dst []byte, i int) ([]byte, error) { return r.eng.Items(dst, box(i), limit, 0) },
		func(ctx context.Context, dst []byte, i int) ([]byte, error) {
			return r.twin.Get(ctx, dst, apibench.ItemsPath(geo.LayerBuildings, box(i), limit))
		},
		func(ctx context.Context, dst []byte, i int) ([]byte, error) {
			return r.pg.Items(ctx, dst, box(i), limit, 0)
		},
	}
	var res [3]apibench.RateResult
	for k, q := range sides {
		if _, err := apibench.Rate(ctx, r.workers, r.duration/5, q); err != nil {
			return err
		}
		var err error
		if res[k], err = apibench.Rate(ctx, r.workers, r.duration, q); err != nil {
			return err
		}
	}
	page := fmt.Sprint(limit)
	if limit == allLimit {
		page = "all"
	}
	e, t, p := res[0], res[1], res[2]
	kb := func(r apibench.RateResult) float64 { return float64(r.Bytes) / float64(r.Queries) / 1e3 }
	fmt.Printf("| %s | %s | %.0f | %.0f | %.0f | %.1f× | %.1f× | %.1f / %.1f / %.1f kB |\n", city, page, e.QPS(), t.QPS(), p.QPS(),
		e.QPS()/p.QPS(), t.QPS()/p.QPS(), kb(e), kb(t), kb(p))
	return nil
}

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb/maptile"

	apibench "twin/benchmarks/api"
	"twin/geo"
)

// runExport writes the city's buildings as lon/lat GeoJSON.
func runExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ExitOnError)
	var c cityFlags
	c.register(fs)
	out := fs.String("o", "", "output GeoJSON file")
	fs.Parse(args)
	if *out == "" {
		return errors.New("export: -o is required")
	}
	w, err := c.world(ctx)
	if err != nil {
		return err
	}
	return writeFile(*out, func(bw *bufio.Writer) error {
		n, err := apibench.ExportBuildings(bw, w.Snapshot())
		if err == nil {
			fmt.Fprintf(os.Stderr, "apibench: exported %d buildings of %s to %s\n", n, c.name, *out)
		}
		return err
	})
}

// runPrepare turns ogr2ogr's table into the benchmark table.
func runPrepare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("prepare", flag.ExitOnError)
	db := fs.String("db", "", "PostgreSQL URL")
	raw := fs.String("raw", "", "table ogr2ogr loaded")
	table := fs.String("table", "", "table to make")
	fs.Parse(args)
	pool, err := pgxpool.New(ctx, *db)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := apibench.PrepareTable(ctx, pool, *raw, *table); err != nil {
		return err
	}
	n, err := apibench.Count(ctx, pool, *table)
	if err == nil {
		fmt.Fprintf(os.Stderr, "apibench: %s holds %d buildings\n", *table, n)
	}
	return err
}

// runPaths writes the request paths wrk rotates through, one per line.
func runPaths(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("paths", flag.ExitOnError)
	var c cityFlags
	c.register(fs)
	n := fs.Int("count", 1000, "number of paths")
	side := fs.Float64("side", 0, "box side in metres (default: the city's ~100-building side)")
	limit := fs.Int("limit", 10, "items page size")
	tiles := fs.Int("tiles", 0, "write tile paths at this zoom instead of items paths")
	seed := fs.Uint64("box-seed", 7, "seed of the boxes")
	out := fs.String("o", "", "output file")
	fs.Parse(args)
	if *side == 0 {
		*side = c.defaultSide()
	}
	w, err := c.world(ctx)
	if err != nil {
		return err
	}
	var paths []string
	if *tiles > 0 {
		paths, err = apibench.TilePaths(w.Snapshot(), geo.LayerBuildings, maptile.Zoom(*tiles), *n, *seed)
	} else {
		boxes, berr := apibench.Boxes(w.Snapshot(), geo.LayerBuildings, *n, *side, *seed)
		for _, b := range boxes {
			paths = append(paths, apibench.ItemsPath(geo.LayerBuildings, b, *limit))
		}
		err = berr
	}
	if err != nil {
		return err
	}
	return writeFile(*out, func(bw *bufio.Writer) error {
		_, err := bw.WriteString(strings.Join(paths, "\n") + "\n")
		return err
	})
}

// writeFile creates name and fills it through a buffered writer.
func writeFile(name string, fill func(*bufio.Writer) error) error {
	if name == "" {
		return errors.New("-o is required")
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = fill(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

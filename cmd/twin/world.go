package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/schollz/progressbar/v3"

	"twin/assets"
	"twin/engine"
	"twin/geo"
)

// dataFlags select the data a command works on.
type dataFlags struct {
	files    []string
	crs      string // CRS of files that state none
	worldCRS string // the World's CRS; empty = automatic
}

// openWorld decodes the files (or the embedded sample city when there are
// none) and loads them into a new World in one atomic load.
func openWorld(ctx context.Context, g *globalFlags, d dataFlags, stderr io.Writer) (*engine.World, *engine.LoadReport, error) {
	w, err := engine.New(engine.Config{CRS: d.worldCRS})
	if err != nil {
		return nil, nil, err
	}
	names := d.files
	read := func(name string) (*geo.Dataset, error) {
		return engine.ReadFile(ctx, name, engine.SourceOptions{CRS: d.crs})
	}
	if len(names) == 0 {
		names = assets.CityFiles
		read = func(name string) (*geo.Dataset, error) {
			return engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
		}
	}
	var bar *progressbar.ProgressBar
	if interactive(g) && len(names) > 1 {
		bar = progressbar.NewOptions(len(names), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("decoding"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	sets := make([]*geo.Dataset, 0, len(names))
	for _, name := range names {
		ds, err := read(name)
		if err != nil {
			return nil, nil, err
		}
		slog.Debug("decoded", "file", name, "format", ds.Format, "crs", ds.CRS, "warnings", len(ds.Warnings))
		sets = append(sets, ds)
		if bar != nil {
			bar.Add(1)
		}
	}
	rep, err := w.Load(ctx, sets...)
	if err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	for _, s := range rep.Sets {
		for _, wr := range s.Warnings {
			slog.Debug("warning", "msg", wr.String())
		}
		if n := len(s.Warnings); n > 0 {
			slog.Info("decoder warnings", "file", s.Name, "count", n)
		}
	}
	return w, rep, nil
}

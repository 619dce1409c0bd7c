package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"twin/scenarios"
)

// ErrNoResults: there is nothing to write.
var ErrNoResults = errors.New("report: no results")

// Options select what WriteDir writes. The zero value writes everything.
type Options struct {
	// Outputs are the scenario's outputs: "metrics", "markdown", "html",
	// "plots". Empty means all.
	Outputs []string
	// Images are extra pictures (such as a rendered view of the city):
	// embedded in report.html and, with report.md, written as
	// images/NAME.png and linked from it. None changes nothing.
	Images []Image
	// Basemap, when not nil, is drawn under the flood maps (see
	// SnapshotBasemap); nil draws them over a plain land mask.
	Basemap *Basemap
}

func (o Options) want(s string) bool { return len(o.Outputs) == 0 || slices.Contains(o.Outputs, s) }

// Files are the names WriteDir writes under its folder.
const (
	MetricsFile  = "metrics.json"
	MarkdownFile = "report.md"
	HTMLFile     = "report.html"
	ChartsDir    = "charts"
)

// WriteJSON writes the results as indented JSON with a final newline:
// the metrics.json of a report. Identical results give identical bytes.
func WriteJSON(w io.Writer, res *scenarios.Results) error {
	if res == nil {
		return ErrNoResults
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteDir writes the report folder dir (created if missing) and returns
// the paths it wrote, report.html first when written.
func WriteDir(dir string, res *scenarios.Results, opt Options) ([]string, error) {
	if res == nil {
		return nil, ErrNoResults
	}
	if err := validImages(opt.Images); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var charts []Chart
	if opt.want("plots") || opt.want("html") {
		var err error
		if charts, err = ChartsOver(res, opt.Basemap); err != nil {
			return nil, err
		}
	}
	var out []string
	put := func(name string, write func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		p := filepath.Join(dir, name)
		out = append(out, p)
		return os.WriteFile(p, buf.Bytes(), 0o644)
	}
	steps := []struct {
		want  string
		name  string
		write func(io.Writer) error
	}{
		{"html", HTMLFile, func(w io.Writer) error { return WriteHTML(w, res, charts, opt.Images...) }},
		{"markdown", MarkdownFile, func(w io.Writer) error { return WriteMarkdown(w, res, chartNames(opt, charts), opt.Images...) }},
		{"metrics", MetricsFile, func(w io.Writer) error { return WriteJSON(w, res) }},
	}
	for _, s := range steps {
		if opt.want(s.want) {
			if err := put(s.name, s.write); err != nil {
				return out, err
			}
		}
	}
	if err := writeImages(dir, opt, put); err != nil {
		return out, err
	}
	if opt.want("plots") {
		if err := os.MkdirAll(filepath.Join(dir, ChartsDir), 0o755); err != nil {
			return out, err
		}
		for _, c := range charts {
			if err := put(filepath.Join(ChartsDir, c.Name+".png"), func(w io.Writer) error { _, err := w.Write(c.PNG); return err }); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// chartNames lists the charts report.md links to (none without plots).
func chartNames(opt Options, charts []Chart) []Chart {
	if !opt.want("plots") {
		return nil
	}
	return charts
}

// writeImages writes images/NAME.png for report.md's links (nothing
// without report.md or images).
func writeImages(dir string, opt Options, put func(string, func(io.Writer) error) error) error {
	if len(opt.Images) == 0 || !opt.want("markdown") {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(dir, ImagesDir), 0o755); err != nil {
		return err
	}
	for _, im := range opt.Images {
		if err := put(filepath.Join(ImagesDir, im.Name+".png"), func(w io.Writer) error { _, err := w.Write(im.PNG); return err }); err != nil {
			return err
		}
	}
	return nil
}

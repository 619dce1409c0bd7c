package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"twin/geo"
	"twin/geo/cityjson"
	"twin/geo/dem"
	"twin/geo/epanet"
	"twin/geo/geojson"
	"twin/geo/osm"
	"twin/geo/proj"
	"twin/geo/swmm"
)

// ErrUnknownFormat: a file whose format could not be told from its name or
// its first bytes.
var ErrUnknownFormat = errors.New("engine: unknown file format")

// SourceOptions tune how files are decoded.
type SourceOptions struct {
	// CRS is the CRS of files that do not state one (SWMM, EPANET, ASCII
	// grids without a .prj). A .prj sidecar beside the file wins over it.
	CRS string
	// Format forces a decoder ("osm", "cityjson", "swmm", "epanet", "dem",
	// "geojson") instead of detection.
	Format string
	// Layer is the target layer for GeoJSON input ("" = from the file).
	Layer string
}

// maxFileSize bounds what ReadFS reads into memory (formats that need random
// access or sniffing are read whole).
const maxFileSize = 4 << 30

// ReadFile decodes the file at name into a Dataset; see ReadFS.
func ReadFile(ctx context.Context, name string, opt SourceOptions) (*geo.Dataset, error) {
	dir, base := path.Split(strings.ReplaceAll(name, string(os.PathSeparator), "/"))
	if dir == "" {
		dir = "."
	}
	return ReadFS(ctx, os.DirFS(dir), base, opt)
}

// ReadFS decodes the named file of fsys into a Dataset, choosing the decoder
// from the file name and its first bytes: OSM PBF/XML (.pbf, .osm),
// CityJSON (.json/.jsonl with "CityJSON"), GeoJSON (.geojson, other .json),
// SWMM or EPANET .inp (by their sections), and DEMs (.asc, .hgt, .zip, .tif).
// A sidecar NAME.prj (ESRI WKT or "EPSG:n") gives the CRS of files without
// one. Errors name the file and, from the decoders, the position.
func ReadFS(ctx context.Context, fsys fs.FS, name string, opt SourceOptions) (*geo.Dataset, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxFileSize)
	}
	format := opt.Format
	if format == "" {
		if format, err = detect(name, data); err != nil {
			return nil, err
		}
	}
	crs := opt.CRS
	if prj, ok := readPRJ(fsys, name); ok {
		crs = prj
	}
	ds, err := decode(ctx, format, data, name, crs, opt)
	if err != nil {
		return nil, err
	}
	if ds.CRS == "" && crs != "" {
		c, err := proj.Parse(crs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ds.CRS = c.String()
	}
	return ds, nil
}

func decode(ctx context.Context, format string, data []byte, name, crs string, opt SourceOptions) (*geo.Dataset, error) {
	r := bytes.NewReader(data)
	switch format {
	case "osm":
		return osm.Decode(ctx, r, name, osm.Options{})
	case "cityjson":
		return cityjson.Decode(r, name, cityjson.Options{})
	case "geojson":
		return geojson.Decode(r, name, geojson.Options{Layer: opt.Layer})
	case "swmm":
		m, err := swmm.Decode(r, name, swmm.Options{})
		if err != nil {
			return nil, err
		}
		return m.Dataset(), nil
	case "epanet":
		m, err := epanet.Decode(r, name, epanet.Options{})
		if err != nil {
			return nil, err
		}
		return m.Dataset(), nil
	case "dem":
		return dem.Decode(r, name, dem.Options{CRS: crs})
	}
	return nil, fmt.Errorf("%s: %w %q", name, ErrUnknownFormat, format)
}

// detect tells the format from the name and content.
func detect(name string, data []byte) (string, error) {
	lower := strings.ToLower(name)
	head := data[:min(len(data), 1<<16)]
	switch {
	case strings.HasSuffix(lower, ".pbf"), strings.HasSuffix(lower, ".osm"):
		return "osm", nil
	case strings.HasSuffix(lower, ".asc"), strings.HasSuffix(lower, ".hgt"),
		strings.HasSuffix(lower, ".zip"), strings.HasSuffix(lower, ".tif"), strings.HasSuffix(lower, ".tiff"):
		return "dem", nil
	case strings.HasSuffix(lower, ".geojson"), strings.HasSuffix(lower, ".geojsonl"), strings.HasSuffix(lower, ".geojsons"):
		return "geojson", nil
	case strings.HasSuffix(lower, ".json"), strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"):
		// CityJSON writers put "type":"CityJSON" anywhere, often after the
		// vertices, so look through the whole file.
		if isCityJSON(data) {
			return "cityjson", nil
		}
		return "geojson", nil
	case strings.HasSuffix(lower, ".inp"):
		return detectINP(name, data)
	}
	switch {
	case bytes.Contains(head[:min(len(head), 64)], []byte("OSMHeader")):
		return "osm", nil
	case bytes.Contains(head, []byte("<osm")):
		return "osm", nil
	case isCityJSON(data):
		return "cityjson", nil
	}
	return "", fmt.Errorf("%s: %w (known: .osm.pbf .osm .json .city.json .jsonl .geojson .inp .asc .hgt .zip .tif)", name, ErrUnknownFormat)
}

// isCityJSON reports whether a JSON document is CityJSON: it has the
// CityObjects member or the CityJSON / CityJSONFeature type, which GeoJSON
// never has.
func isCityJSON(data []byte) bool {
	return bytes.Contains(data, []byte(`"CityObjects"`)) || bytes.Contains(data, []byte(`"CityJSON`))
}

// detectINP tells SWMM from EPANET by their characteristic sections.
func detectINP(name string, data []byte) (string, error) {
	up := bytes.ToUpper(data)
	for _, s := range []string{"[CONDUITS]", "[OUTFALLS]", "[SUBCATCHMENTS]", "[RAINGAGES]"} {
		if bytes.Contains(up, []byte(s)) {
			return "swmm", nil
		}
	}
	for _, s := range []string{"[PIPES]", "[RESERVOIRS]", "[TANKS]"} {
		if bytes.Contains(up, []byte(s)) {
			return "epanet", nil
		}
	}
	return "", fmt.Errorf("%s: %w: an .inp file with neither SWMM nor EPANET sections", name, ErrUnknownFormat)
}

// readPRJ reads NAME.prj (or NAME-without-extension.prj) beside name.
func readPRJ(fsys fs.FS, name string) (string, bool) {
	candidates := []string{name + ".prj", strings.TrimSuffix(name, path.Ext(name)) + ".prj"}
	for _, c := range candidates {
		b, err := fs.ReadFile(fsys, c)
		if err != nil {
			continue
		}
		if s := strings.TrimSpace(string(b)); len(s) < 64 {
			if c, err := proj.Parse(s); err == nil {
				return c.String(), true
			}
		}
		if crs, err := dem.ParsePRJ(bytes.NewReader(b), c); err == nil {
			return crs, true
		}
	}
	return "", false
}

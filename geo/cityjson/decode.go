package cityjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"twin/geo"
)

// LayerCityObjects is the layer of city objects other than buildings and
// building parts (roads, bridges, land use, vegetation, water, …), as
// *geo.Generic.
const LayerCityObjects = "city_objects"

// Format is the Dataset.Format of decoded files.
const Format = "cityjson"

// ErrOption marks an invalid Options value.
var ErrOption = errors.New("cityjson: invalid option")

// Options tune Decode. The zero value gives the defaults.
type Options struct {
	// LoD is the preferred level of detail ("1", "2.2", …), compared as a
	// number. A city object with a geometry of that LoD uses it; others use
	// their highest LoD. Empty means always the highest.
	LoD string
}

// Validate reports whether o is usable: LoD must be empty or a number. The
// error wraps ErrOption.
func (o Options) Validate() error {
	if o.LoD == "" {
		return nil
	}
	if f, err := strconv.ParseFloat(o.LoD, 64); err != nil || !finite(f) || f < 0 {
		return fmt.Errorf("%w: LoD %q is not a level of detail", ErrOption, o.LoD)
	}
	return nil
}

// Decode reads a CityJSON 1.0, 1.1 or 2.0 document, or a CityJSONSeq stream
// (a CityJSON header followed by CityJSONFeature values, one per line as in
// .jsonl files; detected by a second value after the first), from r. name
// is used in errors and warnings and as Dataset.Name.
//
// The dataset has Format "cityjson", CRS "EPSG:n" from
// metadata.referenceSystem ("" when absent or not understood, the latter
// with a warning), and the layers geo.LayerBuildings and
// geo.LayerBuildingParts (*geo.Building) and LayerCityObjects
// (*geo.Generic), in document order. Coordinates are the file's, after
// "transform".
//
// Errors are *geo.ParseError with a byte offset: geo.ErrSyntax for
// malformed JSON or a truncated input, geo.ErrUnsupported for another
// version or document type, geo.ErrInvalid for a document missing its type
// or version or with an unusable transform; a read error from r is wrapped as
// is. Invalid Options give an error wrapping ErrOption. A city object with
// bad content (a vertex index out of range, wrong nesting, a non-finite
// coordinate, a ring with fewer than 3 distinct vertices, no geometry) is
// skipped with a geo.Warning naming its id, at the byte offset just after
// its id (where its value starts).
//
// City objects are streamed: memory is the decoded objects (vertex indices
// packed 4 bytes each), the vertex array and the largest single object,
// never the whole input; a CityJSONSeq stream holds one feature's vertices
// at a time. Time is O(n log n) in the number of vertex indices (footprint
// merging sorts edges per object). Safe for concurrent use with distinct
// readers.
func Decode(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	d := newDecoder(r, name, opt)
	head, err := d.readDocument(false)
	if err != nil {
		return nil, err
	}
	if err := d.useHeader(head); err != nil {
		return nil, err
	}
	d.resolve(head)
	for {
		off := d.dec.InputOffset()
		tok, err := d.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, d.fatal(err)
		}
		if tok != json.Delim('{') {
			return nil, geo.OffsetError(name, off, geo.ErrSyntax, "unexpected %v after the document", tok)
		}
		doc, err := d.readDocument(true)
		if err != nil {
			return nil, err
		}
		if doc.typ != "CityJSONFeature" {
			return nil, geo.OffsetError(name, off, geo.ErrInvalid, "CityJSONSeq value of type %q, want CityJSONFeature", doc.typ)
		}
		d.resolve(doc)
	}
	d.finish()
	return d.ds, nil
}

// useHeader checks the first document and keeps what later CityJSONFeature
// values inherit from it.
func (d *decoder) useHeader(h *document) error {
	switch h.typ {
	case "CityJSON":
	case "CityJSONFeature":
		return geo.OffsetError(d.name, 0, geo.ErrInvalid, "CityJSONFeature without a CityJSON header line")
	case "":
		return geo.OffsetError(d.name, 0, geo.ErrInvalid, "no \"type\": not a CityJSON document")
	}
	if h.version == "" {
		return geo.OffsetError(d.name, 0, geo.ErrInvalid, "no \"version\"")
	}
	d.xf, d.tpl, d.version = h.xf, h.tpl, h.version
	if h.crs != "" {
		if crs, ok := NormalizeCRS(h.crs); ok {
			d.ds.CRS = crs
		} else {
			d.ds.Warn(0, h.crsOff, fmt.Sprintf("referenceSystem %q not understood; CRS left empty", h.crs))
		}
	}
	return nil
}

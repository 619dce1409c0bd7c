package cityjson

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"twin/geo"
)

// decoder holds the state of one Decode call.
type decoder struct {
	name string
	opt  Options
	dec  *json.Decoder
	ds   *geo.Dataset

	// inherited by CityJSONFeature values from the header
	xf      *transform
	tpl     *templates
	version string
	noXf    bool // warned about a missing transform

	items   []item                   // features in document order
	parts   map[string]*geo.Building // BuildingParts by id
	partsOf map[string][]*geo.Building
}

// item is a decoded feature waiting for finish, which adds it to its layer.
type item struct {
	layer    string
	f        geo.Feature
	pending  bool // a Building without geometry: built from its parts
	children []string
	off      int64
}

func newDecoder(r io.Reader, name string, opt Options) *decoder {
	return &decoder{
		name:    name,
		opt:     opt,
		dec:     json.NewDecoder(r),
		ds:      &geo.Dataset{Name: name, Format: Format, Layers: map[string][]geo.Feature{}},
		parts:   map[string]*geo.Building{},
		partsOf: map[string][]*geo.Building{},
	}
}

// document is one top-level JSON object: a CityJSON document (or CityJSONSeq
// header) or a CityJSONFeature.
type document struct {
	typ, version string
	xf           *transform
	crs          string // metadata.referenceSystem as written
	crsOff       int64
	objects      []*rawObject
	verts        []geo.Point3
	vertsOff     int64
	tpl          *templates
}

// readDocument reads one top-level object member by member, streaming
// "CityObjects" and "vertices" one element at a time. opened says the '{'
// has been read already.
func (d *decoder) readDocument(opened bool) (*document, error) {
	if !opened {
		off := d.dec.InputOffset()
		tok, err := d.dec.Token()
		if err != nil {
			return nil, d.fatal(err)
		}
		if tok != json.Delim('{') {
			return nil, geo.OffsetError(d.name, off, geo.ErrSyntax, "document is not a JSON object")
		}
	}
	doc := &document{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, d.fatal(err)
		}
		key, _ := tok.(string)
		if err := d.member(doc, key); err != nil {
			return nil, err
		}
	}
	if _, err := d.dec.Token(); err != nil { // '}'
		return nil, d.fatal(err)
	}
	return doc, nil
}

// member reads the value of the top-level member key into doc.
func (d *decoder) member(doc *document, key string) error {
	off := d.dec.InputOffset()
	switch key {
	case "type":
		if err := d.scalar(&doc.typ, off, key); err != nil {
			return err
		}
		switch doc.typ {
		case "CityJSON", "CityJSONFeature":
		default:
			return geo.OffsetError(d.name, off, geo.ErrUnsupported, "document type %q is not CityJSON", doc.typ)
		}
	case "version":
		if err := d.scalar(&doc.version, off, key); err != nil {
			return err
		}
		if !supportedVersion(doc.version) {
			return geo.OffsetError(d.name, off, geo.ErrUnsupported, "CityJSON version %q (want 1.0, 1.1 or 2.0)", doc.version)
		}
	case "transform":
		doc.xf = &transform{}
		if err := d.scalar(doc.xf, off, key); err != nil {
			return err
		}
		if !doc.xf.valid() {
			return geo.OffsetError(d.name, off, geo.ErrInvalid, "transform needs 3 finite scale and 3 finite translate values")
		}
	case "metadata":
		return d.metadata(doc, off)
	case "CityObjects":
		return d.cityObjects(doc)
	case "vertices":
		doc.vertsOff = off
		return d.vertices(doc)
	case "geometry-templates":
		doc.tpl = &templates{}
		if err := d.value(doc.tpl); err != nil {
			if isFatal(err) {
				return err
			}
			doc.tpl = nil
			d.ds.Warn(0, off, fmt.Sprintf("geometry-templates unusable, instances skipped: %v", err))
		}
	default:
		return d.skip()
	}
	return nil
}

// scalar decodes a header member whose content must be right.
func (d *decoder) scalar(v any, off int64, key string) error {
	if err := d.value(v); err != nil {
		if isFatal(err) {
			return err
		}
		return geo.OffsetError(d.name, off, geo.ErrInvalid, "%q: %v", key, err)
	}
	return nil
}

// metadata keeps metadata.referenceSystem.
func (d *decoder) metadata(doc *document, off int64) error {
	var m struct {
		ReferenceSystem any `json:"referenceSystem"`
	}
	if err := d.value(&m); err != nil {
		if isFatal(err) {
			return err
		}
		d.ds.Warn(0, off, fmt.Sprintf("metadata unreadable: %v", err))
		return nil
	}
	switch rs := m.ReferenceSystem.(type) {
	case nil:
	case string:
		doc.crs, doc.crsOff = rs, off
	default:
		d.ds.Warn(0, off, fmt.Sprintf("metadata.referenceSystem %v is not a string; CRS left empty", rs))
	}
	return nil
}

// cityObjects streams the "CityObjects" object: each value is decoded on
// its own; one with bad content is skipped with a warning at its offset.
func (d *decoder) cityObjects(doc *document) error {
	if err := d.delim('{', "CityObjects"); err != nil {
		return err
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return d.fatal(err)
		}
		id, _ := tok.(string)
		off := d.dec.InputOffset()
		o := &rawObject{id: id, off: off}
		if err := d.value(o); err != nil {
			if isFatal(err) {
				return err
			}
			d.ds.Warn(0, off, fmt.Sprintf("city object %q skipped: %v", id, err))
			continue
		}
		doc.objects = append(doc.objects, o)
	}
	_, err := d.dec.Token()
	return d.fatal(err)
}

// vertices streams the "vertices" array. A vertex that is not three
// numbers becomes NaN, so that the objects using it are skipped; one
// warning reports how many there were.
func (d *decoder) vertices(doc *document) error {
	if err := d.delim('[', "vertices"); err != nil {
		return err
	}
	bad, firstBad := 0, int64(-1)
	for d.dec.More() {
		off := d.dec.InputOffset()
		var v vertex
		if err := d.value(&v); err != nil {
			if isFatal(err) {
				return err
			}
			if bad == 0 {
				firstBad = off
			}
			bad++
			v = vertex{math.NaN(), math.NaN(), math.NaN()}
		}
		doc.verts = append(doc.verts, geo.Point3(v))
	}
	if bad > 0 {
		d.ds.Warn(0, firstBad, fmt.Sprintf("%d vertices are not 3 numbers; city objects using them are skipped", bad))
	}
	_, err := d.dec.Token()
	return d.fatal(err)
}

// delim reads the opening delimiter of member key's value.
func (d *decoder) delim(want json.Delim, key string) error {
	off := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		return d.fatal(err)
	}
	if tok != want {
		return geo.OffsetError(d.name, off, geo.ErrInvalid, "%q must start with %v", key, want)
	}
	return nil
}

// skip reads past the next value token by token, without buffering it.
func (d *decoder) skip() error {
	depth := 0
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return d.fatal(err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"twin/geo"
)

// Decode reads GeoJSON from r: one or more FeatureCollections, Features or
// Geometries, in one document or newline-delimited (NDJSON, GeoJSONSeq). name
// labels errors and warnings and becomes Dataset.Name; Format is "geojson".
// Coordinates stay in the source CRS (see the package doc for CRS, layer and
// ID rules).
//
// Errors: invalid opt (ErrOptions); malformed JSON (*geo.ParseError wrapping
// geo.ErrSyntax, at the offending byte, or the input length when the input
// is truncated); a top-level value that is not GeoJSON (geo.ErrInvalid); a
// crs member naming no EPSG code, or different CRSs in one input
// (geo.ErrUnsupported). Bad features are skipped with a warning in
// Dataset.Warnings. The whole input is read into memory (the returned
// dataset is of the same order of size); time is linear in the input.
// Safe for concurrent use.
func Decode(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &geo.ParseError{File: name, Offset: int64(len(data)), Err: fmt.Errorf("geojson: read: %w", err)}
	}
	blankFraming(data)
	d := &decoder{
		name: name, opt: opt, data: data,
		dec: json.NewDecoder(bytes.NewReader(data)),
		ds:  &geo.Dataset{Name: name, Format: "geojson", Layers: map[string][]geo.Feature{}},
	}
	if err := d.readAll(); err != nil {
		return nil, err
	}
	d.build()
	return d.ds, nil
}

// decoder walks the input token by token, so that only one feature at a
// time is held as raw JSON.
type decoder struct {
	name  string
	opt   Options
	data  []byte
	dec   *json.Decoder
	ds    *geo.Dataset
	feats []parsed
	count int // features seen so far, skipped ones included
	// valueStart is the offset where the current top-level value's leading
	// white space begins; a syntax error is located by scanning from here.
	valueStart int64
	crs        string
	crsSet     bool
	crsOff     int64
}

// readAll reads every top-level value.
func (d *decoder) readAll() error {
	for values := 0; ; values++ {
		d.valueStart = d.dec.InputOffset()
		tok, err := d.dec.Token()
		if err == io.EOF {
			if values == 0 {
				return geo.OffsetError(d.name, int64(len(d.data)), geo.ErrSyntax, "no GeoJSON object in the input")
			}
			return nil
		}
		if err != nil {
			return d.syntaxErr(err)
		}
		if tok != json.Delim('{') {
			return geo.OffsetError(d.name, d.skip(d.valueStart, 0), geo.ErrInvalid, "top-level value is not a GeoJSON object")
		}
		if err := d.object(d.dec.InputOffset() - 1); err != nil {
			return err
		}
	}
}

// object reads the members of a top-level object that starts at off (its
// "{" has been read) and files its features.
func (d *decoder) object(off int64) error {
	members := map[string]json.RawMessage{}
	first := len(d.feats) // features of this object are d.feats[first:]
	hasFeatures := false
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		if key == "features" {
			hasFeatures = true
			if err := d.featureArray(); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return d.syntaxErr(err)
		}
		members[key] = raw
	}
	if _, err := d.dec.Token(); err != nil { // the closing "}"
		return d.syntaxErr(err)
	}
	return d.finishObject(members, off, first, hasFeatures)
}

// key reads an object member's name.
func (d *decoder) key() (string, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return "", d.syntaxErr(err)
	}
	k, ok := tok.(string)
	if !ok { // cannot happen in valid JSON; keep the decoder honest
		return "", geo.OffsetError(d.name, d.dec.InputOffset(), geo.ErrSyntax, "object key is not a string")
	}
	return k, nil
}

// featureArray reads the "features" member, one feature at a time.
func (d *decoder) featureArray() error {
	at := d.skip(d.dec.InputOffset(), ':')
	tok, err := d.dec.Token()
	if err != nil {
		return d.syntaxErr(err)
	}
	if tok != json.Delim('[') {
		return geo.OffsetError(d.name, at, geo.ErrInvalid, `"features" is not an array`)
	}
	for d.dec.More() {
		start := d.elementStart()
		var ff fastFeature
		err := d.dec.Decode(&ff)
		end := d.dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || end < start {
			return d.syntaxErr(err) // io.EOF: the input ends after a comma
		}
		if err != nil { // well-formed but not a usable feature: find out why
			d.add(parseFeature(d.data[start:end], d.count, start))
			continue
		}
		d.add(ff.parse(d.count, start))
	}
	if _, err := d.dec.Token(); err != nil { // the closing "]"
		return d.syntaxErr(err)
	}
	return nil
}

// elementStart returns the offset of the next array element, which the
// decoder has peeked at: past the separating comma and white space.
func (d *decoder) elementStart() int64 { return d.skip(d.dec.InputOffset(), ',') }

// skip returns the offset of the first byte at or after i that is neither
// white space nor one sep (a "," or ":" the decoder has not consumed yet;
// 0 for none).
func (d *decoder) skip(i int64, sep byte) int64 {
	n := int64(len(d.data))
	for i < n && isSpace(d.data[i]) {
		i++
	}
	if sep != 0 && i < n && d.data[i] == sep {
		i++
		for i < n && isSpace(d.data[i]) {
			i++
		}
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// add keeps a parsed feature, or records why it was skipped.
func (d *decoder) add(p parsed, idErr, err error) {
	d.count++
	if err != nil {
		d.warn(p.index, p.off, "%v; skipped", err)
		return
	}
	if idErr != nil {
		d.warn(p.index, p.off, "%v", idErr)
	}
	d.feats = append(d.feats, p)
}

func (d *decoder) warn(index int, off int64, format string, args ...any) {
	d.ds.Warn(0, off, fmt.Sprintf("feature %d: ", index)+fmt.Sprintf(format, args...))
}

// finishObject decides what a top-level object was once all its members
// have been read: a FeatureCollection (its features are already in
// d.feats[first:]), a Feature, or a bare Geometry.
func (d *decoder) finishObject(members map[string]json.RawMessage, off int64, first int, hasFeatures bool) error {
	var typ string
	if json.Unmarshal(members["type"], &typ) != nil {
		return geo.OffsetError(d.name, off, geo.ErrInvalid, `object has no "type" string; not GeoJSON`)
	}
	if typ != "FeatureCollection" && hasFeatures {
		return geo.OffsetError(d.name, off, geo.ErrInvalid, `%s has a "features" member`, typ)
	}
	if raw, ok := members["crs"]; ok {
		if err := d.setCRS(raw, off); err != nil {
			return err
		}
	}
	switch {
	case typ == "FeatureCollection":
		layer := memberString(members, "layer")
		if layer == "" {
			layer = memberString(members, "name")
		}
		for i := first; i < len(d.feats); i++ {
			d.feats[i].layer = layer
		}
	case typ == "Feature":
		fj := featureJSON{Type: typ, ID: members["id"], Geometry: members["geometry"], Properties: members["properties"]}
		p, idErr, err := fj.parse(d.count, off)
		d.add(p, idErr, err)
	case knownGeometry(typ) || typ == "GeometryCollection":
		gj := geometryJSON{Type: typ, Coordinates: members["coordinates"]}
		if raw, ok := members["geometries"]; ok && json.Unmarshal(raw, &gj.Geometries) != nil {
			d.add(parsed{index: d.count, off: off}, nil, errBadGeometry)
			return nil
		}
		p := parsed{index: d.count, off: off}
		var err error
		p.geom, p.z, err = gj.geometry(0)
		d.add(p, nil, err)
	default:
		return geo.OffsetError(d.name, off, geo.ErrInvalid, "type %q is not a GeoJSON object type", typ)
	}
	return nil
}

// setCRS records the legacy crs member of an object at off.
func (d *decoder) setCRS(raw json.RawMessage, off int64) error {
	crs, ok := parseLegacyCRS(raw)
	if !ok {
		if d.opt.CRS != "" {
			return nil // overridden anyway
		}
		return geo.OffsetError(d.name, off, geo.ErrUnsupported, "crs member %s names no EPSG code; set Options.CRS", clip(raw))
	}
	if d.crsSet && crs != d.crs && d.opt.CRS == "" {
		return geo.OffsetError(d.name, off, geo.ErrUnsupported, "crs %q differs from %q at offset %d", crs, d.crs, d.crsOff)
	}
	d.crs, d.crsSet, d.crsOff = crs, true, off
	return nil
}

// memberString returns a top-level member's value if it is a string.
func memberString(members map[string]json.RawMessage, key string) string {
	var s string
	if json.Unmarshal(members[key], &s) != nil {
		return ""
	}
	return s
}

// clip shortens raw JSON for an error message.
func clip(raw json.RawMessage) string {
	const max = 80
	if len(raw) > max {
		return string(raw[:max]) + "…"
	}
	return string(raw)
}

// syntaxErr turns an error of the JSON decoder into a *geo.ParseError at
// the offending byte. encoding/json reports offsets relative to where its
// current token began, so the current top-level value is scanned again
// (a cheap, allocation-free pass) to find the absolute position.
func (d *decoder) syntaxErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return geo.OffsetError(d.name, int64(len(d.data)), geo.ErrSyntax, "unexpected end of input")
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return geo.OffsetError(d.name, d.dec.InputOffset(), geo.ErrSyntax, "%v", err)
	}
	var discard struct{}
	rest := d.data[d.valueStart:]
	if e := json.Unmarshal(rest, &discard); errors.As(e, &se) {
		// se.Offset counts the bytes read up to and including the bad one.
		off := d.valueStart + max(se.Offset-1, 0)
		if se.Error() == "unexpected end of JSON input" {
			off = int64(len(d.data))
		}
		return geo.OffsetError(d.name, off, geo.ErrSyntax, "%v", se)
	}
	return geo.OffsetError(d.name, d.dec.InputOffset(), geo.ErrSyntax, "%v", err)
}

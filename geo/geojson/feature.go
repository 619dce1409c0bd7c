package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

var (
	errNotFeature    = errors.New("not a Feature")
	errBadProperties = errors.New("properties is neither an object nor null")
	errBadID         = errors.New("id is neither a string nor a number; ignored")
)

// featureJSON is a GeoJSON Feature object before its members are read.
type featureJSON struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// fastFeature is how features are normally read: in one pass of
// encoding/json, geometry and properties included. When it fails on a
// well-formed feature, the feature is read again through featureJSON, which
// says precisely what is wrong.
type fastFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   *geometryJSON   `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

func (ff *fastFeature) parse(index int, off int64) (p parsed, idErr, err error) {
	p = parsed{index: index, off: off}
	if ff.Type != "Feature" {
		return p, nil, fmt.Errorf("%w: type %q", errNotFeature, ff.Type)
	}
	if ff.Geometry == nil {
		return p, nil, errNullGeometry
	}
	if p.geom, p.z, err = ff.Geometry.geometry(0); err != nil {
		return p, nil, err
	}
	p.props = ff.Properties
	p.id, p.hasID, idErr = parseID(ff.ID)
	return p, idErr, nil
}

// parsed is a feature whose geometry and properties have been read but
// whose layer, ID and Go type are decided only once the enclosing object
// (which may name the layer and CRS after its features) has been read.
type parsed struct {
	index int   // 0-based position among all features of the input
	off   int64 // byte offset of the feature object
	id    string
	hasID bool
	geom  orb.Geometry
	z     float64 // third coordinate of a Point, else NaN
	props map[string]any
	layer string // layer named by the enclosing collection, or ""
}

// parseFeature reads one feature object. A non-nil error means the feature
// is skipped (the caller records it as a warning); idErr reports an unusable
// id member, which only costs the feature its ID.
func parseFeature(raw json.RawMessage, index int, off int64) (p parsed, idErr, err error) {
	var fj featureJSON
	if err := json.Unmarshal(raw, &fj); err != nil {
		return parsed{index: index, off: off}, nil, fmt.Errorf("%w: %v", errNotFeature, err)
	}
	return fj.parse(index, off)
}

func (fj *featureJSON) parse(index int, off int64) (p parsed, idErr, err error) {
	p = parsed{index: index, off: off}
	if fj.Type != "Feature" {
		return p, nil, fmt.Errorf("%w: type %q", errNotFeature, fj.Type)
	}
	if p.geom, p.z, err = parseGeometry(fj.Geometry, 0); err != nil {
		return p, nil, err
	}
	if !isNull(fj.Properties) {
		if json.Unmarshal(fj.Properties, &p.props) != nil {
			return p, nil, errBadProperties
		}
	}
	p.id, p.hasID, idErr = parseID(fj.ID)
	return p, idErr, nil
}

// parseID reads an id member: a string, or a number kept as written.
// An empty string counts as no id.
func parseID(raw json.RawMessage) (id string, ok bool, err error) {
	b := bytes.TrimSpace(raw)
	if isNull(b) {
		return "", false, nil
	}
	switch c := b[0]; {
	case c == '"':
		if len(b) >= 2 && bytes.IndexByte(b, '\\') < 0 { // no escapes: the common case
			id = string(b[1 : len(b)-1])
		} else if json.Unmarshal(b, &id) != nil {
			return "", false, errBadID
		}
		return id, id != "", nil
	case c == '-' || (c >= '0' && c <= '9'):
		return string(b), true, nil
	}
	return "", false, errBadID
}

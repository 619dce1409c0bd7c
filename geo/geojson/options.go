package geojson

import (
	"fmt"
	"sort"

	"twin/geo"
)

// Options controls Decode. The zero value decodes RFC 7946 GeoJSON into
// layers named by the file (or "features").
type Options struct {
	// Layer, when set, puts every feature into this layer, whatever the
	// file says.
	Layer string
	// CRS, when set, overrides the file's CRS. Any spelling normalizeCRS
	// accepts ("EPSG:2056", "urn:ogc:def:crs:EPSG::2056", "CRS84", …);
	// Dataset.CRS gets it as "EPSG:n".
	CRS string
}

// Validate reports an unknown Options.CRS, wrapping ErrOptions and
// geo.ErrUnsupported.
func (o Options) Validate() error {
	if o.CRS != "" {
		if _, ok := normalizeCRS(o.CRS); !ok {
			return fmt.Errorf("%w: %w: CRS %q is not an EPSG code or CRS84", ErrOptions, geo.ErrUnsupported, o.CRS)
		}
	}
	return nil
}

// DefaultPrecision is the number of decimal places written when
// EncodeOptions.Precision is 0: 1e-7 degrees is about 1 cm on the ground.
const DefaultPrecision = 7

// EncodeOptions controls Encode, EncodeNDJSON, EncodeFeature and Writer. The
// zero value writes coordinates as they are, rounded to 7 decimal places,
// without bbox, CRS or foreign members.
type EncodeOptions struct {
	// Project, when set, maps every coordinate on the way out (the engine
	// passes local metres → lon/lat). It must not modify shared state.
	Project geo.PointFunc
	// Precision is the number of decimal places of coordinates and bbox
	// values: 0 means DefaultPrecision, a negative value writes the
	// shortest representation that reads back exactly.
	Precision int
	// BBox adds a "bbox" member to every feature and to the collection
	// (after its "features" member, so that encoding stays one pass).
	BBox bool
	// Name, when set, is written as the collection's "name" member, which
	// Decode reads back as the layer name (GDAL writes the same member).
	Name string
	// CRS, when set to a CRS other than lon/lat (EPSG:4326, CRS84), is
	// written as a legacy "crs" member, as GDAL does for projected data;
	// RFC 7946 output has none. Spelled as for Options.CRS.
	CRS string
	// Foreign holds extra top-level members of the collection, written in
	// key order before "features": numberMatched, numberReturned,
	// timeStamp and links of an OGC API Features response, for example.
	// Values are encoded as JSON (maps, slices, strings, numbers, bools,
	// or any value encoding/json accepts).
	Foreign map[string]any
	// Cache, when set, supplies the Feature objects it holds and keeps the
	// ones written (Writer, Encode, EncodeNDJSON; see FeatureCache). All
	// encodings in one cache must share the other options. It is not used
	// with BBox, whose bounds need every coordinate.
	Cache *FeatureCache
}

// maxPrecision is the most decimal places that can matter for a float64.
const maxPrecision = 17

// reserved reports whether k is a collection or feature member the encoder
// writes itself.
func reserved(k string) bool {
	switch k {
	case "type", "features", "bbox", "crs", "name", "id", "geometry", "properties":
		return true
	}
	return false
}

// Validate reports an unknown CRS, a Precision above 17 or a foreign member that clashes with one
// the encoder writes, wrapping ErrOptions.
func (o EncodeOptions) Validate() error {
	if o.CRS != "" {
		if _, ok := normalizeCRS(o.CRS); !ok {
			return fmt.Errorf("%w: %w: CRS %q is not an EPSG code or CRS84", ErrOptions, geo.ErrUnsupported, o.CRS)
		}
	}
	if o.Precision > maxPrecision {
		return fmt.Errorf("%w: precision %d exceeds %d decimal places", ErrOptions, o.Precision, maxPrecision)
	}
	for k := range o.Foreign {
		if reserved(k) {
			return fmt.Errorf("%w: foreign member %q is written by the encoder", ErrOptions, k)
		}
	}
	return nil
}

// precision returns the effective number of decimal places (-1: shortest).
func (o EncodeOptions) precision() int {
	switch {
	case o.Precision == 0:
		return DefaultPrecision
	case o.Precision < 0:
		return -1
	}
	return o.Precision
}

// crsMember returns the EPSG CRS to write as a legacy crs member, or "".
func (o EncodeOptions) crsMember() string {
	crs, ok := normalizeCRS(o.CRS)
	if !ok || crs == crsLonLat {
		return ""
	}
	return crs
}

// foreignKeys returns the keys of Foreign in sorted order.
func (o EncodeOptions) foreignKeys() []string {
	keys := make([]string, 0, len(o.Foreign))
	for k := range o.Foreign {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

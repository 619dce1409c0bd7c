package cityjson

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// rawObject is one entry of "CityObjects" as read, before its vertex
// indices are resolved.
type rawObject struct {
	Type       string         `json:"type"`
	Attributes map[string]any `json:"attributes"`
	Geometry   []rawGeometry  `json:"geometry"`
	Parents    []string       `json:"parents"`
	Children   []string       `json:"children"`

	id  string
	off int64 // byte offset of the object's value in the input
}

// rawGeometry is one entry of a city object's "geometry" (or of
// "geometry-templates"."templates").
type rawGeometry struct {
	Type       string        `json:"type"`
	LoD        lod           `json:"lod"`
	Boundaries ragged        `json:"boundaries"`
	Semantics  *rawSemantics `json:"semantics"`
	// Template and TransformationMatrix are set for a GeometryInstance.
	Template             *int      `json:"template"`
	TransformationMatrix []float64 `json:"transformationMatrix"`
}

// rawSemantics is a geometry's "semantics": the semantic surfaces and, in
// Values, the index of each boundary surface's semantic surface nested like
// the boundaries minus their two innermost levels (null for none).
type rawSemantics struct {
	Surfaces []struct {
		Type string `json:"type"`
	} `json:"surfaces"`
	Values any `json:"values"`
}

// surfaceType returns the semantic type of the boundary surface at path
// (see ragged.eachSurface), or "" when it has none or values do not match
// the boundaries' shape.
func (s *rawSemantics) surfaceType(path []int) string {
	if s == nil {
		return ""
	}
	v := s.Values
	for _, i := range path {
		arr, ok := v.([]any)
		if !ok || i >= len(arr) {
			return ""
		}
		v = arr[i]
	}
	f, ok := v.(float64)
	if !ok || f < 0 || f >= float64(len(s.Surfaces)) || f != float64(int(f)) {
		return ""
	}
	return s.Surfaces[int(f)].Type
}

// lod is a level of detail: a string in CityJSON ≥ 1.1 ("2.2"), a number in
// 1.0 files (2 or 2.2); kept as written.
type lod string

// UnmarshalJSON accepts a JSON string, number or null.
func (l *lod) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return contentErrorf("lod: %v", err)
		}
		*l = lod(s)
	case bytes.Equal(b, []byte("null")):
		*l = ""
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*l = lod(b)
	default:
		return contentErrorf("lod %s is neither a string nor a number", b)
	}
	return nil
}

// value returns l as a number for ordering ("2.2" → 2.2); −1 when it is
// empty or not a number, so that such geometries rank last.
func (l lod) value() float64 {
	f, err := strconv.ParseFloat(string(l), 64)
	if err != nil || !finite(f) {
		return -1
	}
	return f
}

package cityjson

import (
	"bytes"
	"math"
	"strconv"

	"twin/geo"
)

// vertex is one entry of "vertices": three numbers, integers when the file
// has a transform, reals in CityJSON 1.0 files without one.
type vertex geo.Point3

// UnmarshalJSON reads "[x, y, z]" from b (valid JSON, checked by
// encoding/json). Anything else is a *contentError.
func (v *vertex) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return contentErrorf("vertex is not an array of 3 numbers")
	}
	b = b[1 : len(b)-1]
	for i := 0; i < 3; i++ {
		field := b
		if j := bytes.IndexByte(b, ','); j >= 0 {
			field, b = b[:j], b[j+1:]
		} else {
			b = nil
		}
		if i < 2 && b == nil {
			return contentErrorf("vertex has fewer than 3 coordinates")
		}
		f, err := strconv.ParseFloat(string(bytes.TrimSpace(field)), 64)
		if err != nil {
			return contentErrorf("vertex coordinate %q is not a number", bytes.TrimSpace(field))
		}
		v[i] = f
	}
	if b != nil {
		return contentErrorf("vertex has more than 3 coordinates")
	}
	return nil
}

// transform is CityJSON's "transform": real = integer·scale + translate.
type transform struct {
	Scale     []float64 `json:"scale"`
	Translate []float64 `json:"translate"`
}

// valid reports whether t has three finite scale and translate values.
func (t *transform) valid() bool {
	if len(t.Scale) != 3 || len(t.Translate) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if !finite(t.Scale[i]) || !finite(t.Translate[i]) {
			return false
		}
	}
	return true
}

// apply maps the raw vertices vs in place to real coordinates. A nil t is
// the identity (CityJSON 1.0 files with real-valued vertices). Results that
// overflow are left as ±Inf for the geometry checks to reject. O(len(vs)).
func (t *transform) apply(vs []geo.Point3) {
	if t == nil {
		return
	}
	for i := range vs {
		for k := 0; k < 3; k++ {
			vs[i][k] = vs[i][k]*t.Scale[k] + t.Translate[k]
		}
	}
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func finite3(p geo.Point3) bool { return finite(p[0]) && finite(p[1]) && finite(p[2]) }

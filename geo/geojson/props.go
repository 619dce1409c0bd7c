package geojson

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// props hands a feature's properties to a typed builder. Each getter looks
// a name up exactly, else by a unique case-insensitive match. A value it
// could use (or a null) is consumed: removed from the map when the name
// matched exactly, so that what is left becomes the feature's Attrs and
// Encode writes the same member back from the typed field. A value of the
// wrong type is left in place and noted as a warning.
type props struct {
	m        map[string]any
	warnings []string
}

func newProps(m map[string]any) *props { return &props{m: m} }

// lookup finds key. exact is false for a case-insensitive match.
func (p *props) lookup(key string) (k string, v any, exact, ok bool) {
	if v, ok := p.m[key]; ok {
		return key, v, true, true
	}
	found := ""
	for name := range p.m {
		if strings.EqualFold(name, key) {
			if found != "" {
				return "", nil, false, false // ambiguous: "Area" and "AREA"
			}
			found = name
		}
	}
	if found == "" {
		return "", nil, false, false
	}
	return found, p.m[found], false, true
}

// get looks key up and converts its value with conv; what is what conv
// wants, for the warning.
func get[T any](p *props, key, what string, conv func(any) (T, bool)) (T, bool) {
	var zero T
	k, v, exact, ok := p.lookup(key)
	if !ok {
		return zero, false
	}
	if v == nil {
		if exact {
			delete(p.m, k)
		}
		return zero, false
	}
	t, ok := conv(v)
	if !ok {
		p.warnings = append(p.warnings, fmt.Sprintf("property %q: want %s, got %s; kept as an attribute", k, what, describe(v)))
		return zero, false
	}
	if exact {
		delete(p.m, k)
	}
	return t, true
}

func (p *props) str(key string) (string, bool)  { return get(p, key, "a string", toString) }
func (p *props) num(key string) (float64, bool) { return get(p, key, "a finite number", toFloat) }
func (p *props) boolean(key string) (bool, bool) {
	return get(p, key, "a boolean", toBool)
}

// integer reads a whole number; fractions are rounded.
func (p *props) integer(key string) (int64, bool) { return get(p, key, "an integer", toInt) }

// peek returns a string property without consuming it: a source attribute
// used as a fallback for a typed field ("building" for the building type).
func (p *props) peek(key string) string {
	s, _ := p.m[key].(string)
	return s
}

// drop removes key (exact name only).
func (p *props) drop(key string) { delete(p.m, key) }

// attrs returns what no getter consumed, nil when nothing is left.
func (p *props) attrs() geo.Attrs {
	if len(p.m) == 0 {
		return nil
	}
	return geo.Attrs(p.m)
}

func toString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

func toFloat(v any) (float64, bool) {
	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case string:
		var err error
		if f, err = strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

func toInt(v any) (int64, bool) {
	f, ok := toFloat(v)
	if !ok || math.Abs(f) >= 1<<63 {
		return 0, false
	}
	return int64(math.Round(f)), true
}

func toBool(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case float64:
		return v != 0, v == 0 || v == 1
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "yes", "true", "1":
			return true, true
		case "no", "false", "0":
			return false, true
		}
	}
	return false, false
}

// describe names a JSON value's type for a warning.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

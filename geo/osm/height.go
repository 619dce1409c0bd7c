package osm

import (
	"math"
	"strconv"
	"strings"
)

// Length units to metres.
const (
	foot = 0.3048
	inch = 0.0254
)

// maxLength bounds accepted heights, metres: taller than any building.
const maxLength = 1000

// ParseLength reads an OSM length (height=*, min_height=*) and returns it
// in metres; ok is false for anything it does not understand. Accepted: a
// number in metres with an optional unit "m", "meter(s)" or "metre(s)"
// ("12", "12 m", "12.5m"); a comma as the only decimal mark ("12,5"); feet
// as "40 ft", "40 feet" or "40'"; feet and inches as 40'6". The value must
// be finite and within [0, 1000] m. Safe for concurrent use.
func ParseLength(s string) (metres float64, ok bool) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, rest, ok := leadingNumber(s)
	if !ok {
		return 0, false
	}
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(rest) {
	case "", "m", "meter", "meters", "metre", "metres":
	case "ft", "feet", "foot", "'", "’":
		v *= foot
	default:
		v, ok = feetInches(v, rest)
		if !ok {
			return 0, false
		}
	}
	if v < 0 || v > maxLength {
		return 0, false
	}
	return v, true
}

// feetInches reads the `6"` after the feet of 40'6".
func feetInches(ft float64, rest string) (float64, bool) {
	r, ok := strings.CutPrefix(rest, "'")
	if !ok {
		return 0, false
	}
	r, ok = strings.CutSuffix(strings.TrimSpace(r), "\"")
	if !ok {
		return 0, false
	}
	in, err := strconv.ParseFloat(strings.TrimSpace(r), 64)
	if err != nil || in < 0 || in >= 12 {
		return 0, false
	}
	return ft*foot + in*inch, true
}

// leadingNumber splits "12.5 m" into 12.5 and " m".
func leadingNumber(s string) (float64, string, bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, "", false
	}
	return v, s[i:], true
}

// ParseLevels reads a storey count (building:levels, roof:levels,
// building:min_level): a finite number in [0, 300], fractions allowed
// ("2.5" for a half storey). Safe for concurrent use.
func ParseLevels(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(v >= 0 && v <= 300) {
		return 0, false
	}
	return v, true
}

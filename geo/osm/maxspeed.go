package osm

import (
	"math"
	"strconv"
	"strings"
)

// Unit conversions to m/s.
const (
	kmh   = 1 / 3.6
	mph   = 1609.344 / 3600 // international mile
	knots = 1852.0 / 3600   // nautical mile
)

// Speeds for the maxspeed values that are words, km/h.
const (
	// noneKmh stands for maxspeed=none (no limit, German motorways): the
	// German advisory speed (Richtgeschwindigkeit, Autobahn-Richtgeschwindigkeits-Verordnung).
	noneKmh = 130
	// walkKmh stands for maxspeed=walk (walking pace, German living
	// streets): German courts read it as 4 to 7 km/h; we take 6.
	walkKmh = 6
)

// zoneKmh holds the implied limits of "CC:type" maxspeed values, km/h,
// from the OSM wiki page "Default speed limits" and the national codes it
// cites. Only countries whose figures are settled are listed; other
// countries fall back to zoneTypeKmh by type.
var zoneKmh = map[string]float64{
	"AT:urban": 50, "AT:rural": 100, "AT:trunk": 100, "AT:motorway": 130,
	"BE:urban": 50, "BE:motorway": 120,
	"CH:urban": 50, "CH:rural": 80, "CH:trunk": 100, "CH:motorway": 120,
	"CZ:urban": 50, "CZ:rural": 90, "CZ:motorway": 130,
	"DE:urban": 50, "DE:rural": 100, "DE:motorway": noneKmh, "DE:living_street": walkKmh, "DE:bicycle_road": 30,
	"DK:urban": 50, "DK:rural": 80, "DK:motorway": 130,
	"ES:urban": 50, "ES:rural": 90, "ES:motorway": 120,
	"FI:urban": 50, "FI:rural": 80, "FI:motorway": 120,
	"FR:urban": 50, "FR:rural": 80, "FR:trunk": 110, "FR:motorway": 130, "FR:living_street": 20,
	"GB:nsl_restricted": 30 * mph / kmh, "GB:nsl_single": 60 * mph / kmh,
	"GB:nsl_dual": 70 * mph / kmh, "GB:motorway": 70 * mph / kmh,
	"IT:urban": 50, "IT:rural": 90, "IT:trunk": 110, "IT:motorway": 130,
	"NO:urban": 50, "NO:rural": 80,
	"PL:urban": 50, "PL:rural": 90, "PL:motorway": 140,
	"RU:urban": 60, "RU:rural": 90, "RU:motorway": 110, "RU:living_street": 20,
	"SE:urban": 50, "SE:rural": 70,
}

// zoneTypeKmh is the fallback by type for "CC:type" values of countries
// not in zoneKmh: the most common figure in that table.
var zoneTypeKmh = map[string]float64{
	"urban": 50, "rural": 90, "trunk": 100, "motorway": 120,
	"living_street": 20, "bicycle_road": 30, "walk": walkKmh,
}

// ParseMaxSpeed reads an OSM maxspeed value and returns it in m/s; ok is
// false when the value gives no usable number (e.g. "signals",
// "variable", garbage), in which case callers use the class default.
//
// Accepted: a bare number in km/h ("50"); a number with a unit ("50 km/h",
// "50 kmh", "50 kph", "30 mph", "10 knots", spaces optional); "none"
// (130 km/h, see noneKmh); "walk" (6 km/h); zone values "CC:type" (see
// zoneKmh and zoneTypeKmh) and "CC:zone30" / "CC:zone:30" (30 km/h). In a
// list ("50;30") the first entry counts. Speeds must be in (0, 300] km/h.
// Safe for concurrent use.
func ParseMaxSpeed(s string) (mps float64, ok bool) {
	s, _, _ = strings.Cut(s, ";")
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return 0, false
	case "none":
		return noneKmh * kmh, true
	case "walk":
		return walkKmh * kmh, true
	}
	if cc, typ, found := strings.Cut(s, ":"); found && len(cc) >= 2 && isLetters(cc[:2]) {
		return zoneSpeed(cc, typ)
	}
	return speedWithUnit(s)
}

func zoneSpeed(cc, typ string) (float64, bool) {
	if v, ok := zoneKmh[strings.ToUpper(cc[:2])+":"+typ]; ok {
		return v * kmh, true
	}
	if v, ok := zoneTypeKmh[typ]; ok {
		return v * kmh, true
	}
	if rest, found := strings.CutPrefix(typ, "zone"); found {
		rest = strings.TrimPrefix(rest, ":")
		if v, err := strconv.ParseFloat(rest, 64); err == nil && v > 0 && v <= 300 {
			return v * kmh, true
		}
	}
	return 0, false
}

// speedWithUnit reads "number [unit]".
func speedWithUnit(s string) (float64, bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || !(v > 0) {
		return 0, false
	}
	var f float64
	switch strings.ToLower(strings.TrimSpace(s[i:])) {
	case "", "km/h", "kmh", "kph", "km/hr":
		f = kmh
	case "mph":
		f = mph
	case "knots", "kn", "knot":
		f = knots
	default:
		return 0, false
	}
	if v*f > 300*kmh || math.IsInf(v, 0) {
		return 0, false
	}
	return v * f, true
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

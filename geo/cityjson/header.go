package cityjson

import (
	"strconv"
	"strings"
)

// supportedVersion reports whether v names CityJSON 1.0, 1.1 or 2.0, with or
// without a patch number ("1.0.3").
func supportedVersion(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) == 3 {
		if _, err := strconv.ParseUint(parts[2], 10, 16); err != nil {
			return false
		}
		parts = parts[:2]
	}
	if len(parts) != 2 {
		return false
	}
	switch parts[0] + "." + parts[1] {
	case "1.0", "1.1", "2.0":
		return true
	}
	return false
}

// NormalizeCRS turns a CityJSON "referenceSystem" into "EPSG:n". It accepts
// the OGC URL ("https://www.opengis.net/def/crs/EPSG/0/7415", http too, with
// any version segment), the URN ("urn:ogc:def:crs:EPSG::7415", with or
// without a version) and plain "EPSG:7415". A compound URN
// ("urn:ogc:def:crs,crs:EPSG::28992,crs:EPSG::5709") gives its first,
// horizontal, code. ok is false for anything else, and for the empty
// string. O(len(s)); safe for concurrent use.
func NormalizeCRS(s string) (crs string, ok bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	switch {
	case strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://"):
		// …/def/crs/EPSG/{version}/{code}
		segs := strings.Split(strings.TrimRight(s, "/"), "/")
		if len(segs) >= 3 && strings.EqualFold(segs[len(segs)-3], "EPSG") {
			return epsg(segs[len(segs)-1])
		}
	case strings.HasPrefix(low, "urn:ogc:def:crs"):
		// urn:ogc:def:crs:EPSG:{version}:{code}, possibly compound: take
		// the first component naming EPSG.
		for _, part := range strings.Split(s, ",") {
			f := strings.Split(part, ":")
			for i := 0; i+2 < len(f); i++ {
				if strings.EqualFold(f[i], "EPSG") {
					return epsg(f[len(f)-1])
				}
			}
		}
	case strings.HasPrefix(low, "epsg:"):
		return epsg(s[len("epsg:"):])
	}
	return "", false
}

// epsg validates a numeric EPSG code and formats it as "EPSG:n".
func epsg(code string) (string, bool) {
	n, err := strconv.ParseUint(code, 10, 32)
	if err != nil || n == 0 {
		return "", false
	}
	return "EPSG:" + strconv.FormatUint(n, 10), true
}

package proj

import (
	"fmt"
	"strconv"
	"strings"

	"twin/geo"
)

// crs84Names are the spellings of OGC CRS84 that Parse accepts (upper case).
var crs84Names = []string{
	"CRS84", "OGC:CRS84", "CRS:84",
	"URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84",
	"HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84",
	"HTTPS://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84",
}

// epsgPrefixes introduce an EPSG code, possibly after a version segment
// ending in sep (upper case).
var epsgPrefixes = []struct {
	prefix string
	sep    byte // separator after the version segment; 0 when there is none
}{
	{"EPSG:", 0},
	{"URN:OGC:DEF:CRS:EPSG:", ':'},   // urn:ogc:def:crs:EPSG::7415, urn:ogc:def:crs:EPSG:6.6:4326
	{"URN:X-OGC:DEF:CRS:EPSG:", ':'}, // the pre-2009 form CityGML files still use
	{"HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/", '/'},
	{"HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/", '/'},
	{"HTTP://WWW.OPENGIS.NET/GML/SRS/EPSG.XML#", 0},
}

// Parse reads a CRS identifier, case-insensitively and ignoring surrounding
// blanks:
//
//   - EPSG codes: "EPSG:32632", "epsg:4490", "4326",
//     "urn:ogc:def:crs:EPSG::7415", "urn:ogc:def:crs:EPSG:6.6:4326",
//     "http://www.opengis.net/def/crs/EPSG/0/2056" (https too);
//   - OGC CRS84: "CRS84", "OGC:CRS84", "CRS:84",
//     "urn:ogc:def:crs:OGC:1.3:CRS84",
//     "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
//   - "LOCAL:lon,lat", a local tangent plane (see [Local]).
//
// A well-formed identifier Parse does not support (an EPSG code outside
// [Supported], another authority such as "ESRI:102100") gives an error
// wrapping ErrUnknownCRS and geo.ErrUnsupported; anything else an error
// wrapping ErrMalformedCRS and geo.ErrSyntax. Decoders wrap these in their
// own positioned geo.ParseError. O(len(s)); safe for concurrent use.
func Parse(s string) (*CRS, error) {
	t := strings.TrimSpace(s)
	u := strings.ToUpper(t)
	for _, name := range crs84Names {
		if u == name {
			return crs84(), nil
		}
	}
	if strings.HasPrefix(u, "LOCAL:") {
		return parseLocal(t[len("LOCAL:"):])
	}
	if isDigits(u) {
		return parseCode(s, u)
	}
	for _, p := range epsgPrefixes {
		rest, ok := strings.CutPrefix(u, p.prefix)
		if !ok {
			continue
		}
		if p.sep != 0 {
			// The version segment is optional in practice
			// ("urn:x-ogc:def:crs:EPSG:4326").
			if version, code, ok := strings.Cut(rest, string(p.sep)); ok {
				if !isVersion(version) {
					return nil, malformed(s, "bad version segment")
				}
				rest = code
			}
		}
		return parseCode(s, rest)
	}
	if auth, code, ok := strings.Cut(u, ":"); ok && isWord(auth) && code != "" {
		return nil, fmt.Errorf("%w (%w): %q: authority %s not supported", ErrUnknownCRS, geo.ErrUnsupported, s, auth)
	}
	return nil, malformed(s, "not a CRS identifier")
}

// parseCode parses the decimal EPSG code in digits; s is the whole input,
// for messages.
func parseCode(s, digits string) (*CRS, error) {
	if !isDigits(digits) || len(digits) > 9 {
		return nil, malformed(s, "EPSG code is not a number")
	}
	code, _ := strconv.Atoi(digits) // cannot fail: at most 9 digits
	return EPSG(code)
}

// parseLocal parses the "lon,lat" of a LOCAL identifier.
func parseLocal(s string) (*CRS, error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return nil, malformed("LOCAL:"+s, "want LOCAL:lon,lat")
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return nil, malformed("LOCAL:"+s, "lon,lat are not numbers")
	}
	return Local(lon, lat)
}

// malformed returns an ErrMalformedCRS error for input s.
func malformed(s, why string) error {
	return fmt.Errorf("%w (%w): %q: %s", ErrMalformedCRS, geo.ErrSyntax, s, why)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isVersion reports whether s is an EPSG dataset version such as "", "0" or
// "6.6".
func isVersion(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// isWord reports whether s is a plausible authority name: 1–16 ASCII
// letters, digits, '-' or '_', starting with a letter.
func isWord(s string) bool {
	if s == "" || len(s) > 16 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

package geojson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// crsLonLat is the CRS of RFC 7946 GeoJSON, as Dataset.CRS spells it.
const crsLonLat = "EPSG:4326"

// normalizeCRS turns the CRS names found in GeoJSON files and OGC APIs into
// "EPSG:n": "EPSG:2056", "EPSG::2056", "urn:ogc:def:crs:EPSG::2056",
// "urn:ogc:def:crs:EPSG:6.6:2056", "http://www.opengis.net/def/crs/EPSG/0/2056";
// and "CRS84" in any of its spellings ("OGC:CRS84",
// "urn:ogc:def:crs:OGC:1.3:CRS84", the opengis.net URI) to "EPSG:4326".
// ok is false for anything else.
func normalizeCRS(s string) (crs string, ok bool) {
	u := strings.ToUpper(strings.TrimSpace(s))
	if strings.HasSuffix(u, "CRS84") {
		return crsLonLat, true
	}
	i := strings.LastIndex(u, "EPSG")
	if i < 0 {
		return "", false
	}
	rest := u[i+len("EPSG"):]
	j := strings.LastIndexAny(rest, ":/")
	if j < 0 {
		return "", false
	}
	code, err := strconv.Atoi(rest[j+1:])
	if err != nil || code <= 0 || code > 999999999 {
		return "", false
	}
	return "EPSG:" + strconv.Itoa(code), true
}

// isLonLat reports whether crs is a geographic lon/lat CRS the package knows:
// WGS 84 (EPSG:4326) and CGCS2000 (EPSG:4490), which the engine treats as
// equal. An empty CRS is not lon/lat.
func isLonLat(crs string) bool { return crs == crsLonLat || crs == "EPSG:4490" }

// legacyCRS is the 2008 GeoJSON "crs" member.
type legacyCRS struct {
	Type       string `json:"type"`
	Properties struct {
		Name string          `json:"name"`
		Code json.RawMessage `json:"code"`
	} `json:"properties"`
}

// parseLegacyCRS reads a "crs" member. A JSON null gives "" (the file says
// its CRS is unknown). ok is false for a member that names no EPSG code or
// CRS84 (a "link" CRS, an ESRI code, a malformed object).
func parseLegacyCRS(raw json.RawMessage) (crs string, ok bool) {
	if isNull(raw) {
		return "", true
	}
	var c legacyCRS
	if json.Unmarshal(raw, &c) != nil {
		return "", false
	}
	switch strings.ToLower(c.Type) {
	case "name":
		return normalizeCRS(c.Properties.Name)
	case "epsg":
		code := strings.Trim(string(c.Properties.Code), `" `)
		return normalizeCRS("EPSG:" + code)
	}
	return "", false
}

// crsURN is the name a legacy crs member gives crs ("EPSG:n").
func crsURN(crs string) string {
	return "urn:ogc:def:crs:EPSG::" + strings.TrimPrefix(crs, "EPSG:")
}

// isNull reports whether raw is absent or the JSON literal null.
func isNull(raw json.RawMessage) bool {
	s := bytes.TrimSpace(raw)
	return len(s) == 0 || string(s) == "null"
}

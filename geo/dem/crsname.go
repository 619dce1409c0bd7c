package dem

import (
	"math"
	"strconv"
	"strings"
)

// Datums recognised by ParsePRJ, with their geographic EPSG codes.
const (
	datumWGS84       = "wgs84"
	datumCGCS2000    = "cgcs2000"
	datumETRS89      = "etrs89"
	datumNAD83       = "nad83"
	datumXian1980    = "xian1980"
	datumBeijing1954 = "beijing1954"
)

// datumOf maps a normalised datum or geographic CRS name (ESRI and EPSG
// spellings, "gcs_" and "d_" prefixes removed) to its datum.
func datumOf(norm string) string {
	norm = strings.TrimPrefix(strings.TrimPrefix(norm, "gcs_"), "d_")
	switch norm {
	case "wgs_1984", "wgs_84", "wgs84", "world_geodetic_system_1984":
		return datumWGS84
	case "cgcs2000", "cgcs_2000", "china_2000", "china_geodetic_coordinate_system_2000":
		return datumCGCS2000
	case "etrs_1989", "etrs89", "european_terrestrial_reference_system_1989":
		return datumETRS89
	case "nad_1983", "nad83", "north_american_1983", "north_american_datum_1983":
		return datumNAD83
	case "xian_1980", "xian1980":
		return datumXian1980
	case "beijing_1954", "beijing1954":
		return datumBeijing1954
	}
	return ""
}

// geographicCode is the EPSG code of each datum's geographic 2D CRS.
func geographicCode(datum string) int {
	switch datum {
	case datumWGS84:
		return 4326
	case datumCGCS2000:
		return 4490
	case datumETRS89:
		return 4258
	case datumNAD83:
		return 4269
	case datumXian1980:
		return 4610
	case datumBeijing1954:
		return 4214
	}
	return 0
}

// utmCode returns the EPSG code of UTM zone on datum, 0 if EPSG has none.
// Ranges from the EPSG registry: WGS 84 32601–32660 (N) and 32701–32760
// (S), ETRS89 25828–25838, NAD83 26901–26923.
func utmCode(datum string, zone int, south bool) int {
	switch {
	case datum == datumWGS84 && zone >= 1 && zone <= 60 && !south:
		return 32600 + zone
	case datum == datumWGS84 && zone >= 1 && zone <= 60:
		return 32700 + zone
	case datum == datumETRS89 && zone >= 28 && zone <= 38 && !south:
		return 25800 + zone
	case datum == datumNAD83 && zone >= 1 && zone <= 23 && !south:
		return 26900 + zone
	}
	return 0
}

// gkFirst returns the first EPSG code of each Gauss-Krüger family on datum:
// 6° zones 13–23, 6° central meridians 75E–135E, 3° zones 25–45, 3° central
// meridians 75E–135E (checked against `gdalsrsinfo -o wkt_esri EPSG:n`).
func gkFirst(datum string) ([4]int, bool) {
	switch datum {
	case datumCGCS2000:
		return [4]int{4491, 4502, 4513, 4534}, true
	case datumXian1980:
		return [4]int{2327, 2338, 2349, 2370}, true
	case datumBeijing1954:
		return [4]int{21413, 21453, 2401, 2422}, true
	}
	return [4]int{}, false
}

// gkCode returns the EPSG code of a Gauss-Krüger zone (zone > 0) or central
// meridian (cm > 0, degrees east) on datum, 3° or 6° wide; 0 if none.
func gkCode(datum string, threeDeg bool, zone, cm int) int {
	first, ok := gkFirst(datum)
	if !ok {
		return 0
	}
	switch {
	case !threeDeg && zone >= 13 && zone <= 23:
		return first[0] + zone - 13
	case !threeDeg && cm >= 75 && cm <= 135 && (cm-75)%6 == 0:
		return first[1] + (cm-75)/6
	case threeDeg && zone >= 25 && zone <= 45:
		return first[2] + zone - 25
	case threeDeg && cm >= 75 && cm <= 135 && (cm-75)%3 == 0:
		return first[3] + (cm-75)/3
	}
	return 0
}

// normName lower-cases s and turns every run of other characters than
// letters and digits into one '_'; "gauss_kruger" becomes "gk".
func normName(s string) string {
	var sb strings.Builder
	under := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if under && sb.Len() > 0 {
				sb.WriteByte('_')
			}
			sb.WriteRune(c)
			under = false
		} else {
			under = true
		}
	}
	return strings.ReplaceAll(sb.String(), "gauss_kruger", "gk")
}

// crsCode names a parsed WKT CRS as an EPSG code.
func crsCode(root *wktNode) (int, bool) {
	switch root.key {
	case "COMPD_CS", "COMPOUNDCRS":
		for _, a := range root.args {
			if a.node != nil && a.node.key != "VERT_CS" && a.node.key != "VERTCRS" {
				return crsCode(a.node)
			}
		}
		return 0, false
	case "PROJCS", "PROJCRS", "GEOGCS", "GEOGCRS", "GEODCRS":
	default:
		return 0, false
	}
	if code, ok := authorityCode(root); ok {
		return code, true
	}
	projected := root.key == "PROJCS" || root.key == "PROJCRS"
	if !projected {
		d := datumOf(normName(root.name()))
		if d == "" {
			d = datumOf(normName(root.child("DATUM").name()))
		}
		return geographicCode(d), d != ""
	}
	if code := projectedByName(normName(root.name())); code != 0 {
		return code, true
	}
	code := projectedByParams(root)
	return code, code != 0
}

// authorityCode reads AUTHORITY["EPSG","n"] (WKT1) or ID["EPSG",n] (WKT2).
func authorityCode(n *wktNode) (int, bool) {
	for _, key := range []string{"AUTHORITY", "ID"} {
		a := n.child(key)
		if a == nil || !strings.EqualFold(a.name(), "EPSG") || len(a.args) < 2 || a.args[1].node != nil {
			continue
		}
		if code, err := strconv.Atoi(strings.TrimSpace(a.args[1].text)); err == nil && code > 0 {
			return code, true
		}
	}
	return 0, false
}

// projectedByName recognises UTM, Gauss-Krüger and Web Mercator names.
func projectedByName(n string) int {
	switch n {
	case "wgs_1984_web_mercator_auxiliary_sphere", "wgs_84_pseudo_mercator", "web_mercator", "popular_visualisation_crs_mercator":
		return 3857
	}
	if i := strings.Index(n, "_utm_zone_"); i > 0 {
		z := n[i+len("_utm_zone_"):]
		if len(z) < 2 || z[len(z)-1] != 'n' && z[len(z)-1] != 's' {
			return 0
		}
		zone, err := strconv.Atoi(z[:len(z)-1])
		if err != nil {
			return 0
		}
		return utmCode(datumOf(n[:i]), zone, z[len(z)-1] == 's')
	}
	i := strings.Index(n, "_gk_")
	if i <= 0 {
		return 0
	}
	datum, rest := n[:i], n[i+len("_gk_"):]
	three := strings.HasSuffix(datum, "_3_degree")
	datum = datumOf(strings.TrimSuffix(datum, "_3_degree"))
	switch {
	case strings.HasPrefix(rest, "zone_"):
		if z, err := strconv.Atoi(rest[len("zone_"):]); err == nil {
			return gkCode(datum, three, z, 0)
		}
	case strings.HasPrefix(rest, "cm_") && strings.HasSuffix(rest, "e"):
		if cm, err := strconv.Atoi(rest[len("cm_") : len(rest)-1]); err == nil {
			return gkCode(datum, three, 0, cm)
		}
	}
	return 0
}

// projectedByParams recognises a Transverse Mercator projection in metres
// whose parameters are those of a UTM or Gauss-Krüger zone.
func projectedByParams(root *wktNode) int {
	proj := normName(root.child("PROJECTION").name())
	if proj != "transverse_mercator" && proj != "gk" {
		return 0
	}
	if u := root.child("UNIT"); u != nil {
		if f, ok := u.number(1); !ok || f != 1 {
			return 0
		}
	}
	g := root.child("GEOGCS")
	datum := datumOf(normName(g.name()))
	if g != nil && datum == "" {
		datum = datumOf(normName(g.child("DATUM").name()))
	}
	p := map[string]float64{}
	for _, a := range root.args {
		if a.node != nil && a.node.key == "PARAMETER" {
			if v, ok := a.node.number(1); ok {
				p[normName(a.node.name())] = v
			}
		}
	}
	cm, k, fe, fn := p["central_meridian"], p["scale_factor"], p["false_easting"], p["false_northing"]
	if p["latitude_of_origin"] != 0 || cm != math.Trunc(cm) || math.Abs(cm) > 180 || math.Abs(fe) > 1e9 {
		return 0
	}
	switch {
	case k == 0.9996 && fe == 500000 && (fn == 0 || fn == 10000000) && int(cm+183)%6 == 0:
		return utmCode(datum, int(cm+183)/6, fn != 0)
	case k != 1 || fn != 0:
		return 0
	case fe == 500000:
		return gkCode(datum, true, 0, int(cm))
	}
	zone := int(fe-500000) / 1000000
	if fe != float64(zone)*1e6+500000 {
		return 0
	}
	if 6*zone-3 == int(cm) {
		return gkCode(datum, false, zone, 0)
	}
	if 3*zone == int(cm) {
		return gkCode(datum, true, zone, 0)
	}
	return 0
}

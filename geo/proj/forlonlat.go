package proj

import "math"

// ForLonLat returns the local metric CRS for a city at lon, lat (WGS84
// degrees):
//
//   - inside China's box (lon 73…135°E, lat 18…54°N) the CGCS2000 3-degree
//     Gauss-Krüger zone with the zone-number false easting, EPSG:4513–4533,
//     zone = round(lon/3) clamped to 25…45;
//   - elsewhere the WGS84 UTM zone, EPSG:326zz north of the equator and
//     327zz south of it, with the standard exceptions applied: southwest
//     Norway (56…64°N, 3…12°E) uses zone 32, and Svalbard (72…84°N) zones
//     31, 33, 35 and 37.
//
// The China test is the box above, not the border, so neighbours inside it
// (Korea, Mongolia, northern Vietnam) also get a Gauss-Krüger zone; that is
// still a conformal metric CRS with under 0.03% scale error in its strip.
// Longitudes outside [−180, 180] are wrapped; a NaN or infinite coordinate is
// taken as 0. O(1); safe for concurrent use; never nil.
func ForLonLat(lon, lat float64) *CRS {
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		lon = 0
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) {
		lat = 0
	}
	lon = math.Remainder(lon, 360)
	if lon >= 73 && lon <= 135 && lat >= 18 && lat <= 54 {
		zone := min(max(int(math.Round(lon/3)), 25), 45)
		return fromCode(gk3ZoneFirst + zone - 25)
	}
	zone := utmZone(lon, lat)
	if lat < 0 {
		return fromCode(utmSouthFirst + zone - 1)
	}
	return fromCode(utmNorthFirst + zone - 1)
}

// utmZone returns the UTM zone (1…60) for lon ∈ [−180, 180] and lat, with the
// Norway and Svalbard exceptions.
func utmZone(lon, lat float64) int {
	zone := min(int(math.Floor((lon+180)/6))+1, 60)
	switch {
	case lat >= 56 && lat < 64 && lon >= 3 && lon < 12:
		return 32
	case lat >= 72 && lat <= 84 && lon >= 0 && lon < 42:
		switch {
		case lon < 9:
			return 31
		case lon < 21:
			return 33
		case lon < 33:
			return 35
		default:
			return 37
		}
	}
	return zone
}

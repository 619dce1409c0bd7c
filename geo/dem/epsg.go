package dem

import (
	"strconv"
	"strings"
)

// epsgCode parses "EPSG:n" (case-insensitive) into n.
func epsgCode(crs string) (int, bool) {
	if len(crs) < 6 || !strings.EqualFold(crs[:5], "EPSG:") {
		return 0, false
	}
	n, err := strconv.Atoi(crs[5:])
	return n, err == nil && n > 0 && n < userDefined
}

// isGeographic reports whether EPSG code n is a geographic 2D CRS, so that
// EncodeGeoTIFF writes it as GeographicTypeGeoKey rather than
// ProjectedCSTypeGeoKey. The ranges are the codes 4000–4999 for which
// `projinfo EPSG:n -o WKT1_GDAL` (PROJ 9) prints a GEOGCS, plus NAD83(2011),
// JGD2011 and GDA2020; every other code is taken as projected.
func isGeographic(n int) bool {
	switch n {
	case 6318, 6668, 7844:
		return true
	}
	if n < 4001 || n > 4904 {
		return false
	}
	for _, r := range [...][2]int{
		{4001, 4016}, {4018, 4025}, {4027, 4036}, {4041, 4047}, {4052, 4055}, {4075, 4075},
		{4081, 4081}, {4120, 4176}, {4178, 4185}, {4188, 4216}, {4218, 4289}, {4291, 4304},
		{4306, 4319}, {4322, 4322}, {4324, 4324}, {4326, 4326}, {4463, 4463}, {4470, 4470},
		{4475, 4475}, {4483, 4483}, {4490, 4490}, {4555, 4555}, {4558, 4558}, {4600, 4646},
		{4657, 4765}, {4801, 4811}, {4813, 4821}, {4823, 4824}, {4901, 4904},
	} {
		if n >= r[0] && n <= r[1] {
			return true
		}
	}
	return false
}

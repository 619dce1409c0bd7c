package proj

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"

	"twin/geo"
)

// The EPSG code ranges this package implements.
const (
	utmNorthFirst, utmNorthLast = 32601, 32660 // WGS 84 / UTM zone 1N…60N
	utmSouthFirst, utmSouthLast = 32701, 32760 // WGS 84 / UTM zone 1S…60S
	etrsFirst, etrsLast         = 25828, 25838 // ETRS89 / UTM zone 28N…38N (EPSG has deprecated 25838; still read)
	gk6ZoneFirst, gk6ZoneLast   = 4491, 4501   // CGCS2000 / Gauss-Kruger zone 13…23
	gk6CMFirst, gk6CMLast       = 4502, 4512   // CGCS2000 / Gauss-Kruger CM 75E…135E
	gk3ZoneFirst, gk3ZoneLast   = 4513, 4533   // CGCS2000 / 3-degree Gauss-Kruger zone 25…45
	gk3CMFirst, gk3CMLast       = 4534, 4554   // CGCS2000 / 3-degree Gauss-Kruger CM 75E…135E
)

// Nominal latitude ranges (degrees) of the zone families, for AreaOfUse.
const (
	chinaSouth, chinaNorth   = 16.0, 54.0
	europeSouth, europeNorth = 34.0, 84.0
)

// The origins of RD New and LV95, degrees, from their EPSG definitions
// (EPSG:19914 and EPSG:19922), given there in sexagesimal degrees.
const (
	rdLat0   = 52 + 9.0/60 + 22.178/3600 // 52°09'22.178"N
	rdLon0   = 5 + 23.0/60 + 15.5/3600   // 5°23'15.500"E
	lv95Lat0 = 46 + 57.0/60 + 8.66/3600  // 46°57'08.66"N
	lv95Lon0 = 7 + 26.0/60 + 22.5/3600   // 7°26'22.50"E
)

// EPSG returns the CRS with the given EPSG code. It fails with an error
// wrapping ErrUnknownCRS and geo.ErrUnsupported when the code is not in
// [Supported]. O(1) apart from building the projection constants (about a
// microsecond); safe for concurrent use.
func EPSG(code int) (*CRS, error) {
	c := fromCode(code)
	if c == nil {
		return nil, fmt.Errorf("%w (%w): EPSG:%d", ErrUnknownCRS, geo.ErrUnsupported, code)
	}
	return c, nil
}

// Supported returns the EPSG codes that [EPSG] and [Parse] accept, sorted
// ascending. The slice is freshly allocated.
func Supported() []int {
	codes := []int{2056, 3857, 4258, 4326, 4490, 7415, 28992}
	for _, r := range [][2]int{
		{utmNorthFirst, utmNorthLast}, {utmSouthFirst, utmSouthLast},
		{etrsFirst, etrsLast}, {gk6ZoneFirst, gk3CMLast},
	} {
		for c := r[0]; c <= r[1]; c++ {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	return codes
}

// fromCode builds the CRS for an EPSG code, or returns nil when the code is
// not supported.
func fromCode(code int) *CRS {
	switch {
	case code == 4326:
		return geographic(code, "WGS 84")
	case code == 4490:
		return geographic(code, "China Geodetic Coordinate System 2000")
	case code == 4258:
		return geographic(code, "ETRS89")
	case code == 3857:
		c := epsgCRS(code, "WGS 84 / Pseudo-Mercator", webMercator{r: wgs84.a}, nil)
		c.area = orb.Bound{Min: orb.Point{-180, -maxWebMercatorLat}, Max: orb.Point{180, maxWebMercatorLat}}
		return c
	case code >= utmNorthFirst && code <= utmNorthLast:
		return utm(code, code-utmNorthFirst+1, false)
	case code >= utmSouthFirst && code <= utmSouthLast:
		return utm(code, code-utmSouthFirst+1, true)
	case code >= etrsFirst && code <= etrsLast:
		return etrsUTM(code, code-etrsFirst+28)
	case code >= gk6ZoneFirst && code <= gk3CMLast:
		return gaussKruger(code)
	case code == 28992 || code == 7415:
		return rdNew(code)
	case code == 2056:
		p := newSomerc(bessel, lv95Lon0, lv95Lat0, 1, 2600000, 1200000)
		c := epsgCRS(code, "CH1903+ / LV95", p, ch1903plus)
		c.area = orb.Bound{Min: orb.Point{5.96, 45.82}, Max: orb.Point{10.49, 47.81}}
		return c
	}
	return nil
}

// epsgCRS fills the fields every EPSG CRS shares.
func epsgCRS(code int, name string, p projection, d *datum) *CRS {
	id := "EPSG:" + strconv.Itoa(code)
	return &CRS{
		id:    id,
		code:  code,
		name:  name,
		uri:   "http://www.opengis.net/def/crs/EPSG/0/" + strconv.Itoa(code),
		horiz: id,
		proj:  p,
		datum: d,
	}
}

// geographic returns a lon/lat CRS equal to WGS84 (authority order lat, lon).
func geographic(code int, name string) *CRS {
	c := epsgCRS(code, name, nil, nil)
	c.horiz = "WGS84"
	c.latLon = true
	c.area = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	return c
}

// crs84 returns OGC CRS84: WGS84 lon/lat in that order.
func crs84() *CRS {
	return &CRS{
		id:    "CRS84",
		name:  "WGS 84 (CRS84)",
		uri:   "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
		horiz: "WGS84",
		area:  orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}},
	}
}

// utm returns WGS 84 / UTM zone (1…60), north or south.
func utm(code, zone int, south bool) *CRS {
	cm := float64(6*zone - 183)
	fn, hemi, lat := 0.0, "N", [2]float64{0, 84}
	if south {
		fn, hemi, lat = 10000000, "S", [2]float64{-80, 0}
	}
	name := fmt.Sprintf("WGS 84 / UTM zone %d%s", zone, hemi)
	c := epsgCRS(code, name, newTMerc(wgs84, cm, 0, 0.9996, 500000, fn), nil)
	c.area = strip(cm, 3, lat[0], lat[1])
	return c
}

// etrsUTM returns ETRS89 / UTM zone (28…38) N on the GRS80 ellipsoid.
func etrsUTM(code, zone int) *CRS {
	cm := float64(6*zone - 183)
	name := fmt.Sprintf("ETRS89 / UTM zone %dN", zone)
	c := epsgCRS(code, name, newTMerc(grs80, cm, 0, 0.9996, 500000, 0), nil)
	c.area = strip(cm, 3, europeSouth, europeNorth)
	return c
}

// gaussKruger returns one of the CGCS2000 Gauss-Krüger CRSs 4491–4554. The
// zone numbers, central meridians and false eastings are those of PROJ's
// database (`projinfo EPSG:4491` … `EPSG:4554`): 6° zone z has its central
// meridian at 6z−3°E, 3° zone z at 3z°E, and the "zone" variants prefix the
// 500 km false easting with the zone number (zone 39: 39 500 000 m).
func gaussKruger(code int) *CRS {
	var cm, fe, half float64
	var name string
	switch {
	case code <= gk6ZoneLast:
		z := code - gk6ZoneFirst + 13
		cm, fe, half = float64(6*z-3), float64(z)*1e6+500000, 3
		name = fmt.Sprintf("CGCS2000 / Gauss-Kruger zone %d", z)
	case code <= gk6CMLast:
		cm, fe, half = float64(75+6*(code-gk6CMFirst)), 500000, 3
		name = fmt.Sprintf("CGCS2000 / Gauss-Kruger CM %.0fE", cm)
	case code <= gk3ZoneLast:
		z := code - gk3ZoneFirst + 25
		cm, fe, half = float64(3*z), float64(z)*1e6+500000, 1.5
		name = fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger zone %d", z)
	default:
		cm, fe, half = float64(75+3*(code-gk3CMFirst)), 500000, 1.5
		name = fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger CM %.0fE", cm)
	}
	c := epsgCRS(code, name, newTMerc(cgcs2000, cm, 0, 1, fe, 0), nil)
	c.latLon = true
	c.area = strip(cm, half, chinaSouth, chinaNorth)
	return c
}

// rdNew returns Amersfoort / RD New (28992) or its compound with NAP height
// (7415), which is horizontally identical.
func rdNew(code int) *CRS {
	p := newSterea(bessel, rdLon0, rdLat0, 0.9999079, 155000, 463000)
	name := "Amersfoort / RD New"
	if code == 7415 {
		name += " + NAP height"
	}
	c := epsgCRS(code, name, p, amersfoort)
	c.horiz = "EPSG:28992"
	c.area = orb.Bound{Min: orb.Point{3.2, 50.75}, Max: orb.Point{7.22, 53.7}}
	return c
}

// Local returns the local tangent-plane CRS "LOCAL:lon,lat": a Transverse
// Mercator on WGS84 with its origin at (lon, lat) degrees, scale 1 and no
// false easting or northing, so the origin maps to (0, 0) and distances near
// it are true to 1e-6 within 10 km. It fails with an error wrapping
// ErrMalformedCRS and geo.ErrInvalid unless lon ∈ [−180, 180] and
// lat ∈ [−90, 90]. Safe for concurrent use.
func Local(lon, lat float64) (*CRS, error) {
	if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
		return nil, fmt.Errorf("%w (%w): LOCAL origin %g,%g outside lon [-180,180], lat [-90,90]",
			ErrMalformedCRS, geo.ErrInvalid, lon, lat)
	}
	id := "LOCAL:" + formatDeg(lon) + "," + formatDeg(lat)
	return &CRS{
		id:    id,
		name:  "Local transverse Mercator at " + formatDeg(lon) + "," + formatDeg(lat),
		horiz: id,
		proj:  newTMerc(wgs84, lon, lat, 1, 0, 0),
		area: orb.Bound{
			Min: orb.Point{lon - 1, math.Max(-90, lat-1)},
			Max: orb.Point{lon + 1, math.Min(90, lat+1)},
		},
	}, nil
}

// strip returns the box cm±half degrees of longitude by lat0…lat1.
func strip(cm, half, lat0, lat1 float64) orb.Bound {
	return orb.Bound{Min: orb.Point{cm - half, lat0}, Max: orb.Point{cm + half, lat1}}
}

package proj

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// deg is one degree in radians.
const deg = math.Pi / 180

// projection is a map projection on one ellipsoid: geodetic longitude and
// latitude in radians ⇄ easting and northing in metres, false origin
// included. Implementations are immutable.
type projection interface {
	project(lam, phi float64) (x, y float64)
	unproject(x, y float64) (lam, phi float64)
}

// Compile-time checks that every projection satisfies the interface.
var (
	_ projection = (*tmerc)(nil)
	_ projection = webMercator{}
	_ projection = (*sterea)(nil)
	_ projection = (*somerc)(nil)
)

// CRS is a coordinate reference system: geographic lon/lat in degrees, or a
// projection in metres, together with the datum shift (if any) that relates
// it to WGS84. Obtain one from [Parse], [EPSG], [Local] or [ForLonLat].
//
// A *CRS is immutable and safe for concurrent use. Two *CRS values for the
// same identifier are interchangeable; compare them with [CRS.String].
type CRS struct {
	id     string     // canonical identifier, as String returns
	code   int        // EPSG code, 0 for CRS84 and LOCAL
	name   string     // human-readable name
	uri    string     // OGC URI, "" for LOCAL
	horiz  string     // identifier of the horizontal definition; equal horiz ⇒ identical Forward/Inverse
	latLon bool       // authority axis order is latitude/northing first
	proj   projection // nil for geographic CRSs (degrees)
	datum  *datum     // nil when the datum is treated as WGS84
	area   orb.Bound  // nominal area of use, WGS84 lon/lat degrees
}

// String returns the canonical identifier: "EPSG:n", "CRS84" or
// "LOCAL:lon,lat". Parse(c.String()) yields an equivalent CRS.
func (c *CRS) String() string { return c.id }

// Code returns the EPSG code, or 0 for CRS84 and LOCAL CRSs.
func (c *CRS) Code() int { return c.code }

// Name returns a human-readable name, as the EPSG dataset spells it for EPSG
// CRSs (for example "WGS 84 / UTM zone 32N").
func (c *CRS) Name() string { return c.name }

// URI returns the OGC URI of the CRS, http://www.opengis.net/def/crs/EPSG/0/n
// for EPSG codes and http://www.opengis.net/def/crs/OGC/1.3/CRS84 for CRS84.
// A LOCAL CRS has no URI and returns "".
func (c *CRS) URI() string { return c.uri }

// Geographic reports whether coordinates are longitude/latitude in degrees
// (EPSG:4326, 4490, 4258 and CRS84) rather than projected metres.
func (c *CRS) Geographic() bool { return c.proj == nil }

// LatLonOrder reports whether the authority's axis order lists latitude (or
// northing) first: true for EPSG:4326, 4490 and 4258 and for the CGCS2000
// Gauss-Krüger CRSs EPSG:4491–4554 (northing, easting), false for CRS84 and
// the other projected CRSs. The engine always stores (x, y) =
// (lon/easting, lat/northing); edge code such as OGC API Features Part 2 uses
// this to swap when reading or writing authority-ordered coordinates.
func (c *CRS) LatLonOrder() bool { return c.latLon }

// AreaOfUse returns the nominal area where the CRS is meant to be used, in
// WGS84 longitude/latitude degrees: the zone's longitude strip for UTM and
// Gauss-Krüger (over latitudes 0…84 north or −80…0 south for UTM, 34…84 for
// ETRS89 and 16…54 for CGCS2000 zones), the EPSG bounding box for RD New and
// LV95, ±1° around the origin for LOCAL, and the whole world (Web Mercator:
// up to ±85.0511°) otherwise. It is a box, not EPSG's exact polygon.
func (c *CRS) AreaOfUse() orb.Bound { return c.area }

// Forward maps WGS84 longitude and latitude in degrees to this CRS: the same
// degrees for geographic CRSs (CGCS2000 and ETRS89 are taken as WGS84),
// easting and northing in metres for projected ones, after the datum's
// Helmert shift where it has one. The point is taken to lie on the WGS84
// ellipsoid. Outside the area of use the result is finite but inaccurate;
// NaN in gives NaN out. O(1), no allocation, safe for concurrent use.
func (c *CRS) Forward(lon, lat float64) (x, y float64) {
	if c.proj == nil {
		return lon, lat
	}
	lam, phi := lon*deg, lat*deg
	if c.datum != nil {
		lam, phi = c.datum.fromWGS84(lam, phi)
	}
	return c.proj.project(lam, phi)
}

// Inverse maps coordinates of this CRS (degrees or metres, as Forward
// returns them) back to WGS84 longitude and latitude in degrees, longitude
// normalised to [−180°, 180°]. It is the inverse of Forward to far under a
// millimetre within the area of use. O(1), no allocation, safe for
// concurrent use.
func (c *CRS) Inverse(x, y float64) (lon, lat float64) {
	if c.proj == nil {
		return x, y
	}
	lam, phi := c.proj.unproject(x, y)
	if c.datum != nil {
		lam, phi = c.datum.toWGS84Geo(lam, phi)
	}
	return math.Remainder(lam/deg, 360), phi / deg
}

// formatDeg formats a coordinate in degrees with the fewest digits that
// round-trip, turning −0 into 0.
func formatDeg(v float64) string {
	return strconv.FormatFloat(v+0, 'f', -1, 64)
}

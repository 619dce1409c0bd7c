package proj

import "math"

// maxWebMercatorLat is the latitude (degrees) at which Web Mercator's y equals
// its x at 180°, making the world a square: 2·atan(e^π) − 90°.
const maxWebMercatorLat = 85.05112877980659

// webMercator is Popular Visualisation Pseudo-Mercator (EPSG:3857, EPSG
// method 1024): the spherical Mercator formulas applied to WGS84 lon/lat
// with the sphere's radius set to WGS84's semi-major axis. It is not
// conformal on the ellipsoid; it is what web map tiles use.
type webMercator struct {
	r float64 // sphere radius, metres
}

// project maps lam, phi (radians) to metres. Latitude is clamped to
// ±85.0511°, where the tile pyramid ends. O(1).
func (w webMercator) project(lam, phi float64) (x, y float64) {
	lim := maxWebMercatorLat * math.Pi / 180
	phi = math.Max(-lim, math.Min(lim, phi))
	return w.r * lam, w.r * math.Log(math.Tan(math.Pi/4+phi/2))
}

// unproject maps metres back to lam, phi (radians). O(1).
func (w webMercator) unproject(x, y float64) (lam, phi float64) {
	return x / w.r, math.Pi/2 - 2*math.Atan(math.Exp(-y/w.r))
}

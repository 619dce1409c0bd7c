package proj

import (
	"github.com/paulmach/orb"

	"twin/geo"
)

// Transformer returns a function mapping points from one CRS to another,
// through WGS84 lon/lat: to.Forward(from.Inverse(p)). When both CRSs are
// horizontally the same (equal identifiers, any pair of the WGS84-equal
// geographic CRSs, or EPSG:28992 and EPSG:7415) it returns the identity.
// The function is O(1) per point, allocation-free and safe for concurrent
// use. from and to must not be nil.
func Transformer(from, to *CRS) geo.PointFunc {
	if from.horiz == to.horiz {
		return func(p orb.Point) orb.Point { return p }
	}
	return func(p orb.Point) orb.Point {
		lon, lat := from.Inverse(p[0], p[1])
		x, y := to.Forward(lon, lat)
		return orb.Point{x, y}
	}
}

// Package proj converts coordinates between WGS84 longitude/latitude and the
// coordinate reference systems (CRSs) a city's data arrives in: geographic
// lon/lat, Web Mercator, UTM, the CGCS2000 Gauss-Krüger zones of China, the
// Dutch RD New and the Swiss LV95 grids, and a local tangent plane.
//
// # Model
//
// Every conversion goes through WGS84 geographic longitude/latitude in
// degrees: [CRS.Forward] maps WGS84 lon/lat into the CRS, [CRS.Inverse] maps
// back, and [Transformer] composes the two. CGCS2000 (EPSG:4490) and ETRS89
// (EPSG:4258) are treated as equal to WGS84: the realisations differ by a few
// centimetres to decimetres, far below what a city model resolves, so no
// datum shift is applied to them or to their projected CRSs (ETRS89 / UTM,
// CGCS2000 / Gauss-Krüger). Their own ellipsoid (GRS80 / CGCS2000) is still
// used for the projection. Amersfoort (RD New) and CH1903+ (LV95) sit on the
// Bessel 1841 ellipsoid with a datum hundreds of metres away; they are reached
// by a 7-parameter Helmert transformation (see helmert.go for the parameters
// and the EPSG transformations they come from).
//
// # Conventions
//
//   - Coordinates are always (x, y) = (longitude, latitude) in degrees for
//     geographic CRSs and (easting, northing) in metres for projected ones,
//     whatever the authority's axis order. [CRS.LatLonOrder] only tells edge
//     code (file formats, OGC API) when the authority lists latitude or
//     northing first, so it can swap.
//   - Heights are not transformed. The API is 2D; for the compound
//     EPSG:7415 (RD New + NAP height) the height is the caller's to pass
//     through. Datum shifts assume the point lies on the source ellipsoid
//     (ellipsoidal height 0), as PROJ's cs2cs does for 2D input; the
//     resulting horizontal error is far under a millimetre for any terrain.
//   - Angles in the exported API are degrees; internally radians.
//
// # Accuracy
//
// Transverse Mercator uses Krüger's series in the third flattening n to order
// n⁶ (Karney 2011, "Transverse Mercator with an accuracy of a few
// nanometres", J. Geodesy 85:475–485), accurate to nanometres within 4000 km
// of the central meridian. The oblique stereographic (EPSG method 9809) and
// the Swiss oblique cylindrical projection follow the EPSG Guidance Note 7-2
// and swisstopo's rigorous formulas. The tests pin all of them to PROJ's
// cs2cs within 1 cm (in practice micrometres for the projections alone) and
// check that Forward and Inverse round-trip far under a millimetre.
//
// The formulas are written here rather than taken from a library: the Go
// ports available implement Transverse Mercator with Snyder's low-order
// series, good to only about a metre at zone edges.
//
// # Errors and concurrency
//
// [Parse] and [EPSG] return errors wrapping [ErrUnknownCRS] (and
// geo.ErrUnsupported) for identifiers they do not know, and [ErrMalformedCRS]
// (and geo.ErrSyntax) for strings that are not CRS identifiers at all.
// Forward and Inverse never fail and never panic; input outside a CRS's area
// of use gives finite but meaningless numbers (or NaN for impossible input).
// A *CRS is immutable after construction and safe for concurrent use.
package proj

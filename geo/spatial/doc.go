// Package spatial holds the planar predicates and measures the engine's
// queries need on top of orb: whether two geometries intersect, whether one
// lies within a polygon, the distance from a point to a geometry (zero
// inside areas) and the closest position along a line.
//
// orb/planar provides point-in-polygon and point-to-boundary distance but no
// geometry-geometry predicates, so those are written here. All functions are
// pure, allocation-free where possible and safe for concurrent use. Points on
// a boundary count as inside, as in orb/planar. Coordinates are planar
// (projected metres in the engine); nothing here is geodesic.
//
// Supported geometry types: orb.Point, MultiPoint, LineString,
// MultiLineString, Ring, Polygon, MultiPolygon, Bound and Collection. Other
// types (nil) never intersect anything.
package spatial

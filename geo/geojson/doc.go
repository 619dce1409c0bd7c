// Package geojson reads and writes GeoJSON (RFC 7946) for any layer of the
// twin: a FeatureCollection, a single Feature or a bare Geometry, and
// newline-delimited features (NDJSON / GeoJSONSeq, RFC 8142) are decoded into
// a *geo.Dataset; any []geo.Feature is encoded as a streamed
// FeatureCollection or as NDJSON.
//
// # Decoding
//
// [Decode] detects the framing by itself: the input is read as a sequence of
// JSON objects (record separators 0x1E and a leading UTF-8 byte order mark are
// read as white space), each a FeatureCollection, a Feature or a Geometry.
//
// Every feature lands in one layer, chosen in this order: [Options].Layer;
// the collection's foreign member "layer" or "name"; the feature's property
// "layer"; else "features". Features in the layers the engine knows (see
// [IsTyped]) become the matching typed value, built from the geometry and
// the property names that type's Properties method writes, so that
// Decode(Encode(features)) gives the features back:
//
//	buildings      *geo.Building         Polygon or MultiPolygon
//	roads, links   *geo.RoadLink         LineString
//	road_nodes     *geo.RoadNode         Point
//	restrictions   *geo.TurnRestriction  Point
//	pipes          *geo.Pipe             LineString
//	pipe_nodes     *geo.PipeNode         Point
//	subcatchments  *geo.Subcatchment     Polygon
//	raingauges     *geo.RainGauge        Point
//
// (a Multi… geometry of one part is accepted for the single kinds). Every
// other layer, sensors and units included, holds *geo.Generic with all
// properties kept and, for a Point, the third coordinate as Z.
//
// A typed property is looked up by its exact name first, then by a unique
// case-insensitive match ("Raingage" for "raingage"; that original member is
// also kept in Attrs). Numbers given as strings are accepted. Properties not
// used by the type go to Attrs. Missing properties get these defaults:
//
//   - Building: height from "levels"×geo.LevelHeight, else
//     geo.DefaultBuildingHeight of the type (HeightSource "levels" or
//     "default"); type from the "building" attribute when "type" is
//     missing; ground NaN (unknown).
//   - RoadLink: lanes 1; maxspeed from "maxspeed_kmh", else 0 with
//     SpeedSource "" (a number in "maxspeed" is m/s, a string an OSM value
//     in km/h or "… mph"); length measured on the line; class from the
//     "highway" attribute.
//   - RoadNode: signal true when the "highway" attribute is
//     "traffic_signals".
//   - Pipe: length measured on the line; inverts and ground elevations NaN.
//   - PipeNode: invert and ground NaN, max_depth 0.
//   - Subcatchment: area measured on the polygon.
//   - Everything else: the zero value.
//
// Lengths and areas are measured geodesically (orb/geo, spherical) when the
// CRS is lon/lat and in the plane otherwise.
//
// The feature ID is the GeoJSON "id" member (a string, or a number kept as
// written), else the property "id", else "{layer}-{index}" where index is the
// feature's 0-based position in the input. A repeated ID within a layer is
// replaced by the fallback, with a warning, because the engine requires
// unique IDs.
//
// Coordinates stay in the source CRS. RFC 7946 GeoJSON is lon/lat (x =
// longitude) and gives Dataset.CRS "EPSG:4326". The legacy (2008) "crs"
// member is honoured: {"type":"name","properties":{"name":
// "urn:ogc:def:crs:EPSG::2056"}} gives "EPSG:2056". A legacy crs naming
// EPSG:4326 is still read with x = longitude, as every producer in practice
// writes it, although EPSG:4326 formally has latitude first. "crs": null
// gives CRS "" (unknown, the caller supplies one). [Options].CRS overrides
// all of this.
//
// # Errors
//
// Malformed JSON is a *geo.ParseError wrapping geo.ErrSyntax with the byte
// offset of the fault; a top level that is not GeoJSON wraps geo.ErrInvalid;
// an unknown CRS wraps geo.ErrUnsupported. Problems confined to one feature
// do not stop decoding: the feature is skipped and a geo.Warning with the
// feature's index and byte offset is recorded. That covers coordinates that
// overflow float64 (JSON cannot spell NaN, so this is how non-finite values
// arrive), positions with fewer than two numbers, line strings with fewer
// than two positions, rings with fewer than four positions or not closed
// (RFC 7946 §3.1.6 makes those invalid; they are not repaired), unknown
// geometry types, null or empty geometries (the engine indexes features by
// their bounds, so a feature without geometry has no place in a layer), and
// geometries that do not fit a typed layer (a Point in "buildings").
//
// # Encoding
//
// [Encode], [EncodeNDJSON] and [EncodeFeature] stream: each feature is
// formatted into a small reused buffer and written out, so memory does not
// grow with the number of features; [Writer] does the same for features that
// arrive one at a time (from an index query callback). Coordinates pass
// through [EncodeOptions].Project and are rounded to Precision decimal
// places. Properties are those of the feature's Properties method, written
// with sorted keys, so the output is byte-for-byte deterministic; for a
// typed feature read from a file that means every source property plus the
// type's canonical ones (Encode(Decode(x)) keeps ids, geometry and
// properties, and adds). IDs are always written as JSON strings.
// Non-finite property values are written as null; a non-finite coordinate
// fails the feature with [ErrNonFinite] and nothing of it is written.
// Unclosed rings are closed on output. Empty geometries are written as null.
// 3D building surfaces are not written (GeoJSON has no solids); a
// *geo.Generic point with a finite Z gets it as its third coordinate.
//
// github.com/paulmach/orb/geojson is not used for the hot paths: its
// decoder drops z, reads a one-number position as (x, 0) and does not check
// rings, and its encoder builds the whole collection in memory and can
// neither project nor round. The tests use it as an independent reader of
// what Encode writes.
//
// # Concurrency
//
// Decode and the Encode functions keep no state between calls and are safe
// for concurrent use on different readers and writers. A [Writer] is not
// safe for concurrent use.
package geojson

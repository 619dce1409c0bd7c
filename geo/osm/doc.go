// Package osm decodes OpenStreetMap data, PBF or XML, into the typed
// features of package geo: the road network (whole ways, the directed
// link graph and its nodes, turn restrictions) and 2.5D buildings.
//
// # Layers
//
// Decode returns a *geo.Dataset in lon/lat degrees (CRS "EPSG:4326",
// Format "osm") with these layers:
//
//   - roads (*geo.Road): one feature per way with a highway=* tag, every
//     class, ID "w{way}". Its count equals osmium's
//     `osmium tags-filter FILE w/highway` less the ways skipped with a
//     warning (fewer than 2 nodes with a location).
//   - links (*geo.RoadLink): the directed graph of the drivable classes
//     (see Drivable), each way split at graph nodes; ID "w{way}.{part}"
//     along the drawing direction and "w{way}.{part}r" against it.
//   - road_nodes (*geo.RoadNode): the graph nodes plus every
//     highway=traffic_signals node; ID "n{node}".
//   - restrictions (*geo.TurnRestriction): type=restriction relations,
//     via a node or via ways; ID "r{relation}".
//   - buildings and building_parts (*geo.Building): closed ways and
//     type=multipolygon relations with building=* (other than "no"), and
//     likewise with building:part=* for parts; ID "w{way}" or "r{relation}".
//
// # Conventions
//
// Lengths are metres on the WGS84 ellipsoid (SegmentLength), speeds m/s,
// heights metres above the building's ground (Ground is NaN: the engine
// fills it from terrain). Footprint outer rings run counter-clockwise and
// holes clockwise, as in RFC 7946. Attrs hold every OSM tag of the source
// object as a string; features built from the same way (its road and its
// links) share one Attrs map, read-only like every feature handed on.
// Features appear in file order (road_nodes by id), so the same input
// always gives the same output.
//
// Interpretation of tags (oneway, lanes, maxspeed, height, levels) is
// documented on parseOneway, roadParams.lanes, ParseMaxSpeed, DefaultSpeed
// and builder.heights; in short: oneway=yes/true/1 and -1/reverse,
// roundabouts and motorways are one-way, reversible and alternating roads
// two-way; untagged speeds come from a per-class table taken from OSRM's
// car profile; building heights come from height, else storeys × 3 m,
// else a per-type default.
//
// Not interpreted: access restrictions (access=*, motor_vehicle=*), turn
// lanes, time-conditional tags and old-style multipolygons (tags on the
// outer way instead of the relation; such a way is read as a plain
// building without its holes). All of them stay in Attrs.
//
// # Errors and warnings
//
// Input that cannot be read is an error: a *geo.ParseError with the file
// name and, for PBF, the byte offset of the failing blob or, for XML, the
// line, wrapping geo.ErrSyntax or geo.ErrUnsupported (see Decode). Content
// that can be skipped is a warning in Dataset.Warnings at the same kind of
// position: nodes with NaN, infinite or out-of-range locations (ways then
// miss them), ways with node refs not in the file (extracts), relations
// with members not in the file, rings that do not close, unreadable
// heights. Decode never panics on bad input; FuzzDecode checks this.
//
// # Implementation
//
// PBF is decoded by this package, on google.golang.org/protobuf's
// protowire, with blocks decompressed and decoded in parallel
// (Options.Workers) and merged in file order. paulmach/osm's osmpbf
// decoder was not used because it panics inside its own goroutines on
// malformed blocks (string-table indices out of range, non-dense nodes),
// which no caller can recover, and reports no byte offsets; XML is read
// with encoding/xml for the line numbers osmxml does not give. The OSM
// tag type (osm.Tags) comes from paulmach/osm, geometry from paulmach/orb.
//
// # Concurrency
//
// Decode is safe for concurrent use; it keeps no global state. The whole
// file is held in memory while features are built.
package osm

// Package osm decodes OpenStreetMap data, PBF or XML, into the typed
// features of package geo: the road network (whole ways, the directed
// link graph and its nodes, turn restrictions), 2.5D buildings and the
// emergency services mapped as lone nodes.
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
//   - pois (*geo.Generic): lone tagged nodes of the emergency services
//     (see IsPOI: amenity=fire_station, police, hospital, clinic;
//     emergency=ambulance_station), a point each with Z NaN and Props
//     holding all the node's tags; ID "n{node}", in id order. Its count
//     equals osmium's `osmium tags-filter FILE
//     n/amenity=fire_station,police,hospital,clinic
//     n/emergency=ambulance_station`. Ways and relations with these tags
//     stay in buildings with their tags.
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
// # Tags
//
//   - Direction: oneway=yes/true/1 is one-way along the drawing,
//     oneway=-1/reverse against it (only "r" links), oneway=no/false/0
//     two-way. reversible and alternating (direction changes with time)
//     are taken as two-way so the graph stays connected. Without a oneway
//     tag, junction=roundabout/circular and highway=motorway are one-way
//     and other roads two-way.
//   - Lanes: a one-way road gets lanes (or lanes:forward/backward), else
//     1. A two-way road takes lanes:forward and lanes:backward where
//     tagged and splits the rest of lanes, less lanes:both_ways, between
//     the directions, the odd lane forward; at least 1 each way.
//   - Speed: ParseMaxSpeed reads maxspeed (numbers with km/h, mph or
//     knots, none, walk, "FR:urban"-style zone values from a documented
//     table); maxspeed:forward/backward override it per direction. Without
//     a usable tag the class default applies (DefaultSpeed, from OSRM's
//     profiles; Options.DefaultSpeeds overrides it). SpeedSource says
//     which.
//   - Buildings: Height from height=* (ParseLength: metres, feet, feet and inches),
//     else (building:levels + roof:levels) × geo.LevelHeight, else
//     geo.DefaultBuildingHeight of the building=* value; MinHeight from
//     min_height, else building:min_level × geo.LevelHeight. HeightSource
//     is "height", "levels" or "default". Unreadable values are warnings.
//     Parts are linked to their building through type=building relations
//     (Parent is the outline's ID).
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

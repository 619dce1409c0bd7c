// Package api serves a World over HTTP for other services: OGC API –
// Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by
// reference), twin's own spatial queries (nearest, within, under, elevation,
// building at a point), Mapbox Vector Tiles with a TileJSON document, and the
// operational endpoints (/healthz, /readyz, /metrics).
//
// Conventions. Coordinates on the wire are lon/lat (CRS84) unless a request
// names another CRS with crs / bbox-crs; EPSG:4326 and EPSG:4490 use their
// authority axis order (lat, lon). Every handler answers from one immutable
// engine snapshot, so a response never mixes two versions of the World.
// Errors are RFC 7807 problem+json documents: 400 for a bad parameter, 401
// for a missing or wrong token, 404 for an unknown collection or feature, 405
// and 413 where they apply; a bad request never causes a 500 or a panic.
//
// Live routes (MountLive, with a live.Store): POST /deltas ingests NDJSON
// batches of deltas, acknowledged once durable; GET /deltas/stream
// (Server-Sent Events) and GET /deltas/ws (WebSocket) stream the applied
// batches in version order, resuming from a version; GET /deltas/version
// gives the live version. A slow stream client is cut off with a resync
// marker instead of holding ingest back.
//
// Security. Reads are open unless Config.ProtectReads is set; any request
// that changes state needs the bearer token, compared in constant time. The
// token never appears in logs.
//
// Written here rather than taken from a library, for speed: the MVT
// protobuf writer (mvt_encode.go; orb/encoding/mvt's Marshal alone took
// longer on a busy tile than the whole rendering does with it) and the
// Douglas–Peucker pass (mvt_simplify.go; orb/simplify allocates twice per
// line). orb still clips, and the tests check both against orb.
//
// A Server is safe for concurrent use by any number of requests.
package api

// Package cityjson decodes CityJSON 1.0, 1.1 and 2.0 documents and
// CityJSONSeq streams (a CityJSON header line, then one CityJSONFeature per
// line) into a geo.Dataset in the file's CRS.
//
// # Layers
//
// City objects of type Building go to geo.LayerBuildings and BuildingPart
// to geo.LayerBuildingParts, both as *geo.Building (Parent from "parents").
// Every other type (roads, bridges, land use, vegetation, water, building
// installations, extension types, …) goes to LayerCityObjects as a
// *geo.Generic with its 2D footprint and the properties "type", "lod",
// "ground" and "height" plus its attributes; these never count as
// buildings.
//
// # Geometry
//
// Each object uses one geometry: the one whose LoD equals Options.LoD, else
// the highest LoD ("2.2" > "2" > "1.3", compared as numbers). Solid,
// MultiSolid, CompositeSolid, MultiSurface and CompositeSurface are read
// into geo.Surface values (all rings, holes included, with z; rings are
// open as in CityJSON: the first vertex is not repeated). Semantic surface
// types come from "semantics". A GeometryInstance places its template by
// the affine "transformationMatrix" and the reference vertex; projective
// matrices are skipped with a warning. MultiPoint and MultiLineString give
// points and lines to non-building objects.
//
// Derived building values, in metres in the file's vertical datum:
//
//   - Ground is the lowest z of the GroundSurface surfaces, or of the whole
//     geometry when it has none. Height is the highest z minus Ground (the
//     roof top) and HeightSource is "lod". Measured heights in the
//     attributes (measuredHeight, 3DBAG b3_h_dak_max, …) stay in Attrs.
//   - Footprint is the projection of, by the first rule that finds any:
//     the GroundSurface surfaces; for solids, the horizontal surfaces
//     within 1 cm of the lowest vertex; the surfaces facing up; the
//     surfaces facing down. Vertical surfaces are left out. The selected
//     polygons are merged by dissolving the edges they share (a
//     triangulated floor becomes one outline); when that fails they are
//     kept as separate polygons. Outer rings are counter-clockwise, holes
//     clockwise, and rings are closed as orb expects.
//   - A Building without geometry but with BuildingParts (Zürich's LoD2
//     data) gets the MultiPolygon of its parts' footprints, their lowest
//     Ground, Height up to the highest part roof, and no Surfaces.
//   - Levels comes from the storeysAboveGround attribute; Attrs holds the
//     attributes plus "cityjson_type".
//
// The edge dissolve, the syntax-error positioning and the boundaries
// scanner are written here because no library in use does them; geometry
// values are orb's and JSON tokens come from encoding/json.
//
// # Errors
//
// Syntax errors and truncated input stop decoding with a *geo.ParseError at
// the byte offset (geo.ErrSyntax). Header problems (type, version,
// transform) stop it too (geo.ErrUnsupported or geo.ErrInvalid). Problems
// inside one city object skip that object with a geo.Warning at the offset
// of its value, naming its id. Decode never panics on bad input.
//
// # Concurrency
//
// Decode keeps no state between calls and may run concurrently on distinct
// readers. The returned features are fresh and owned by the caller.
package cityjson

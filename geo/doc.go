// Package geo holds the value types every other package of twin shares: the
// typed city features (buildings, road links and nodes, pipes and pipe nodes,
// subcatchments, rain gauges, sensors) and the raster grid used for terrain.
//
// Conventions:
//
//   - Geometry is 2D orb geometry in the coordinates of the feature's CRS.
//     Decoders return features in their source CRS (lon/lat degrees for OSM,
//     projected metres for CityJSON, whatever the model used for SWMM/EPANET);
//     the engine reprojects them into the World's local metric CRS with
//     [Transform], so inside the engine X is easting and Y northing in metres.
//   - Elevations (z) are metres above the vertical datum of the source
//     (orthometric heights for SRTM, NAP for Dutch data, model datum for
//     SWMM/EPANET). NaN means "unknown".
//   - Lengths are metres, speeds m/s, areas m², diameters m, times seconds,
//     unless a name says otherwise.
//   - Every feature keeps the attributes of its source in Attrs, so nothing a
//     city attached to its data is lost.
//
// The types are plain values with no locking; a feature handed to the engine
// must not be modified afterwards (the engine shares it between snapshots).
package geo

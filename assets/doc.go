// Package assets embeds twin's sample city, Monaco, so that every command
// works with no data of the user's own: the OpenStreetMap extract, the SRTM
// terrain crop and a synthetic storm-sewer network (see ATTRIBUTION.md for
// sources and licences; the sewer is generated, not surveyed).
package assets

// Package sewergen generates a plausible storm-sewer network for a city that
// has no public one, from its streets and terrain, in the way SWMManywhere
// (Dobson et al. 2025) derives networks: manholes at street junctions and at
// a maximum spacing along streets, pipes under the streets, a dendritic
// topology that drains each manhole to an outfall along the cheapest mostly
// downhill street path, contributing areas from the nearest manhole, and pipe
// diameters sized with the rational method and Manning's full-pipe formula.
//
// The result is a SWMM model (twin/geo/swmm), so that the same loader and
// drainage solver read generated and surveyed networks alike. The network is
// synthetic: it is shaped like a real one (slopes, cover, sizes growing
// downstream) but it is not a survey of any real sewer, and everything built
// from it must say so.
//
// Units: metres, m², m³/s, mm/h for rainfall intensity. Coordinates are those
// of the input links (a projected metric CRS). Generation is deterministic:
// the same input gives byte-identical output; ties are broken by node ID.
// Functions are safe for concurrent use on distinct inputs.
package sewergen

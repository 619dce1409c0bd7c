// Package report writes the results of a scenario run as a folder a
// planner can present: metrics.json (the Results, byte-identical for the
// same run), report.md, a self-contained report.html whose charts are PNG
// data URIs, and the charts as PNG files under charts/.
//
// Charts are drawn with gonum/plot: the rain and depth hydrographs, the
// maximum-depth map, closed links over time, response-time histograms, the
// travel-time comparison of the variants and the time–space diagram of
// the signal corridor (sim/traffic/greenwave's Diagram: greens, reds and
// bands), whichever the run produced. Every comparison with
// the baseline shows its sign and its change in per cent.
//
// The flood maps draw the maximum depth in fixed classes (5, 15, 30, 50
// cm, 1 and 2 m; 0.30 m is where the scenario models close a road) from
// ColorBrewer's YlGnBu, and the change in maximum depth of each flooded
// variant against the first flooded run from ColorBrewer's RdBu, over a
// Basemap: floodout's hillshade of the terrain with the sea (terrain at or
// below SeaLevelM) drawn apart and left out of the depth scale, the road
// links (those closed at the peak highlighted), the building outlines and
// the incidents, with a legend, km axes, a scale bar and a north arrow.
// Without a Basemap the maps lie on a plain land mask that cannot tell
// the sea from the land. Map coordinates are km from the depth grid's
// south-west corner, with equal scales on both axes.
//
// Functions here write files only in WriteDir; the others take an
// io.Writer. Nothing keeps global state; calls are safe for concurrent
// use on different Results.
package report

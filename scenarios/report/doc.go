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
// Functions here write files only in WriteDir; the others take an
// io.Writer. Nothing keeps global state; calls are safe for concurrent
// use on different Results.
package report

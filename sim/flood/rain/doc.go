// Package rain describes rainfall for the flood simulations: hyetographs
// (rain intensity over time at one place), rain gauges read from a SWMM
// model, the assignment of gauges to points and areas, and design storms
// built from intensity–duration–frequency (IDF) formulas.
//
// # Units and conventions
//
// Times are seconds from the start of the simulation; durations in IDF
// formulas are minutes, because that is how the formulas are published.
// Rain intensities are mm/h and depths mm. A [Hyetograph] answers one
// question, the depth that falls in a time window, so that a solver taking
// steps of any length gets exactly the rain volume of the record, whatever
// the record's own interval: the mean intensity over a step is
// Depth(t, t+dt)·3600/dt mm/h.
//
// The Chinese municipal storm-intensity formula
//
//	q = 167·A1·(1 + C·lg P)/(t + b)^n      q in L/(s·ha), t in min, P in years
//
// gives a discharge per unit area. 1 L/(s·ha) = 1e-3 m³/s / 1e4 m² = 1e-7 m/s
// = 0.36 mm/h exactly, so the rain intensity is i = 0.36·q mm/h; A1 is then
// close to an intensity in mm/min (167 is the rounded 10⁴·60/3600 = 166.7).
// A [Chicago] hyetograph (Keifer and Chu 1957) distributes the formula's
// rain in time so that every window around the peak, of any duration,
// holds exactly the IDF depth for that duration.
//
// Gauges follow SWMM 5's reading of rainfall records: each reading holds
// for the gauge's recording interval and no longer (a gap between readings
// is dry); VOLUME readings are depths per interval and CUMULATIVE readings
// running totals that restart when they drop.
//
// Parsing of outside input (SWMM rain files) takes an io.Reader and
// returns errors with line numbers; everything here is pure and
// deterministic. Values are immutable once built and safe for concurrent
// reads.
package rain

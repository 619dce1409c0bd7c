// Command greenwave-judge compares green-wave timings in SUMO and prints a
// Markdown table (see package twin/benchmarks/greenwave).
package main

// Package livebench measures the live path (issue 4): how many deltas per
// second a live.Store takes with the write-ahead log fsynced (group
// commit), how much ingest slows the spatial queries that other services
// run at the same time, and how long a delta takes from Ingest to a
// subscriber.
//
// The city is the embedded sample (Monaco: roads, buildings, terrain,
// sewer) with 1,000 water-level sensors and 50 ambulances added through the
// store, and the workload is a seeded feed of readings (nine in ten) and
// ambulance moves, one source per producer. Every store writes to a fresh
// temporary directory with fsync on, as `twin serve --data-dir` does;
// the figures therefore depend on the disk's fsync latency as much as on
// the CPU. The harness is plain code: Feed generates deltas, Pace ingests
// them at a steady rate, Listen times their arrival at a subscriber,
// Interleave compares query rates with and without ingest in alternating
// windows, Percentile summarises. The benchmarks are in bench_test.go and
// their figures in benchmarks/README.md, section "Live twin". Nothing here
// is a pass/fail timing test.
package livebench

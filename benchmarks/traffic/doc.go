// Package traffic holds the harness of the traffic-simulation comparisons
// with SUMO (benchmarks/traffic-compare.sh, scripts/bench-traffic.sh): the
// tripstats command summarises tripinfo files side by side.
package traffic

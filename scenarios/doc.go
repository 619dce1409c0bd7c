// Package scenarios runs planners' what-if questions: a scenario file names
// a city, a clock (start, duration, step), events on a timeline (rain,
// incidents, road closures and openings, signal plans, stations, pumps and
// pipes) and the simulations to run (flood, dispatch, traffic); variants
// override parts of the baseline. The runner advances every simulation of
// a variant on one clock and couples them through engine.Delta values:
// flood depth on road links becomes closures and speed reductions, and
// traffic speeds become dispatch travel times. Results are Metrics, which
// package scenarios/report turns into metrics.json, report.md and a
// self-contained report.html.
//
// # File format
//
// Scenarios are YAML (goccy/go-yaml). Unknown keys are rejected, and every
// error, from the decoder or from validation, names the file, line and
// column ([Error]). Decode checks what the file says on its own (negative
// durations, rain in the wrong units, unknown simulations);
// [Scenario.Check] checks it against the loaded World (roads, pipe nodes
// and pipes that must exist) before anything runs.
//
// # Units
//
// Times are Go durations in the file ("90m", "2h") and seconds inside;
// depths metres; rain mm/h (gauge series may give mm per interval);
// speeds m/s; flows m³/s; coordinates lon/lat in files and the World's
// projected metres inside.
//
// # Coupling
//
// Each step of the clock (Scenario.Step) runs, in order: the timeline
// events due, the flood model to the end of the step, the closures and
// speed factors that its road depths imply (as closure and state deltas on
// the links layer, applied to the dispatch graph), the traffic model's
// speed factors, and dispatch of the incidents that arrived during the
// step. See [Run].
//
// # Simulation adapters
//
// Flood (FloodSpec.Model): "urban" is sim/flood/urban, the street surface
// and the SWMM sewer coupled at every manhole, on the World's terrain,
// buildings and roads; it is the default where the city has a sewer.
// "surface" is the 2D local-inertial solver of sim/flood/surface alone,
// with each manhole a sink of its inlet capacity (the full-bore Manning
// flow of its largest outgoing pipe less that of its incoming ones) and
// pumps as sinks; it takes pump and pipe events at any time. Either way,
// road depth turns into speed by the depth–disruption function of
// Pregnolato et al. (2017) and into a closure at FloodSpec.CloseDepthM.
// Dispatch routes on sim/dispatch's graph; demand (buildings by floor
// area), coverage and station siting (maximal covering) come from
// sim/dispatch too, while units, incidents and the policy of sending the
// unit that can be there first are in this package. Traffic
// (TrafficSpec.Model) is a time-of-day BPR volume–delay model ("bpr") or
// sim/traffic's microsimulation with random trips ("micro"), whose mean
// link speeds become the speed factors. With the BPR model, signal delays
// along a corridor come on top. The corridor is built by
// sim/traffic/greenwave's CorridorFromRoads on the named road's links
// (its junctions taken as signals where it has fewer than three), and its
// green-wave offsets come from greenwave's MAXBAND solver. The microsimulation instead
// receives the closures and speed factors of events and flood live
// (sim/traffic's Sim.CloseEdge, OpenEdge and SetSpeedFactor: trips reroute
// round closed links, departures from them wait) before it advances each
// step, and signal-plan events retime its signals at the corridor's
// junctions (Sim.SetProgram, from each signal's next cycle start), so
// signal delays are simulated rather than added.
//
// # Determinism and concurrency
//
// A run draws all randomness from rand.New(rand.NewPCG(seed, variant)), and
// the same scenario, World and seed give byte-identical metrics. Variants
// run in parallel (RunOptions.Parallel); each has its own graph and flood
// model. Nothing in this package keeps global state.
package scenarios

// Package traffic is twin's microscopic traffic simulator: a road network
// of lanes joined by movements across junctions, fixed-time traffic
// signals, demand (routes, flows, trips and OD matrices routed by expected
// travel time), and a car-following simulation with SUMO's Krauss model,
// stepped once per second.
//
// # Network
//
// A [Network] holds edges (roads in one direction), their lanes, the links
// (movements from a lane of one edge to a lane of the next across a
// junction, through an internal lane when the source has one), nodes and
// signals. It is built from a SUMO network ([FromSUMO]) or from the
// World's OSM road links ([FromOSM]); elements refer to each other by index
// into the Network's slices. A built Network is read-only: the simulator
// and any number of goroutines may share it; to change signal plans, copy
// the Signals slice ([Network.WithPrograms]).
//
// # Signals
//
// A [Program] is a fixed-time plan: phases with durations, each a state
// string with one character per controlled link, as in SUMO (G green with
// priority, g green yielding to G, y yellow, r red, u red-yellow, s stop
// then yield, o/O off). Offsets follow SUMO's convention: phase 0 starts at
// every t with t ≡ Offset (mod cycle), so a positive offset delays the
// plan. OSM signals get [DefaultPlan].
//
// # Simulation
//
// [New] prepares a run of a [Demand] ([DemandFromSUMO], [DemandFromOD],
// [RandomDemand]) and [Sim.Step] advances it by 1 s in SUMO's order (see
// [Sim]): SUMO's Krauss car-following for the Euler update, stops at red
// and yellow, yielding at minor links by approach time windows, strategic,
// speed-gain and cooperative lane changes, SUMO's insertion backlog and
// its 300 s teleport out of gridlock. Outputs follow SUMO's tripinfo
// definitions ([Sim.TripInfos], [Sim.Summary]) with per-edge flows and
// speeds per interval ([Sim.EdgeIntervals]). Vehicles live in parallel
// slices, each lane keeps its vehicles ordered by position, and lanes are
// planned and moved on Options.Workers goroutines (compute, then commit),
// with byte-identical results for any worker count.
//
// # Live changes
//
// A running Sim takes closures and openings ([Sim.CloseEdge],
// [Sim.OpenEdge]: no insertion onto a closed edge, affected trips
// rerouted by travel time), speed factors ([Sim.SetSpeedFactor], e.g. a
// flood's depth–speed reduction) and new signal programs
// ([Sim.SetProgram], taking over at the next cycle start in SUMO's offset
// convention), so a coupled run (flood, dispatch) can feed it between
// steps. A run without live changes is unchanged by this.
//
// # Units and conventions
//
// Lengths and positions are metres along a lane from its start, speeds
// m/s, accelerations m/s², times seconds from the start of the run. A
// vehicle's position is that of its front bumper.
//
// Everything here is pure: inputs are values and io.Readers' decoded
// content, randomness comes from a seed, time from the step counter. The
// same inputs and seed give byte-identical outputs.
package traffic

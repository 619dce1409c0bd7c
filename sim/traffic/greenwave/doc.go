// Package greenwave coordinates the fixed-time signals of an arterial into
// a green wave: it chooses a common cycle and offsets that maximise the
// flow-weighted two-way bandwidth (MAXBAND), measures the bands of any
// timing, writes the result as a SUMO additional file and as twin's own JSON
// plan, and draws the time–space diagram.
//
// # The corridor
//
// A [Corridor] lists its signals in outbound order with their fixed-time
// programs, the links between them (stop line to stop line, a progression
// speed per direction) and the through flows of both directions, which
// weight the bands. Each phase says whether the outbound and the inbound
// through movements have green and whether it is an intermediate phase
// (yellow, all-red) that keeps its length when the cycle changes; the other
// phases stretch in proportion. A direction's green at a signal is the
// longest cyclic run of phases green for it. Offsets follow SUMO: phase 0
// starts at every t with t ≡ offset (mod cycle).
//
// # Corridors from networks
//
// [ArterialThrough] locates a corridor through listed junctions of a
// traffic.Network, [FindArterial] detects the main arterial: the chain of
// signalized junctions joined by roads running straight on ('s' links)
// that carries the most vehicles of the routes ([Demand], from SUMO route
// files by [DemandFromSUMO]). A junction ends a leg only where its signal
// controls the straight movement; a joined traffic light counts once, at
// the first of its junctions a leg meets, and its other junctions are
// driven through. Where a leg has no straight way back the arterial is
// one-way and only its outbound band is optimised (FlowIn 0). [NewCorridor] turns it into the
// model: a phase serves a direction when every controlled through link of
// that direction is green in its state, phases with yellow or no green keep
// their length, legs run stop line to stop line at the speed limit times
// BuildOptions.SpeedFactor, the flows are the mean vehicles per hour over
// the legs, and the queue clearance at a signal is the discharge time of
// the vehicles that joined the corridor at the junction before in one
// cycle. [CorridorFromRoads] does the same from OSM road links and signal
// nodes, with documented default programs and equal flows.
// [Plan.TLLogics] gives the SUMO programs (programID [ProgramID]) and
// [DrawPNG] the time–space diagram (gonum.org/v1/plot).
//
// # Formulation (MAXBAND)
//
// MAXBAND (Little, Kelson and Gartner 1981, "MAXBAND: a program for setting
// signals on arteries and triangular networks", Transportation Research
// Record 795) measures times in cycles and takes z = 1/C as a variable. For
// signals i = 0…n−1 with outbound and inbound greens g_i, ḡ_i (fractions of
// the cycle, linear in z once fixed intervals are kept), travel times t_i,
// t̄_i from signal i to i+1 and back (seconds, so t_i·z cycles), the time
// δ_i from the inbound green's opening to the outbound one's, and queue
// clearance times τ_i, τ̄_i (seconds):
//
//	maximise   wOut·b + wIn·b̄
//	subject to w_i + b ≤ g_i,   w̄_i + b̄ ≤ ḡ_i,   w_i ≥ τ_i·z,   w̄_i ≥ τ̄_i·z
//	           (w_{i+1} − w_i) − (w̄_{i+1} − w̄_i) + m_i = (t_i + t̄_i)·z − (δ_{i+1} − δ_i)·z
//	           1/Cmax ≤ z ≤ 1/Cmin
//	           lighter band ≥ r · heavier band      (r = smaller flow / larger flow)
//	           b, b̄, w_i, w̄_i ≥ 0,  m_i integer
//
// b and b̄ are the outbound and inbound bandwidths; w_i (w̄_i) is the time
// from the opening of signal i's green to the band's leading edge. The loop
// constraint says that going out from signal i to i+1 along the outbound
// band and back along the inbound one closes up after a whole number m_i
// of cycles; it comes from eliminating the offsets, which follow as
// offset_i = (Σ_{j<i} t_j) − a_i − w_i with a_i the outbound green's
// opening in program time. wOut and wIn are the flows scaled so the larger
// is 1; the ratio constraint is Little's (1 − k)·b̄ ≥ (1 − k)·k·b with k the
// inbound over the outbound flow, written symmetrically (both ways, hence
// b = b̄, at equal flows). A corridor where one direction has no flow is
// coordinated one way: the band is the narrowest green less its queue
// clearance and MAXBAND's inbound constraints are dropped.
//
// [MILP] solves this mixed-integer LP as stated, cycle included, by branch
// and bound on the m_i over LP relaxations solved with gonum's simplex
// (gonum.org/v1/gonum/optimize/convex/lp), depth first, branching on the
// most fractional m_i. The m_i are bounded by the range of the right-hand
// side over the cycle range, widened by 2 (the w's lie in [0, 1]).
// MULTIBAND (Gartner, Assmann, Lasaga and Hou 1991, "A multi-band approach
// to arterial traffic signal optimization", Transportation Research B 25)
// gives each link its own band weighted by its own flow; it is not
// implemented here (see below).
//
// # Fixed cycle
//
// At a fixed cycle the integer program collapses, which [Scan] uses to
// solve every whole cycle of the range exactly. Write e_i = w_i − w̄_i. The
// loop constraints fix e_{i+1} − e_i up to whole cycles, so e_i = θ + P_i
// + k_i·C with one free shift θ, constants P_i (the loop right-hand sides
// summed) and integers k_i. Signal i admits e_i in
// [b̄ − (ḡ_i − τ_i), (g_i − τ̄_i) − b], so θ + k_i·C must lie in
// [D_i + b̄, A_i − b] with D_i = −(ḡ_i − τ_i) − P_i and A_i = g_i − τ̄_i − P_i.
// A θ exists for given bands exactly when some integer translates of the
// intervals [D_i, A_i] share a stretch of length b + b̄; the longest common
// stretch S is found by taking each interval's left end in turn as the
// common left end and moving every other interval to the translate whose
// left end is the last one at or before it (O(n²)). The caps b ≤ g_i − τ_i,
// b̄ ≤ ḡ_i − τ̄_i, b + b̄ ≤ S and the flow ratio leave a two-variable LP,
// solved at its vertices. Each band is then centred in the room the other
// leaves it. Branch and bound at a fixed cycle reaches the same optimum,
// which the tests check on random corridors; the tests also check the
// claimed bands against the time–space geometry ([Corridor.Bands]) and the
// optimum against a brute-force search over offsets.
//
// # Choosing the cycle by simulation
//
// Band width is not what a corridor's users feel; stops and travel time
// are. [Tune] therefore picks the common cycle by running the plans:
// every candidate cycle (a range in steps, default 5 s, plus the signals'
// current cycles) gets MAXBAND's plan at that cycle, the plan's programs
// ([Plan.TLLogics], as SUMO loads them) replace the network's
// (traffic.Network.WithPrograms), and sim/traffic's Krauss simulation runs
// the routes once per seed. The corridor traffic is the vehicles whose
// route drives through junctions of at least two of the corridor's
// signals. A candidate is rejected when it leaves more trips unfinished
// than the best candidate does or raises the mean travel time over all
// vehicles by more than a tolerance (default 1 %) above the lowest
// candidate's, so that the side streets are not sacrificed; of the rest
// the one with the lowest corridor mean travel time plus a stop penalty
// (default 10 s per stop) is kept, ties to the shorter cycle. Runs go in
// parallel, each simulation on one goroutine, with results independent of
// their number.
//
// # Units and conventions
//
// Times are seconds (MAXBAND's internal cycles appear only in
// Plan.Objective), lengths metres, speeds m/s, flows vehicles per hour.
// Signals[0] of a plan has offset 0; the other offsets are in [0, cycle).
// Ties between cycles go to the shorter one.
//
// # Not done
//
// Splits are kept (only stretched with the cycle); MAXBAND's optional
// speed ranges and left-turn phase sequences as variables, and MULTIBAND's
// per-link bands, are not implemented. A joined traffic light sits at one
// position of the corridor (where each direction meets it first); the
// travel between its junctions is part of the legs.
//
// # Concurrency and purity
//
// Everything is pure and deterministic: values in, values out, writers for
// output, no clock, files or global state. Functions are safe for
// concurrent use on corridors and plans that are not being modified.
package greenwave

// Package drainage simulates a 1D urban drainage network read from a SWMM
// model (twin/geo/swmm): rainfall becomes runoff on subcatchments, runoff
// and other inflows are routed through junctions, storage units, conduits,
// pumps, orifices, weirs and outlets to outfalls, and water rising above a
// manhole's rim leaves it as overflow, for the 2D street surface to take.
//
// # Scheme
//
// Dynamic wave (the default for DYNWAVE models) follows SWMM 5's link-node
// formulation of EXTRAN (Rossman 2017, SWMM Reference Manual Vol. II,
// ch. 3): each conduit's momentum equation in finite-difference form
// (friction, water-surface slope, Froude-damped inertial terms, local
// losses, upstream weighting of area and hydraulic radius, the normal-flow
// limit and free ends at critical or normal depth), each node's
// continuity over its share of the connected conduits' free surface,
// Picard iterations with under-relaxation 0.5 until depths move less than
// the head tolerance, and a variable step from a Courant condition on the
// conduits and a depth-change limit on the nodes. A surcharged node (water
// above the crown of its highest pipe) is solved with SWMM's surcharge
// algorithm: the depth correction ΣQ/Σ(∂Q/∂H). Kinematic wave is the
// documented simpler mode: nodes pass on what they receive (storage units
// route it through their volume), conduits route it with the four-point
// kinematic-wave scheme on Manning's normal flow, and flow beyond a
// conduit's capacity overflows at its upstream node.
//
// Runoff follows SWMM's nonlinear reservoirs: each subcatchment has an
// impervious area with and one without depression storage and a pervious
// area with Horton or Green–Ampt infiltration; each releases
// α·(d − ds)^(5/3) per unit area with α = √S·W/(n·A), integrated here by
// backward Euler (exactly mass-conserving) at the runoff step. Run-on
// between subcatchments lags one runoff step, as in SWMM.
//
// Not simulated: pollutants, snow, groundwater, LID controls, evaporation,
// RDII, control rules (pumps follow their startup and shutoff depths),
// ponding above nodes (overflow always leaves the network), tidal
// outfalls, curve-number infiltration and cross-section shapes other than
// circular (and force main, routed as circular), rectangular,
// trapezoidal and triangular. Modified Horton and modified Green–Ampt are
// run as their plain forms. New rejects what it cannot run with errors
// wrapping ErrUnsupported.
//
// # Coupling
//
// [Sim.Advance] routes to a given time in internal steps; [Sim.SetInflow]
// adds a node lateral inflow (street water entering an inlet) held until
// changed, and [Sim.Overflow] returns the volume a node lost above its rim
// during the last Advance. Both enter the mass balance.
//
// # Units and conventions
//
// SI throughout: lengths and depths in m, areas m², volumes m³, flows
// m³/s, times s from the model's start, rain mm/h. Node and link indices
// follow [Sim.Nodes] and [Sim.Links]: junctions, dividers (routed as
// junctions), outfalls, storage units; conduits, pumps, orifices, weirs,
// outlets, each in file order.
//
// # Determinism and concurrency
//
// The solver has no randomness: identical inputs give bit-identical
// states. A Sim is not safe for concurrent use; distinct Sims are.
package drainage

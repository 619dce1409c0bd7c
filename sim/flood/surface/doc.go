// Package surface simulates 2D overland flow on a DEM grid with the
// local-inertial shallow-water scheme of Bates, Horritt & Fewtrell (2010),
// with the θ-weighted momentum update of de Almeida, Bates, Freer & Souvignet
// (2012): the scheme of LISFLOOD-FP's ACC solver. It is the surface half of
// twin's urban flood model; the pipe network couples to it through point
// sources and sinks.
//
// # Grid and conventions
//
// The grid is the DEM's (a geo.Grid): Cols × Rows cells of DX × DY metres,
// row 0 on the north edge, cell (c, r) at index r·Cols + c. Depths h live at
// cell centres; flows live on cell faces as unit-width discharges q (m²/s),
// positive east on x faces and north on y faces. A row has Cols+1 x faces;
// there are Rows+1 rows of y faces, row 0 on the northern edge. Units are
// SI throughout: metres, seconds, m³/s for sources and inflows, m/s for
// rain rates and velocities. Times are simulation seconds from
// Options.StartTime.
//
// # Scheme
//
// Each step, for every interior face between cells a and b (kernel.go):
//
//	hf    = max(η_a, η_b) − max(z_a, z_b)
//	q_new = (θq + (1−θ)/2·(q_prev + q_next) − g·hf·Δt·∂η/∂x) / (1 + g·Δt·n²·|q|/hf^{7/3})
//
// then continuity h += Δt·(Σ q_in − Σ q_out)/Δx plus rain, minus losses.
// The time step is adaptive, Δt = α·Δx/√(g·h_max) with α = Options.CFL
// (0.7) and h_max the deepest cell (or Level boundary), capped by
// Options.MaxStep. Friction is semi-implicit, so it never reverses a flow.
//
// # Wet and dry
//
//   - A face carries flow only where its flow depth hf exceeds
//     Options.DepthThreshold (1 mm by default); a thinner film stays put.
//     Because hf uses the higher bed, water never flows out of a cell
//     whose surface is below its neighbour's bed, and a lake at rest over
//     any bed, emerged islands included, stays at rest.
//   - The flow limiter (limiter.go) then keeps every depth ≥ 0 without
//     losing mass: a cell that the step would drain below zero has all its
//     outflows scaled by one factor so that it ends exactly dry, and the
//     water so kept is taken back from the cells it would have entered.
//   - Blocked cells (NaN in the DEM, +Inf or NaN roughness: buildings) get
//     a bed 1 km above the highest open cell: no face to them ever has a
//     flow depth, and no rain falls on them.
//
// # Boundaries, sources, rain and losses
//
// Edge faces are closed unless a Boundary opens them: Free (normal-depth
// outflow), Inflow (a hydrograph), or Level (a water-surface elevation
// outside). Point sources add or withdraw m³/s at a cell; a sink takes at
// most what its cell holds and reports the volume it actually took, which
// is what a coupled pipe network must receive. Rain is a uniform rate or a
// per-cell field (m/s); losses come from a Loss hook, GreenAmpt provided.
//
// # Outputs
//
// Depth and velocity fields, the maximum depth and the time it was first
// reached, depths at gauges, and a MassBalance whose error is round-off.
//
// # Precision and speed
//
// Options.Precision picks float32 (default) or float64 state. The accuracy
// tests give the same figures to the digits they report in both (dam
// breaks, flood front, Thacker's oscillation, EA test 4), so float32 is the
// default: it halves the memory traffic. Bed and depth differences are
// taken separately and the bed is stored relative to the lowest open cell,
// so float32 keeps its precision over high ground. The kernel splits rows
// across a fixed pool of goroutines (Options.Workers) that lives as long
// as the Sim; a step allocates nothing. Each worker makes one pass over
// its rows per step, computing a row's faces and then the continuity of
// the row above while both are in cache; the depths are double-buffered
// so that the passes need no synchronisation beyond one barrier. Rows that
// were dry at the last step (every depth safely below the threshold) skip
// their faces, which the kernel would set to zero anyway. On amd64
// processors with AVX2 the face updates run eight faces at a time in
// float32 (four in float64), and continuity eight cells at a time in
// float32, in hand-written assembly (Go's compiler does not vectorize
// loops) with the scalar code's operations in its order (no fused
// multiply-add), so the results are the same bits with or without it
// (build tag purego turns it off). Results are bit-for-bit the same
// for any number of workers.
//
// # Concurrency
//
// A Sim is not safe for concurrent use: step it and read it from one
// goroutine. Its workers run only inside Step.
//
// # References
//
//   - Bates, P.D., Horritt, M.S., Fewtrell, T.J. (2010). A simple inertial
//     formulation of the shallow water equations for efficient
//     two-dimensional flood inundation modelling. J. Hydrol. 387, 33–45.
//   - de Almeida, G.A.M., Bates, P., Freer, J.E., Souvignet, M. (2012).
//     Improving the stability of a simple formulation of the shallow water
//     equations for 2-D flood modeling. Water Resour. Res. 48, W05528.
//   - Hunter, N.M., Horritt, M.S., Bates, P.D., Wilson, M.D., Werner, M.G.F.
//     (2005). An adaptive time step solution for raster-based storage cell
//     modelling of floodplain inundation. Adv. Water Resour. 28, 975–991.
//   - Delestre, O. et al. (2013). SWASHES: a compilation of shallow water
//     analytic solutions for hydraulic and environmental studies. Int. J.
//     Numer. Meth. Fluids 72, 269–300.
//   - Green, W.H., Ampt, G.A. (1911). Studies on soil physics. J. Agric.
//     Sci. 4, 1–24; Chow, Maidment, Mays (1988), Applied Hydrology, §4.3.
package surface

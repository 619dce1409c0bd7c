// Package urban couples twin's 2D street-surface model (sim/flood/surface)
// with its 1D storm-sewer model (sim/flood/drainage) into one city flood
// model: rain falls on a grid built from the terrain, buildings and roads,
// runs over the streets, drains into manholes, travels through the pipes
// to the outfalls, and comes back up where the network surcharges.
//
// # Building the grid
//
// [New] resamples the DEM bilinearly onto a north-up grid of
// Options.CellSize metres covering Inputs.Bounds, in the model's projected
// CRS (the CRS of the buildings, roads and sewer map; a World's local metric
// CRS). A DEM kept in another CRS (SRTM tiles are lon/lat) is read through
// Inputs.ToDEM, which maps model coordinates into the DEM's, as the World's
// terrain layer does; or Inputs.Elevation gives the height at a point
// directly (a World snapshot's TerrainHeight). Cells whose centre lies in a
// building footprint are blocked (BuildingsBlocked, the default) or get a
// very high roughness (BuildingsRough). A road cell (one that a road
// centreline crosses or whose centre is within half the road's width of it)
// gets Options.RoadManning and is never blocked, so that the street network
// stays connected at coarse cell sizes; tunnels are skipped. Every other
// cell gets Options.GroundManning. The default roughness values come from
// Chow (1959), Open-Channel Hydraulics, Table 5-6: asphalt and smooth
// concrete 0.013–0.016 (0.015 here), and 0.035 for the mix of short grass,
// gardens and rough paving between streets (short grass 0.025–0.035).
//
// The sea: with Options.SeaLevel set, cells whose bed is at or below it
// (SRTM gives the sea 0 m) are blocked, except those next to land, which
// take all the water that reaches them, as a shore would
// (MassBalance.Sea). Sea cells get no rain and are never part of a flood
// extent, a flooded link or the water against a building ([Model.Sea]).
// Outer edges are free outflow unless Options.ClosedEdges.
//
// # Pockets
//
// Blocking building cells can wall in open cells that the terrain alone
// would drain: on a slope, a one-cell street that ends against a row of
// blocked cells, or a yard, fills until the water reaches the lowest way
// out, which on steep ground is metres higher. In the city such water
// leaves through doorways, passages, stairs and gaps between buildings
// narrower than a cell. So New compares two depression-filled surfaces,
// each from a priority-flood (Barnes, Lehman & Mulla 2014) out of the
// free edges and the shore: the bed with building cells as walls, and the
// bare bed. Wherever the first stands more than Options.PocketDepth
// (15 cm, a kerb or doorstep) above the second, the blocked building cell
// beside that pocket whose bare spill level is lowest is opened (ground
// roughness), and the flood is redone until no pocket is left
// ([Model.Passages] counts the cells opened; Options.KeepPockets turns
// this off). Water can then stand deeper than the terrain's own
// depressions (SRTM pits, resampling) by at most PocketDepth, plus the
// depth of the flow itself.
//
// Roof rain: blocked building cells receive no rain in the surface model,
// so the rain falling on each roof is added to the open cell nearest to it
// (a breadth-first search from the open cells, deterministic order): roofs
// drain to the street, and the rain volume is the rain over the land and
// the roofs (the whole grid without a sea).
//
// # Time step
//
// The surface solver's step Δt = α·Δx/√(g·h_max) is made for the slow,
// subcritical flows of floodplains. On steep streets the flow is
// supercritical (Froude number Fr = |u|/√(g·h) of 1–2): the fastest wave
// then crosses α·(1 + Fr) cells per step, more than one at the solver's
// α = 0.7 from Fr = 0.43, and the scheme oscillates, the water in a
// street jumping between a few centimetres and metres from one exchange
// interval to the next. The urban model therefore runs the surface at
// α = DefaultSurfaceCFL (0.3; Bates et al. 2010 give 0.2–0.7), stable to
// Fr = 2.33, unless Options.Surface.CFL says otherwise.
//
// # Coupling at manholes
//
// Every junction and storage node of the SWMM model with a map coordinate
// inside the grid is coupled to the cell that holds it (or, when that cell
// is blocked, the nearest open cell within two cells). Each exchange
// interval Δ (Options.Exchange, 5 s by default, shortened to land on output
// times), with h the street water depth in the cell, H the node's head
// and z_r its rim elevation (invert + maximum depth), taken as the street
// level at the manhole:
//
//	H ≤ z_r (free inflow):        Q = min(Cw·P·h·√(2g·h), Co·A·√(2g·h))
//	z_r < H < z_r + h (orifice):  Q = Co·A·√(2g·(z_r + h − H))
//	H ≥ z_r + h:                  no inflow; the node may overflow
//
// with P and A the perimeter and area of the inlet (a circle of
// Options.Inlet.Diameter): shallow water spills over the inlet's edge as
// over a weir, deep water is throttled by the opening ([Inlet.Capture]).
// These are the linking equations of Chen et al. (2007) and Leandro &
// Martins (2016), whose coefficients were calibrated on a scale model by
// Rubinato et al. (2017) and, for ten grate designs, in "Surface-to-sewer
// flow exchange through circular inlets" (2018): weir 0.115–0.372, orifice
// 0.349–2.038. The defaults Cw = 0.3 and Co = 0.6 (the sharp-edged orifice
// value) lie in those ranges. The inflow is also limited to the water the
// cell holds (h·cell area over Δ), and nodes are never coupled to a coastal
// cell.
//
// A surcharged node is handled by the drainage solver: water that would
// rise above the rim leaves the node as overflow ([drainage.Sim.Overflow]).
// The solver holds the head of a surcharged node at its rim, so street
// water standing over it still enters by the orifice equation with
// Δh = h while the network pushes overflow out: the net of the two is the
// exchange, and both are counted.
//
// The exchange is volume-conservative. Within one interval the surface
// advances first with each inlet as a sink (the surface solver takes at
// most what a cell holds and reports the volume it actually took); the
// pipes then advance over the same interval receiving exactly that volume
// as a constant inflow, and the overflow volume the pipes report is put
// back on the street cell over the next interval as a point source. What
// has left one model but not yet entered the other is carried in
// MassBalance.Transit: the overflow of the last interval, and the small
// difference the drainage solver's trapezoidal integration of a changed
// inflow makes in its first internal step (its own continuity counts it
// the same way). The combined balance closes to round-off plus the
// drainage solver's own continuity error.
//
// # Rain
//
// Inputs.Rain falls uniformly on the grid; Inputs.RainGauges, when given,
// each rain on the cells nearest to them (Thiessen polygons), in addition.
// The rate is the hyetograph's mean over each exchange interval, so the
// volume is exact whatever the record's step. Rain falls on the grid only:
// the SWMM model's subcatchments get none (their runoff would count the
// same rain twice), so the sewer receives rain only through its inlets.
// Dry-weather and external inflows of the SWMM model still enter it.
// Infiltration, when Options.Soil is set, is Green–Ampt on cells that are
// neither road nor building.
//
// # Outputs
//
// Maximum depth and its time per cell; depth and velocity frames at
// Options.OutputInterval; gauge stage series, outfall and chosen pipe
// hydrographs, and node and pipe maxima at Options.SeriesInterval; a mass
// balance across both models; and, from any depth field (the maximum, or
// a frame): the flood extent, the road links whose depth exceeds a
// threshold with the speed Pregnolato et al. (2017) give for it, and the
// buildings whose footprint touches water deeper than a threshold.
//
// # Units, determinism, concurrency
//
// SI throughout: metres, seconds, m³, m³/s; times are seconds from the
// start of the SWMM model (or of the run). The same inputs and options
// give bit-identical results (both solvers are deterministic, and this
// package iterates in index order only). A Model is not safe for
// concurrent use; read it between calls of Step or Run.
//
// # References
//
//   - Chen, A.S., Djordjević, S., Leandro, J., Savić, D.A. (2007). The
//     urban inundation model with bidirectional flow interaction between
//     2D overland surface and 1D sewer networks. NOVATECH 2007, Lyon.
//   - Leandro, J., Martins, R. (2016). A methodology for linking 2D
//     overland flow models with the sewer network model SWMM 5.1 based on
//     dynamic link libraries. Water Sci. Technol. 73(12), 3017–3026.
//   - Rubinato, M., Martins, R., Kesserwani, G., Leandro, J., Djordjević,
//     S., Shucksmith, J. (2017). Experimental calibration and validation of
//     sewer/surface flow exchange equations in steady and unsteady flow
//     conditions. J. Hydrol. 552, 421–432.
//   - Surface-to-sewer flow exchange through circular inlets during urban
//     flood conditions (2018). J. Hydroinform. 20(3), 564.
//   - Chow, V.T. (1959). Open-Channel Hydraulics. McGraw-Hill, Table 5-6.
//   - Bates, P.D., Horritt, M.S., Fewtrell, T.J. (2010). A simple inertial
//     formulation of the shallow water equations for efficient
//     two-dimensional flood inundation modelling. J. Hydrol. 387, 33–45.
//   - Barnes, R., Lehman, C., Mulla, D. (2014). Priority-flood: An optimal
//     depression-filling and watershed-labeling algorithm for digital
//     elevation models. Computers & Geosciences 62, 117–127.
//   - Pregnolato, M., Ford, A., Wilkinson, S.M., Dawson, R.J. (2017). The
//     impact of flooding on road transport: a depth-disruption function.
//     Transp. Res. Part D 55, 67–81.
package urban

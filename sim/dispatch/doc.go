// Package dispatch is twin's emergency dispatch simulation. This part of it
// is the road graph and the router: a directed graph built from the
// World's road links, travel times for emergency vehicles, live closures
// and speed factors applied in milliseconds, and exact fastest routes,
// one-to-many and matrix queries, and reachability within a time limit
// (the raw material of isochrones).
//
// # Units and conventions
//
// Coordinates are metres in the city's metric CRS (the engine's local UTM
// or Gauss–Krüger zone), lengths metres, times seconds, speeds m/s. Edge
// costs are whole milliseconds of travel time: each is rounded once from
// length/speed, so sums are exact integers and every engine finds the
// same optimum to the bit (API values are seconds: ms/1000). A trip that
// starts or ends part way along an edge pays round(f·c) of an edge of cost
// c up to share f, and c − round(f·c) after it.
//
// Nodes are the road nodes (junctions, way ends, signals), indexed in the
// order the links first name them; edges are the links, one per
// direction of travel, indexed in input order. A Snap is a place a trip
// starts or ends at: a point on an edge (Graph.Snap, Graph.EdgeSnap),
// usable in both directions where the road is two-way, or a node
// (Graph.SnapNode).
//
// # Speeds
//
// SpeedProfile turns each link's speed limit (its OSM maxspeed, else the
// class default of geo/osm, taken from OSRM's car profile) and lanes into
// an emergency vehicle's speed; see its doc for the formula, the defaults
// and their source. Live traffic scales an edge's speed by a factor
// (Graph.SetSpeedFactor); closures make it impassable (Graph.SetClosed,
// Graph.CloseWay for a whole OSM way, as closure deltas name them).
//
// # Turn restrictions
//
// Restrictions via a node (no_* and only_*) are honoured exactly by
// expanding only the junctions that carry them: such a junction keeps its
// node as a hub where the unrestricted approaches end, gets one vertex per
// leaving edge (reached from the hub) and one per restricted approach,
// joined by zero-cost turn arcs to exactly the leaving edges that approach
// may take. Everywhere else the graph stays node-based. The alternative,
// an edge-based (turn-expanded) graph with a vertex per edge, would
// multiply the vertices by about 2.4 and the arcs by about 3 for every
// junction, to serve the few dozen restricted ones a city has (Monaco: 27
// of 2,360 junctions; Helsinki: 44 of 1,103), and the hierarchy's
// separators and query times grow with it. U-turns are allowed wherever a
// restriction does not forbid them. Restrictions via ways are not applied
// (none occur in the sample extracts); they and those that match no edges
// are counted in Graph.Stats.
//
// # Engines
//
// The default engine is a customizable contraction hierarchy (CCH,
// Dibbelt, Strasser and Wagner, ACM JEA 21, 2016) with its perfect
// customization, kept up to date incrementally under cost changes, and
// point-to-point walks pruned by a straight-line lower bound (the graph
// is in metres; the bound divides by the fastest speed any edge has
// under its current cost, so it stays exact); Algorithm Dijkstra
// answers every query with a plain Dijkstra search instead and is the
// reference the tests hold the hierarchy to, besides gonum's Dijkstra.
//
// # Isochrones, siting and export
//
// Graph.Isochrones turns Reach into the areas reachable within given
// times: the reached parts of edges, cut at each limit by linear time
// along the edge, are rasterised with a buffer (each cell keeps the
// earliest time a road point within the buffer of its centre is reached)
// and the cells within a limit traced into MultiPolygons. Station siting
// is a maximal covering location problem (Church and ReVelle 1974) over
// candidate sites: Graph.CoverSets gives each site's covered demand,
// SiteGreedy solves it by greedy plus swap local search, SiteExhaustive
// exactly for small cases, and SiteLPBound bounds it from above with
// gonum's simplex. Arcs, VertexRoute and VertexCost expose the routing
// graph itself (restricted junctions expanded) so that another tool can
// be run on an export of it and give the same costs.
//
// # Dispatch simulation
//
// On top of the router sits the emergency dispatch simulation:
//
//   - Demand (NewDemand): one point per building, weighted by floor area
//     (footprint × storeys), snapped to the roads of the graph's largest
//     strongly connected component; calls and stations snap the same way.
//   - Incidents: types (fire, medical, traffic) with the units they need
//     and their time on scene (DefaultTypes); GenerateIncidents draws a
//     seeded Poisson stream whose rate follows a time-of-day profile
//     (DefaultDiurnal) and places calls by floor area; ReadIncidents reads
//     them from CSV or JSON.
//   - Units and stations: Station, Unit, Status; stations from tagged
//     buildings and lone tagged nodes (StationsFromBuildings,
//     StationsFromPOIs, StationsFromOSM), a file (ReadStations) or a
//     seeded k-median (MedianStations).
//   - Coverage: the share of floor area within 8, 10 and 15 minutes of an
//     available unit, one OneToMany per unit position (Coverage), and the
//     counts per demand point that MEXCLP needs.
//   - Policies (Dispatcher): Nearest by exact ETA, or MEXCLP (Daskin
//     1983); the simulator re-dispatches when a freed unit would beat an
//     en-route one by RedispatchGainS.
//   - Sim: event-driven, units move along their routes in time, closures
//     during the run (TimedChange, through Graph.Apply) reroute units on
//     the road; live GPS fixes come in through Sim.UpdatePosition.
//   - Metrics and charts: Summarize (p50, p90, mean, share within target,
//     per type, utilisation, coverage over time) and PNG plots with
//     gonum/plot.
//
// Times in the simulation are seconds from the run's start; the clock
// only moves through Sim.AdvanceTo and Sim.Run.
//
// # Concurrency
//
// A Graph is safe for concurrent use: queries run in parallel with each
// other, cost changes (Graph.Apply and the Set… methods) serialise behind
// a lock and are atomic for queries. Queries allocate their working memory
// from a pool inside the Graph. The package keeps no global state and
// never reads the clock; SyntheticGrid, GenerateIncidents and
// MedianStations take a seeded *rand.Rand, and the same inputs give the
// same outputs, bit for bit. A Sim is for one goroutine at a time.
package dispatch

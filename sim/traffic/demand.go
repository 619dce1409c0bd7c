package traffic

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"

	"twin/geo/sumo"
)

// Demand is the list of vehicles a simulation inserts, with their types.
type Demand struct {
	// Types are the vehicle types; Trip.Type indexes it.
	Types []sumo.VType
	// Trips are sorted by Depart (stable: file order breaks ties).
	Trips []Trip
}

// Trip is one vehicle to insert.
type Trip struct {
	ID   string
	Type int32
	// Depart is the planned departure time (s).
	Depart float64
	// Route lists the edges to drive, in order.
	Route []int32
	// Depart rules, SUMO's attributes: DepartLane is -1 for "first"
	// (the rightmost lane the class may use), -2 for "best" (and free,
	// random, allowed: a lane leading furthest along the route, the least
	// occupied among equals) or a lane index; DepartPos is the front's
	// position (m), negative for "base" (the vehicle's length);
	// DepartSpeed is m/s, negative for "max" (the highest safe speed up to
	// the lane's limit for the vehicle).
	DepartLane             int32
	DepartPos, DepartSpeed float64
	// SpeedFactor multiplies the lane speed limits for this vehicle.
	SpeedFactor float64
	// Stops are the scheduled stops, in route order.
	Stops []TripStop
	// ArrivalPos is where on its last edge the vehicle leaves (m): 0 for
	// the end (SUMO's "max"), positive from the lane's start, negative
	// from its end.
	ArrivalPos float64
}

const (
	departFirst = -1
	departBest  = -2
)

// DemandOptions tune how demand files are expanded. The zero value expands
// flows up to their own end.
type DemandOptions struct {
	// End (s) stops flow expansion: no vehicle departs at or after it (0:
	// each flow's own end).
	End float64
}

// Validate reports invalid options (wrapping ErrOptions).
func (o DemandOptions) Validate() error {
	if o.End < 0 || o.End != o.End {
		return errorf(ErrOptions, "demand end %v", o.End)
	}
	return nil
}

// DemandFromSUMO compiles decoded SUMO route and additional files into
// Demand: vehicles with named or inline routes, trips routed by the
// fastest path (Router), flows expanded into vehicles (period,
// vehsPerHour, number, or a seeded draw per second for probability),
// vTypes and vType and route distributions drawn with rng. Vehicles that
// name no type get SUMO's DEFAULT_VEHTYPE. Errors wrap ErrDemand and name
// the object and its line. O(vehicles × route length + trips × E log E).
func DemandFromSUMO(n *Network, d *sumo.Demand, opt DemandOptions, rng *rand.Rand) (*Demand, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := &demandCompiler{n: n, d: d, rng: rng, out: &Demand{}, types: map[string]int32{},
		routes: map[string]int{}, typeDists: map[string]int{}, routeDists: map[string]int{}, router: NewRouter(n)}
	c.index()
	for i := range d.Vehicles {
		if err := c.vehicle(&d.Vehicles[i], i); err != nil {
			return nil, err
		}
	}
	for i := range d.Flows {
		if err := c.flow(&d.Flows[i], opt.End, len(d.Vehicles)+i); err != nil {
			return nil, err
		}
	}
	c.sort()
	return c.out, nil
}

type demandCompiler struct {
	n                             *Network
	d                             *sumo.Demand
	rng                           *rand.Rand
	out                           *Demand
	types                         map[string]int32
	routes, typeDists, routeDists map[string]int
	router                        *Router
	busStops                      map[string]*sumo.BusStop
	order                         []int // source order of each trip
}

func (c *demandCompiler) index() {
	for i := range c.d.Routes {
		c.routes[c.d.Routes[i].ID] = i
	}
	for i := range c.d.VTypeDists {
		c.typeDists[c.d.VTypeDists[i].ID] = i
	}
	for i := range c.d.RouteDists {
		c.routeDists[c.d.RouteDists[i].ID] = i
	}
	c.busStops = map[string]*sumo.BusStop{}
	for i := range c.d.BusStops {
		c.busStops[c.d.BusStops[i].ID] = &c.d.BusStops[i]
	}
}

// vtype resolves a type name (a vType, a distribution, or "" for the
// default type), drawing from distributions.
func (c *demandCompiler) vtype(name string, line int) (int32, error) {
	if i, ok := c.types[name]; ok {
		return i, nil
	}
	if k, ok := c.typeDists[name]; ok {
		td := &c.d.VTypeDists[k]
		return c.vtype(td.Types[pick(td.Probs, len(td.Types), c.rng)], line)
	}
	var t sumo.VType
	switch found := false; {
	case name == "" || name == "DEFAULT_VEHTYPE":
		t = sumo.DefaultVType("DEFAULT_VEHTYPE")
	default:
		for i := range c.d.VTypes {
			if c.d.VTypes[i].ID == name {
				t, found = c.d.VTypes[i], true
			}
		}
		if !found {
			return 0, errorf(ErrDemand, "line %d: unknown vType %q", line, name)
		}
	}
	i := int32(len(c.out.Types))
	c.out.Types = append(c.out.Types, t)
	c.types[name] = i
	return i, nil
}

// pick draws an index with weights probs (uniform when probs is short).
func pick(probs []float64, n int, rng *rand.Rand) int {
	if len(probs) < n {
		return rng.IntN(n)
	}
	sum := 0.0
	for _, p := range probs[:n] {
		sum += p
	}
	u := rng.Float64() * sum
	for i, p := range probs[:n] {
		if u < p {
			return i
		}
		u -= p
	}
	return n - 1
}

// edges resolves a route given by name, inline edges, or from/to/via.
func (c *demandCompiler) edges(route string, inline []string, from, to string, via []string, class sumo.Classes, line int) ([]int32, error) {
	if route != "" && len(inline) == 0 {
		if k, ok := c.routeDists[route]; ok {
			rd := &c.d.RouteDists[k]
			route = rd.Routes[pick(rd.Probs, len(rd.Routes), c.rng)]
		}
		k, ok := c.routes[route]
		if !ok {
			return nil, errorf(ErrDemand, "line %d: unknown route %q", line, route)
		}
		inline = c.d.Routes[k].Edges
	}
	if len(inline) > 0 {
		return c.n.resolveRoute(inline, line)
	}
	stops := append(append([]string{from}, via...), to)
	ids, err := c.n.edgeIDs(stops, line)
	if err != nil {
		return nil, err
	}
	var out []int32
	for k := 0; k+1 < len(ids); k++ {
		p, ok := c.router.Route(ids[k], ids[k+1], class)
		if !ok {
			return nil, errorf(ErrDemand, "line %d: no path from %s to %s", line, stops[k], stops[k+1])
		}
		if k > 0 {
			p = p[1:]
		}
		out = append(out, p...)
	}
	return out, nil
}

// routeStops returns the stops of a named route (none for inline routes
// or distributions).
func (c *demandCompiler) routeStops(route string, inline []string) []sumo.Stop {
	if route == "" || len(inline) > 0 {
		return nil
	}
	if k, ok := c.routes[route]; ok {
		return c.d.Routes[k].Stops
	}
	return nil
}

// resolveRoute maps edge IDs to indices and checks each edge leads to the
// next.
func (n *Network) resolveRoute(ids []string, line int) ([]int32, error) {
	out, err := n.edgeIDs(ids, line)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(out); i++ {
		if !n.connected(out[i], out[i+1]) {
			return nil, errorf(ErrDemand, "line %d: edge %s does not lead to %s", line, ids[i], ids[i+1])
		}
	}
	return out, nil
}

// edgeIDs maps edge IDs to indices.
func (n *Network) edgeIDs(ids []string, line int) ([]int32, error) {
	out := make([]int32, len(ids))
	for i, id := range ids {
		e, ok := n.Edge(id)
		if !ok {
			return nil, errorf(ErrDemand, "line %d: unknown edge %q", line, id)
		}
		out[i] = e
	}
	return out, nil
}

func (n *Network) connected(a, b int32) bool {
	for _, li := range n.Edges[a].Lanes {
		for _, lk := range n.Lanes[li].Out {
			if n.Lanes[n.Links[lk].To].Edge == b {
				return true
			}
		}
	}
	return false
}

func (c *demandCompiler) vehicle(v *sumo.Vehicle, order int) error {
	ti, err := c.vtype(v.Type, v.Line)
	if err != nil {
		return err
	}
	route, err := c.edges(v.Route, v.Edges, v.From, v.To, v.Via, c.out.Types[ti].Class, v.Line)
	if err != nil {
		return err
	}
	stops, err := c.stops(append(c.routeStops(v.Route, v.Edges), v.Stops...), route, v.Line)
	if err != nil {
		return err
	}
	c.add(v.ID, ti, v.Depart, route, &v.Insertion, order)
	c.out.Trips[len(c.out.Trips)-1].Stops = stops
	return nil
}

func (c *demandCompiler) flow(f *sumo.Flow, end float64, order int) error {
	if end <= 0 || f.End < end {
		end = f.End
	}
	period := f.Period
	switch {
	case f.VehsPerHour > 0:
		period = 3600 / f.VehsPerHour
	case period <= 0 && f.Probability <= 0 && f.Number > 0:
		period = (f.End - f.Begin) / float64(f.Number)
	}
	k := 0
	emit := func(t float64) error {
		ti, err := c.vtype(f.Type, f.Line)
		if err != nil {
			return err
		}
		route, err := c.edges(f.Route, f.Edges, f.From, f.To, f.Via, c.out.Types[ti].Class, f.Line)
		if err != nil {
			return err
		}
		stops, err := c.stops(append(c.routeStops(f.Route, f.Edges), f.Stops...), route, f.Line)
		if err != nil {
			return err
		}
		c.add(f.ID+"."+strconv.Itoa(k), ti, t, route, &f.Insertion, order)
		c.out.Trips[len(c.out.Trips)-1].Stops = stops
		k++
		return nil
	}
	capped := func() bool { return f.Number > 0 && k >= f.Number }
	if f.Probability > 0 {
		for t := f.Begin; t < end && !capped(); t++ {
			if c.rng.Float64() < f.Probability {
				if err := emit(t); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if !(period > 0) {
		return errorf(ErrDemand, "flow %s (line %d): no period, rate, number or probability", f.ID, f.Line)
	}
	for i := 0; ; i++ {
		t := f.Begin + float64(i)*period
		if t >= end || capped() {
			return nil
		}
		if err := emit(t); err != nil {
			return err
		}
	}
}

func (c *demandCompiler) add(id string, ti int32, depart float64, route []int32, in *sumo.Insertion, order int) {
	t := &c.out.Types[ti]
	tr := Trip{ID: id, Type: ti, Depart: depart, Route: route, DepartLane: departFirst, DepartPos: -1,
		SpeedFactor: drawSpeedFactor(t.SpeedFactor, c.rng)}
	switch in.DepartLane {
	case "", "first":
	case "best", "free", "random", "allowed":
		tr.DepartLane = departBest
	default:
		if k, err := strconv.Atoi(in.DepartLane); err == nil && k >= 0 {
			tr.DepartLane = int32(k)
		}
	}
	if p, err := strconv.ParseFloat(in.DepartPos, 64); err == nil && p >= 0 {
		tr.DepartPos = p
	}
	if p, err := strconv.ParseFloat(in.ArrivalPos, 64); err == nil && p != 0 {
		tr.ArrivalPos = p
	}
	switch in.DepartSpeed {
	case "max", "desired", "speedLimit", "random", "avg":
		tr.DepartSpeed = -1
	default:
		if s, err := strconv.ParseFloat(in.DepartSpeed, 64); err == nil && s > 0 {
			tr.DepartSpeed = s
		}
	}
	c.out.Trips = append(c.out.Trips, tr)
	c.order = append(c.order, order)
}

// sort orders trips by departure, then source order, then ID.
func (c *demandCompiler) sort() {
	idx := make([]int, len(c.out.Trips))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ta, tb := &c.out.Trips[a], &c.out.Trips[b]
		if r := cmp.Compare(ta.Depart, tb.Depart); r != 0 {
			return r
		}
		return cmp.Compare(c.order[a], c.order[b])
	})
	sorted := make([]Trip, len(idx))
	for i, k := range idx {
		sorted[i] = c.out.Trips[k]
	}
	c.out.Trips = sorted
}

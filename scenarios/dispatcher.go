package scenarios

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/sim/dispatch"
)

// dispatcher assigns each incident the unit that can be there first: over
// the stations, the earliest a unit is free (now, or back from a job) plus
// turnout plus the travel time on the graph as it is when the call is
// handled. A unit stays busy for the trip, the time on scene and the trip
// back (taken equal to the trip out).
type dispatcher struct {
	net      *network
	demand   *dispatch.Demand // buildings by floor area; nil without buildings
	cover    *dispatch.Coverage
	spec     DispatchSpec
	stations []*stationState
	pending  []incident // not yet called in, by time
	blocked  []incident // called in, no unit could reach them yet
	done     []IncidentResult
	seq      int
}

type stationState struct {
	name   string
	pt     orb.Point
	snap   dispatch.Snap
	freeAt []float64 // one per unit, s
}

func newDispatcher(n *network, c *city, spec DispatchSpec) (*dispatcher, error) {
	d := &dispatcher{net: n, spec: spec}
	if len(c.buildings) > 0 {
		if dem, err := dispatch.NewDemand(n.g, c.buildings, dispatch.DemandOptions{}); err == nil {
			d.demand, d.cover = dem, dispatch.NewCoverage(n.g, dem)
		}
	}
	for _, st := range spec.Stations {
		if err := d.setStation(c, st); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// setStation adds a station or sets the number of units of an existing one
// (by name). Removed units are the last ones.
func (d *dispatcher) setStation(c *city, st Station) error {
	for _, s := range d.stations {
		if s.name == st.Name {
			for len(s.freeAt) < st.Units {
				s.freeAt = append(s.freeAt, 0)
			}
			s.freeAt = s.freeAt[:st.Units]
			return nil
		}
	}
	pt, err := c.snap.FromLonLat(st.Lon, st.Lat)
	if err != nil {
		return err
	}
	sn, err := d.snapPlace(pt)
	if err != nil {
		return fmt.Errorf("station %s: %w", st.Name, err)
	}
	d.stations = append(d.stations, &stationState{name: st.Name, pt: pt, snap: sn, freeAt: make([]float64, st.Units)})
	return nil
}

// add queues incidents; they are handled in time order.
func (d *dispatcher) add(in ...incident) {
	d.pending = append(d.pending, in...)
	sort.SliceStable(d.pending, func(i, j int) bool { return d.pending[i].at < d.pending[j].at })
}

// handle dispatches every pending incident that arrived before t (s). An
// incident no unit can reach (roads closed) waits and is tried again at the
// end of every step; its response time counts the wait.
func (d *dispatcher) handle(t float64) error {
	var blocked []incident
	for _, in := range d.blocked {
		ok, err := d.assign(in, t)
		if err != nil {
			return err
		}
		if !ok {
			blocked = append(blocked, in)
		}
	}
	k := 0
	for ; k < len(d.pending) && d.pending[k].at < t; k++ {
		in := d.pending[k]
		d.seq++
		in.id = fmt.Sprintf("i%04d", d.seq)
		ok, err := d.assign(in, in.at)
		if err != nil {
			return err
		}
		if !ok {
			blocked = append(blocked, in)
		}
	}
	d.pending, d.blocked = d.pending[k:], blocked
	return nil
}

// assign sends the unit that can be there first, deciding at time now
// (at or after the call); false when no unit can reach the place now.
func (d *dispatcher) assign(in incident, now float64) (bool, error) {
	sn, err := d.snapIncident(in)
	if err != nil {
		return false, err
	}
	from := make([]dispatch.Snap, len(d.stations))
	for i, s := range d.stations {
		from[i] = s.snap
	}
	tt, err := d.net.g.ManyToOne(from, sn)
	if err != nil {
		return false, err
	}
	r := IncidentResult{ID: in.id, AtS: in.at, Name: in.name, ResponseS: math.Inf(1), X: in.pt[0], Y: in.pt[1]}
	best, bestUnit := -1, -1
	turnout := secs(d.spec.Turnout)
	for i, s := range d.stations {
		u := earliest(s.freeAt)
		if u < 0 || math.IsInf(tt[i], 1) {
			continue
		}
		wait := math.Max(now, s.freeAt[u]) - in.at
		if resp := wait + turnout + tt[i]; resp < r.ResponseS {
			r.ResponseS, r.WaitS, r.TravelS, best, bestUnit = resp, wait, tt[i], i, u
		}
	}
	if best < 0 {
		return false, nil
	}
	s := d.stations[best]
	r.Station, r.Reached = s.name, true
	s.freeAt[bestUnit] = in.at + r.ResponseS + secs(d.spec.OnScene) + r.TravelS
	d.done = append(d.done, r)
	return true, nil
}

// results returns every incident handled or still waiting, by id; those
// still waiting were never reached.
func (d *dispatcher) results() []IncidentResult {
	out := append([]IncidentResult(nil), d.done...)
	for _, in := range d.blocked {
		out = append(out, IncidentResult{ID: in.id, AtS: in.at, Name: in.name, X: in.pt[0], Y: in.pt[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (d *dispatcher) snapIncident(in incident) (dispatch.Snap, error) {
	if in.edge >= 0 {
		return d.net.g.EdgeSnap(in.edge, in.frac)
	}
	if in.snap != nil {
		return *in.snap, nil
	}
	return d.snapPlace(in.pt)
}

// snapPlace snaps a place to the road graph's largest strongly connected
// component where demand is known (stubs cut off by the data's border
// can be neither left nor reached), else to the nearest road.
func (d *dispatcher) snapPlace(p orb.Point) (dispatch.Snap, error) {
	if d.demand != nil {
		return d.demand.Snap(d.net.g, p, d.spec.SnapM)
	}
	return d.net.g.Snap(p, d.spec.SnapM)
}

// coverage returns the share of the demand within limit seconds of a
// station with units, under the graph's current costs (0 without demand).
func (d *dispatcher) coverage(limit float64) (float64, error) {
	if d.cover == nil {
		return 0, nil
	}
	d.cover.Reset()
	var from []dispatch.Snap
	for _, s := range d.stations {
		if len(s.freeAt) > 0 {
			from = append(from, s.snap)
		}
	}
	if len(from) == 0 {
		return 0, nil
	}
	return d.cover.Share(from, limit)
}

// draw places generated incidents: at buildings, chosen by floor area,
// where demand is known, else uniformly along the roads.
func (d *dispatcher) draw(s *roadSampler, seed uint64, e *Event, end float64) []incident {
	if d.demand == nil {
		return s.generate(seed, e, end)
	}
	return generateAt(seed, e, end, d.demand)
}

// earliest returns the unit that is free first, -1 when there is none.
func earliest(freeAt []float64) int {
	best := -1
	for i, f := range freeAt {
		if best < 0 || f < freeAt[best] {
			best = i
		}
	}
	return best
}

package dispatch

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

// position returns where unit ui is now, as a place on the graph.
func (s *Sim) position(ui int) Snap {
	u := &s.units[ui]
	if u.tr == nil {
		return u.at
	}
	w := u.tr.at(s.g, s.now)
	if w.edge < 0 {
		return u.tr.from
	}
	sn, err := s.g.EdgeSnap(w.edge, w.frac)
	if err != nil { // cannot happen: the edge came from the graph
		return u.tr.from
	}
	return sn
}

// routeFrom plans the fastest route from unit ui's position to to. A unit
// part way along an edge that has since been closed first drives to the
// edge's end: extra is that time and start the node it starts from.
func (s *Sim) routeFrom(ui int, to Snap) (p Path, extraS float64, start Snap, err error) {
	u := &s.units[ui]
	start = s.position(ui)
	p, err = s.g.Route(start, to)
	if err == nil || u.tr == nil || start.Edge < 0 || !errors.Is(err, ErrUnreachable) || !s.g.Closed(start.Edge) {
		return p, 0, start, err
	}
	w := u.tr.at(s.g, s.now)
	_, _, head, _, _ := s.g.Edge(start.Edge)
	ns, _ := s.g.SnapNode(head)
	p, err = s.g.Route(ns, to)
	return p, w.left, ns, err
}

// change applies a TimedChange and reroutes every unit on the road.
func (s *Sim) change(ci int) error {
	if err := s.g.Apply(s.opt.Changes[ci].Changes...); err != nil {
		return err
	}
	s.cov.Reset()
	for ui := range s.units {
		if err := s.reroute(ui); err != nil {
			return err
		}
	}
	return s.assign()
}

// reroute plans unit ui's trip again under the current costs. A unit that
// can no longer reach its call gives the call back and waits where it is.
func (s *Sim) reroute(ui int) error {
	u := &s.units[ui]
	if u.tr == nil {
		return nil
	}
	dest := s.homes[u.Station]
	if u.status == EnRoute {
		dest = s.inc[u.job.inc].snap
	}
	p, extra, start, err := s.routeFrom(ui, dest)
	if errors.Is(err, ErrUnreachable) {
		s.rec.stranded++
		if u.status == EnRoute {
			s.inc[u.job.inc].unit[u.job.need] = -1
			s.pending = append([]needRef{u.job}, s.pending...)
		}
		s.rest(ui, start)
		return nil
	}
	if err != nil {
		return err
	}
	old := u.tr.arriveS()
	u.tr = newTrip(s.g, start, p, max(s.now, u.tr.departS)+extra)
	if u.tr.arriveS() != old {
		s.rec.reroutes++
	}
	u.gen++
	kind := evHome
	if u.status == EnRoute {
		kind = evArrive
	}
	s.push(u.tr.arriveS(), kind, ui, u.gen)
	return nil
}

// sample records the coverage of the available units of every type.
func (s *Sim) sample() error {
	cs := CoverageSample{TimeS: s.now, Share: map[UnitType][3]float64{}}
	for _, typ := range s.types {
		var from []Snap
		for i := range s.units {
			if u := &s.units[i]; u.Type == typ && u.status == Available {
				from = append(from, u.at)
			}
		}
		best, err := s.cov.Nearest(from)
		if err != nil {
			return err
		}
		var sh [3]float64
		for k, lim := range CoverageLimitsS() {
			for i, t := range best {
				if t <= lim {
					sh[k] += s.cov.d.Weights[i]
				}
			}
			sh[k] /= s.cov.d.Total
		}
		cs.Share[typ] = sh
	}
	s.rec.coverage = append(s.rec.coverage, cs)
	return nil
}

// Units returns every unit's state at the clock, positions interpolated
// along their routes: what a live view draws. O(units).
func (s *Sim) Units() []UnitState {
	out := make([]UnitState, len(s.units))
	for i := range s.units {
		u := &s.units[i]
		out[i] = UnitState{ID: u.ID, Type: u.Type, Status: u.status, Point: s.position(i).Point}
		if u.job.inc >= 0 {
			out[i].Incident = s.inc[u.job.inc].ID
		}
	}
	return out
}

// UpdatePosition sets a unit's position from a GPS fix at time nowS
// (seconds from the start): the clock first advances to nowS, then the
// point is snapped to the nearest connected road within MaxSnapM. A unit at rest
// stays at rest there; a unit on the road is rerouted from there to its
// destination, leaving at once. Errors: ErrUnit for an unknown unit,
// those of AdvanceTo and Graph.Snap.
func (s *Sim) UpdatePosition(unitID string, p orb.Point, nowS float64) error {
	ui, ok := s.byID[unitID]
	if !ok {
		return fmt.Errorf("%w: unknown unit %q", ErrUnit, unitID)
	}
	if err := s.AdvanceTo(nowS); err != nil {
		return err
	}
	sn, err := s.cov.d.Snap(s.g, p, s.opt.MaxSnapM)
	if err != nil {
		return fmt.Errorf("unit %s: %w", unitID, err)
	}
	u := &s.units[ui]
	if u.tr == nil {
		u.at = sn
		return nil
	}
	u.tr = &trip{from: sn, path: Path{CostS: 0, Line: orb.LineString{sn.Point, sn.Point}}, departS: s.now}
	u.at = sn
	return s.reroute(ui)
}

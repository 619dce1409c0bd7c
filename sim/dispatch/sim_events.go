package dispatch

import (
	"container/heap"
	"errors"
)

// evKind is the kind of a simulation event.
type evKind int

const (
	evSample evKind = iota // sample coverage
	evChange               // apply a TimedChange (a: its index)
	evCall                 // a call comes in (a: incident)
	evArrive               // a unit reaches its call (a: unit)
	evClear                // a unit leaves the scene (a: unit)
	evHome                 // a unit is back at its station (a: unit)
)

// event is one scheduled event; gen guards unit events against plans that
// changed since they were scheduled.
type event struct {
	t    float64
	seq  uint64
	kind evKind
	a    int
	gen  int
}

// eventQueue orders events by time, then by the order they were
// scheduled in.
type eventQueue struct{ items []event }

func (q *eventQueue) Len() int { return len(q.items) }
func (q *eventQueue) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	return a.t < b.t || a.t == b.t && a.seq < b.seq
}
func (q *eventQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *eventQueue) Push(x any)    { q.items = append(q.items, x.(event)) }
func (q *eventQueue) Pop() any {
	n := len(q.items) - 1
	x := q.items[n]
	q.items = q.items[:n]
	return x
}

func (s *Sim) push(t float64, k evKind, a, gen int) {
	s.seq++
	heap.Push(&s.events, event{t: t, seq: s.seq, kind: k, a: a, gen: gen})
}

// handle runs one event.
func (s *Sim) handle(ev event) error {
	switch ev.kind {
	case evSample:
		return s.sample()
	case evChange:
		return s.change(ev.a)
	case evCall:
		for k := range s.inc[ev.a].spec.Needs {
			s.pending = append(s.pending, needRef{ev.a, k})
		}
		return s.assign()
	}
	if s.units[ev.a].gen != ev.gen {
		return nil // superseded plan
	}
	switch ev.kind {
	case evArrive:
		s.arrive(ev.a)
		return nil
	case evClear:
		s.units[ev.a].job = needRef{-1, -1}
		if err := s.goHome(ev.a); err != nil {
			return err
		}
		return s.freed(ev.a)
	case evHome:
		s.rest(ev.a, s.homes[s.units[ev.a].Station])
		return s.freed(ev.a)
	}
	return nil
}

// assign tries to send a unit to every waiting need, in call order.
func (s *Sim) assign() error {
	var keep []needRef
	for _, n := range s.pending {
		ok, err := s.tryAssign(n)
		if err != nil {
			return err
		}
		if !ok {
			keep = append(keep, n)
		}
	}
	s.pending = keep
	return nil
}

// tryAssign asks the policy for a unit for one need and sends it.
func (s *Sim) tryAssign(n needRef) (bool, error) {
	typ := s.inc[n.inc].spec.Needs[n.need]
	var (
		idx      []int
		from     []Snap
		delay    []float64
		covering []bool
	)
	for i := range s.units {
		u := &s.units[i]
		if u.Type != typ || u.status != Available && u.status != Returning {
			continue
		}
		idx = append(idx, i)
		from = append(from, s.position(i))
		delay = append(delay, s.turnout(i))
		covering = append(covering, u.status == Available)
	}
	k, _, err := s.dispatcher(typ).Choose(from, delay, covering, s.inc[n.inc].snap)
	if errors.Is(err, ErrNoUnit) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return s.send(idx[k], n), nil
}

// turnout is the delay before unit i can move.
func (s *Sim) turnout(i int) float64 {
	if s.units[i].status == Available {
		return s.opt.TurnoutS
	}
	return 0
}

// send routes unit ui to need n; false when no route exists.
func (s *Sim) send(ui int, n needRef) bool {
	in := &s.inc[n.inc]
	depart := s.now + s.turnout(ui)
	p, extra, start, err := s.routeFrom(ui, in.snap)
	if err != nil {
		return false
	}
	u := &s.units[ui]
	if u.status == Available {
		u.busyAt = s.now
	}
	u.tr = newTrip(s.g, start, p, depart+extra)
	u.status, u.job = EnRoute, n
	u.gen++
	u.trips++
	in.unit[n.need] = ui
	s.push(u.tr.arriveS(), evArrive, ui, u.gen)
	return true
}

// arrive puts unit ui on scene.
func (s *Sim) arrive(ui int) {
	u := &s.units[ui]
	in := &s.inc[u.job.inc]
	u.status, u.at, u.tr = OnScene, in.snap, nil
	in.arrived[u.job.need] = s.now
	if in.first < 0 {
		in.first = s.now
	}
	onScene := in.spec.OnSceneS
	if in.OnSceneS > 0 {
		onScene = in.OnSceneS
	}
	s.push(s.now+onScene, evClear, ui, u.gen)
}

// goHome sends unit ui back to its station; a unit that cannot get there
// stays available where it is.
func (s *Sim) goHome(ui int) error {
	u := &s.units[ui]
	home := s.homes[u.Station]
	if u.tr == nil && keyOf(u.at) == keyOf(home) {
		s.rest(ui, home)
		return nil
	}
	p, extra, start, err := s.routeFrom(ui, home)
	if errors.Is(err, ErrUnreachable) {
		s.rec.stranded++
		s.rest(ui, s.position(ui))
		return nil
	}
	if err != nil {
		return err
	}
	u.tr = newTrip(s.g, start, p, s.now+extra)
	u.status = Returning
	u.gen++
	s.push(u.tr.arriveS(), evHome, ui, u.gen)
	return nil
}

// rest makes unit ui available at rest at the position at.
func (s *Sim) rest(ui int, at Snap) {
	u := &s.units[ui]
	if u.status != Available {
		u.busyS += s.now - u.busyAt
	}
	u.status, u.at, u.tr = Available, at, nil
	u.job = needRef{-1, -1}
	u.gen++
}

// freed serves waiting calls with a unit that just became free and, unless
// turned off, lets it take over calls it would reach much sooner.
func (s *Sim) freed(ui int) error {
	if err := s.assign(); err != nil {
		return err
	}
	if s.opt.NoRedispatch {
		return nil
	}
	for range s.units { // each take-over saves ≥ RedispatchGainS: bounded
		v, ok := s.takeOver(ui)
		if !ok {
			return nil
		}
		if err := s.assign(); err != nil {
			return err
		}
		ui = v
	}
	return nil
}

// takeOver re-dispatches free unit ui to the call of the en-route unit of
// its type it would beat by the most (at least RedispatchGainS), turning
// that unit back; it returns the unit turned back.
func (s *Sim) takeOver(ui int) (int, bool) {
	u := &s.units[ui]
	if u.status != Available && u.status != Returning {
		return 0, false
	}
	from, delay := s.position(ui), s.turnout(ui)
	best, bestGain := -1, 0.0
	for vi := range s.units {
		v := &s.units[vi]
		if vi == ui || v.Type != u.Type || v.status != EnRoute {
			continue
		}
		p, err := s.g.Route(from, s.inc[v.job.inc].snap)
		if err != nil {
			continue
		}
		gain := v.tr.arriveS() - s.now - (p.CostS + delay)
		if gain >= s.opt.RedispatchGainS && gain > bestGain {
			best, bestGain = vi, gain
		}
	}
	if best < 0 {
		return 0, false
	}
	job := s.units[best].job
	s.inc[job.inc].unit[job.need] = -1
	s.units[best].job = needRef{-1, -1}
	if err := s.goHome(best); err != nil || !s.send(ui, job) {
		s.pending = append(s.pending, job)
		return best, true
	}
	s.rec.redispatches++
	return best, true
}

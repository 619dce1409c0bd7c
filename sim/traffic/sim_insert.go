package traffic

// insert moves trips whose departure time has come into their first edge's
// queue and inserts from each queue in order until one does not fit (SUMO's
// insertion backlog: a vehicle that cannot be inserted waits, and so do
// the ones behind it on the same edge).
func (s *Sim) insert() {
	for s.nextTrip < len(s.trips) && s.trips[s.nextTrip].Depart <= s.t {
		e := s.trips[s.nextTrip].Route[0]
		if len(s.backlog[e]) == 0 {
			s.pending = append(s.pending, e)
		}
		s.backlog[e] = append(s.backlog[e], int32(s.nextTrip))
		s.nextTrip++
	}
	keep := s.pending[:0]
	for _, e := range s.pending {
		q := s.backlog[e]
		k := 0
		for k < len(q) && s.tryInsert(q[k]) {
			k++
		}
		s.backlog[e] = append(q[:0], q[k:]...)
		if len(s.backlog[e]) > 0 {
			keep = append(keep, e)
		}
	}
	s.pending = keep
}

// tryInsert inserts trip ti at the start of its first edge if it fits
// behind the lane's last vehicle (SUMO's isInsertionSuccess for departPos
// base: the gap must be safe at the departure speed).
func (s *Sim) tryInsert(ti int32) bool {
	tr := &s.trips[ti]
	ty := &s.types[tr.Type]
	lane := s.departLane(tr, ty)
	if lane < 0 {
		return false
	}
	ln := &s.n.Lanes[lane]
	pos := tr.DepartPos
	if pos < 0 {
		pos = ty.length + positionEps
	}
	pos = min(pos, ln.Length)
	vmax := min(ln.Speed*tr.SpeedFactor, ty.maxSpeed)
	speed := min(tr.DepartSpeed, vmax)
	if tr.DepartSpeed < 0 {
		speed = vmax
	}
	if vs := s.lanes[lane]; len(vs) > 0 {
		lv := vs[len(vs)-1]
		lt := &s.types[s.f.typ[lv]]
		gap := s.f.pos[lv] - lt.length - pos - ty.minGap
		if gap < 0 {
			return false
		}
		if speed > 0 {
			safe := ty.followSpeed(speed, gap, s.f.speed[lv], lt.decel)
			if tr.DepartSpeed < 0 {
				speed = min(speed, safe)
			} else if safe < speed {
				return false
			}
		}
	}
	v := s.f.add()
	f := &s.f
	f.pos[v], f.speed[v], f.next[v] = pos, speed, speed
	f.lane[v], f.link[v], f.hop[v] = lane, -1, 0
	f.aheadLane[v], f.aheadLink[v], f.wantFor[v] = -1, -1, -1
	f.trip[v], f.typ[v], f.sf[v] = ti, tr.Type, tr.SpeedFactor
	f.rng[v] = s.opt.Seed ^ (uint64(ti)+1)*0x9e3779b97f4a7c15
	f.waiting[v], f.still[v] = false, 0
	f.stopIdx[v], f.dwell[v] = 0, 0
	s.lanes[lane] = append(s.lanes[lane], v)
	s.rec[ti] = tripRecord{state: 1, depart: s.t, departPos: pos, departSpeed: speed, departLane: lane}
	s.running++
	s.stats.enter(tr.Route[0])
	return true
}

// departLane picks the lane of the first edge to insert on, -1 when the
// type may use none.
func (s *Sim) departLane(tr *Trip, ty *vtype) int32 {
	e := &s.n.Edges[tr.Route[0]]
	if tr.DepartLane >= 0 {
		if int(tr.DepartLane) < len(e.Lanes) {
			return e.Lanes[tr.DepartLane]
		}
		return -1
	}
	best, bestScore, bestLoad := int32(-1), -2, 0
	for _, li := range e.Lanes {
		if !allows(s.n.Lanes[li].Allow, ty.class) {
			continue
		}
		if tr.DepartLane == departFirst {
			return li
		}
		score := s.continuation(li, tr.Route, 0, 4, ty.class)
		load := len(s.lanes[li])
		if score > bestScore || score == bestScore && load < bestLoad {
			best, bestScore, bestLoad = li, score, load
		}
	}
	return best
}

package traffic

// changeLanes moves vehicles that are on a lane with no link to their
// route's next edge one lane towards one that has, when the gaps to the
// new leader and follower are safe: both can keep following with at most
// their normal deceleration (a strategic change after SUMO's LC2013, with
// instantaneous changes). Lanes are scanned in index order, vehicles front
// first. A vehicle that cannot change asks the target lane to make room:
// the vehicle behind it there treats it as a leader next step when it can
// do so braking normally (SUMO's cooperative lane changing, simplified).
func (s *Sim) changeLanes() {
	for l := range s.coop {
		s.coop[l] = -1
	}
	for l := range s.lanes {
		if s.n.Lanes[l].Edge < 0 || len(s.lanes[l]) == 0 {
			continue
		}
		for k := 0; k < len(s.lanes[l]); k++ {
			v := s.lanes[l][k]
			if s.nextLink(v, int32(l)) != wrongLane {
				if s.strategic(v, int32(l), k) || s.speedGain(v, int32(l), k) {
					k--
				}
				continue
			}
			if s.tryChange(v, int32(l), k) {
				k--
			} else if t := s.towards(v, int32(l)); t >= 0 && !s.trySwap(v, int32(l), k, t) && s.coop[t] < 0 {
				s.coop[t] = v
			}
		}
	}
}

// tryChange moves v (at index k of lane l) to the neighbour lane towards
// a lane that leads on, if safe.
func (s *Sim) tryChange(v, l int32, k int) bool {
	return s.changeTo(v, l, k, s.towards(v, l))
}

// changeTo moves v (at index k of lane l) to lane target if the gaps to
// its new leader and follower there are safe.
func (s *Sim) changeTo(v, l int32, k int, target int32) bool {
	if target < 0 {
		return false
	}
	f := &s.f
	ty := &s.types[f.typ[v]]
	if !allows(s.n.Lanes[target].Allow, ty.class) {
		return false
	}
	vs := s.lanes[target]
	i := 0
	for i < len(vs) && f.pos[vs[i]] >= f.pos[v] {
		i++
	}
	if i > 0 {
		ld := vs[i-1]
		lt := &s.types[f.typ[ld]]
		gap := f.pos[ld] - lt.length - f.pos[v] - ty.minGap
		if gap < 0 || ty.followSpeed(f.speed[v], gap, f.speed[ld], lt.decel) < f.speed[v]-ty.decel {
			return false
		}
	}
	if i < len(vs) {
		fo := vs[i]
		ft := &s.types[f.typ[fo]]
		gap := f.pos[v] - ty.length - f.pos[fo] - ft.minGap
		if gap < 0 || ft.followSpeed(f.speed[fo], gap, f.speed[v], ty.decel) < f.speed[fo]-ft.decel {
			return false
		}
	}
	s.lanes[l] = append(s.lanes[l][:k], s.lanes[l][k+1:]...)
	vs = append(vs, 0)
	copy(vs[i+1:], vs[i:])
	vs[i] = v
	s.lanes[target] = vs
	f.lane[v], f.link[v] = target, -1
	return true
}

// towards returns the neighbour of lane l in the direction of the nearest
// lane of the same edge with a link to v's next edge, or -1.
func (s *Sim) towards(v, l int32) int32 {
	ln := &s.n.Lanes[l]
	e := &s.n.Edges[ln.Edge]
	route := s.trips[s.f.trip[v]].Route
	hop := int(s.f.hop[v])
	bestDist := int32(1 << 30)
	dir := int32(0)
	for _, li := range e.Lanes {
		if !allows(s.n.Lanes[li].Allow, s.types[s.f.typ[v]].class) || s.chooseLink(li, route, hop, s.types[s.f.typ[v]].class) == wrongLane {
			continue
		}
		d := s.n.Lanes[li].Index - ln.Index
		if d != 0 && abs32(d) < bestDist {
			bestDist, dir = abs32(d), d
		}
	}
	switch {
	case dir > 0:
		return ln.Left
	case dir < 0:
		return ln.Right
	}
	return -1
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// cooperate lowers vPos of vehicle v on lane l (its leader there is
// leader, -1 for none) so that it stays behind a vehicle waiting to change
// into l, when that needs no more than normal braking.
func (s *Sim) cooperate(v, l, leader int32, vPos float64) float64 {
	w := s.coop[l]
	if w < 0 || w == v {
		return vPos
	}
	f := &s.f
	if f.pos[w] <= f.pos[v] || leader >= 0 && f.pos[leader] < f.pos[w] {
		return vPos
	}
	ty := &s.types[f.typ[v]]
	wt := &s.types[f.typ[w]]
	gap := f.pos[w] - wt.length - f.pos[v] - ty.minGap
	if gap < 0 {
		return vPos
	}
	if vs := ty.followSpeed(f.speed[v], gap, f.speed[w], wt.decel); vs >= f.speed[v]-ty.decel {
		return min(vPos, vs)
	}
	return vPos
}

// trySwap exchanges v (index k of lane l) with a vehicle alongside it on
// lane t that wants to change into l, as SUMO's lane changer swaps two
// vehicles blocking each other: each takes the other's lane, position
// and speed, which keeps both lanes ordered.
func (s *Sim) trySwap(v, l int32, k int, t int32) bool {
	f := &s.f
	ty := &s.types[f.typ[v]]
	for i, x := range s.lanes[t] {
		if f.pos[x] < f.pos[v]-ty.length {
			break
		}
		if f.pos[x]-s.types[f.typ[x]].length > f.pos[v] {
			continue
		}
		if s.nextLink(x, t) != wrongLane || s.towards(x, t) != l {
			continue
		}
		s.lanes[l][k], s.lanes[t][i] = x, v
		f.pos[v], f.pos[x] = f.pos[x], f.pos[v]
		f.speed[v], f.speed[x] = f.speed[x], f.speed[v]
		f.lane[v], f.lane[x] = t, l
		f.link[v], f.link[x] = -1, -1
		return true
	}
	return false
}

// speedGain moves v (index k of lane l, on a lane that leads on) to a
// neighbour lane that also leads on to its next edge when its leader
// there lets it drive clearly faster than its own (by gainThreshold), a
// simplified form of SUMO's LC2013 speed-gain changes; the right lane is
// tried first.
func (s *Sim) speedGain(v, l int32, k int) bool {
	f := &s.f
	ty := &s.types[f.typ[v]]
	vmax := s.vehicleMax(v, l)
	if k == 0 || f.speed[v] > 0.6*vmax {
		return false
	}
	here := s.anticipated(v, s.lanes[l][k-1])
	if here > 0.6*vmax {
		return false
	}
	ln := &s.n.Lanes[l]
	for _, t := range [2]int32{ln.Right, ln.Left} {
		if t < 0 || !allows(s.n.Lanes[t].Allow, ty.class) {
			continue
		}
		vs := s.lanes[t]
		i := 0
		for i < len(vs) && f.pos[vs[i]] >= f.pos[v] {
			i++
		}
		there := vmax
		if i > 0 {
			there = min(vmax, s.anticipated(v, vs[i-1]))
		}
		if there <= here+gainThreshold {
			continue
		}
		route := s.trips[f.trip[v]].Route
		if s.chooseLink(t, route, int(f.hop[v]), ty.class) == wrongLane ||
			s.continuation(t, route, int(f.hop[v]), 4, ty.class) < s.continuation(l, route, int(f.hop[v]), 4, ty.class) {
			continue
		}
		if s.changeTo(v, l, k, t) {
			return true
		}
	}
	return false
}

// gainThreshold is the speed advantage a lane must offer for a
// speed-gain change (m/s).
const gainThreshold = 4.0

// anticipated is the speed v may drive behind leader ld (Krauss safe
// speed for the current gap).
func (s *Sim) anticipated(v, ld int32) float64 {
	f := &s.f
	ty := &s.types[f.typ[v]]
	lt := &s.types[f.typ[ld]]
	gap := f.pos[ld] - lt.length - f.pos[v] - ty.minGap
	if gap < 0 {
		return 0
	}
	return ty.followSpeed(f.speed[v], gap, f.speed[ld], lt.decel)
}

// strategic moves v (index k of lane l, which leads on to its next edge)
// towards the lane of its edge from which it can follow its route
// furthest without changing lanes (SUMO's best lanes, over up to four
// edges), when the gaps there are safe. The target is computed once per
// lane.
func (s *Sim) strategic(v, l int32, k int) bool {
	f := &s.f
	if f.wantFor[v] != l {
		f.wantFor[v], f.want[v] = l, s.bestNeighbour(v, l)
	}
	if f.want[v] < 0 {
		return false
	}
	return s.changeTo(v, l, k, f.want[v])
}

// bestNeighbour returns the neighbour of lane l towards the lane with the
// longest continuation along v's route, -1 when l is as good as any.
func (s *Sim) bestNeighbour(v, l int32) int32 {
	f := &s.f
	ty := &s.types[f.typ[v]]
	route := s.trips[f.trip[v]].Route
	hop := int(f.hop[v])
	ln := &s.n.Lanes[l]
	mine := s.continuation(l, route, hop, 4, ty.class)
	best, bestIdx := mine, ln.Index
	for _, li := range s.n.Edges[ln.Edge].Lanes {
		if !allows(s.n.Lanes[li].Allow, ty.class) {
			continue
		}
		c := s.continuation(li, route, hop, 4, ty.class)
		d, bd := abs32(s.n.Lanes[li].Index-ln.Index), abs32(bestIdx-ln.Index)
		if c > best || c == best && c > mine && d < bd {
			best, bestIdx = c, s.n.Lanes[li].Index
		}
	}
	switch {
	case best == mine:
		return -1
	case bestIdx > ln.Index:
		return ln.Left
	}
	return ln.Right
}

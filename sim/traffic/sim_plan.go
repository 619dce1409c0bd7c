package traffic

import (
	"twin/geo/sumo"
)

// laneAlt is what the first vehicle of a lane does if the minor link it
// approaches is not free: its speed when stopping at the line instead.
type laneAlt struct {
	link  int32 // -1 when the first vehicle approaches no minor link
	speed float64
}

// vehicleMax is the vehicle's ideal speed on lane l: the lane's limit
// times its speed factor, capped by its type's maximum (m/s).
func (s *Sim) vehicleMax(v int32, l int32) float64 {
	return min(s.n.Lanes[l].Speed*s.f.sf[v], s.types[s.f.typ[v]].maxSpeed)
}

// planLanes computes the next speed of every vehicle on the given lanes
// from the state at the start of the step. It writes only the lanes' own
// vehicles, their links' approach records and the lanes' alternatives.
func (s *Sim) planLanes(lanes []int32) {
	for _, l := range lanes {
		vs := s.lanes[l]
		s.alt[l].link = -1
		for k, v := range vs {
			leader := int32(-1)
			if k > 0 {
				leader = vs[k-1]
			}
			s.plan(v, l, leader)
		}
	}
}

// plan computes vehicle v's next speed (SUMO's planMove + finalizeSpeed).
func (s *Sim) plan(v, l, leader int32) {
	f := &s.f
	ty := &s.types[f.typ[v]]
	speed := f.speed[v]
	vPos := s.vehicleMax(v, l)
	if leader >= 0 {
		lt := &s.types[f.typ[leader]]
		gap := f.pos[leader] - lt.length - f.pos[v] - ty.minGap
		vPos = min(vPos, ty.followSpeed(speed, gap, f.speed[leader], lt.decel))
	}
	vPos = s.cooperate(v, l, leader, vPos)
	vPos = s.stopBound(v, l, vPos)
	vPos, alt, altLink := s.lookAhead(v, l, vPos, leader < 0)
	u := 0.0
	if ty.sigma > 0 {
		u = f.uniform(v)
	}
	f.next[v] = ty.finalizeSpeed(speed, vPos, u)
	if altLink >= 0 {
		s.alt[l] = laneAlt{link: altLink, speed: ty.finalizeSpeed(speed, alt, u)}
	}
}

// lookAhead walks the lanes ahead of v along its route up to its braking
// horizon, lowering vPos for red and yellow lights it can stop for, lower
// speed limits, a lane it must leave, a full lane behind the junction and,
// when first is set, the last vehicle on the lanes ahead. For the first
// vehicle approaching a minor link it registers the approach and returns
// the speed bound if it has to stop at the line (alt) with the link.
func (s *Sim) lookAhead(v, l int32, vPos float64, first bool) (float64, float64, int32) {
	f := &s.f
	ty := &s.types[f.typ[v]]
	speed := f.speed[v]
	seen := s.n.Lanes[l].Length - f.pos[v]
	horizon := max(vPos, speed+ty.accel) + brakeGap(max(vPos, speed+ty.accel), ty.decel, 0) + 5
	alt, altLink := 0.0, int32(-1)
	lane := l
	for range 8 {
		if seen > horizon {
			break
		}
		lk := s.nextLink(v, lane)
		if lk == noLink {
			break // arrival at the route's end: drive off
		}
		if lk == wrongLane {
			vPos = min(vPos, ty.stopSpeed(speed, seen-positionEps))
			break
		}
		link := &s.n.Links[lk]
		st := s.linkState[lk]
		if vs, stop := ty.signalStop(st, speed, seen); stop {
			vPos = min(vPos, vs)
			break
		}
		next := link.To
		if lane != link.Via && link.Via >= 0 {
			next = link.Via
		}
		if lane != link.Via && first && altLink < 0 {
			if s.blockedAhead(v, link) {
				vPos = min(vPos, ty.stopSpeed(speed, seen-positionEps))
				break
			}
			s.approach(v, lk, seen)
			if minorState(st) {
				alt, altLink = min(vPos, ty.stopSpeed(speed, seen-positionEps)), lk
			}
		}
		nextMax := min(s.n.Lanes[next].Speed*f.sf[v], ty.maxSpeed)
		if nextMax < vPos {
			vPos = min(vPos, max(freeSpeed(ty.decel, seen, nextMax), speed-ty.decel))
		}
		if first && next == link.Via {
			vPos = s.mergeLeaders(v, lk, seen, vPos)
		}
		if first {
			if vs := s.lanes[next]; len(vs) > 0 {
				lv := vs[len(vs)-1]
				lt := &s.types[f.typ[lv]]
				gap := seen + f.pos[lv] - lt.length - ty.minGap
				vPos = min(vPos, ty.followSpeed(speed, gap, f.speed[lv], lt.decel))
				break
			}
		}
		seen += s.n.Lanes[next].Length
		lane = next
	}
	return vPos, alt, altLink
}

// signalStop returns the speed that stops the vehicle before a red or
// yellow light seen metres ahead, and whether it stops: only when it can
// brake in time by at least SUMO's yellow deceleration (3 m/s², or decel
// if higher), waiting up to stoplineGap before the line. O(1).
func (t *vtype) signalStop(st byte, speed, seen float64) (float64, bool) {
	if !stopState(st) {
		return 0, false
	}
	brake := brakeGap(speed, max(min(yellowMinDecel, t.emergencyDecel), t.decel), 0)
	if seen < brake {
		return 0, false
	}
	off := max(positionEps, min(stoplineGap, seen-brake))
	return t.stopSpeed(speed, max(0, seen-off)), true
}

const (
	noLink    = -1 // at the route's last edge
	wrongLane = -2 // no link from this lane to the route's next edge
)

// nextLink returns the link v takes at the end of lane (an edge lane on
// its route or the internal lane it is crossing), choosing one on first
// use: a link to the route's next edge, preferring a target lane that
// itself leads on to the edge after.
func (s *Sim) nextLink(v, lane int32) int32 {
	ln := &s.n.Lanes[lane]
	if ln.Edge < 0 {
		return s.viaLink[lane] // an internal lane belongs to one link
	}
	f := &s.f
	if f.lane[v] == lane {
		if f.link[v] == -1 {
			f.link[v] = s.chooseLink(lane, s.trips[f.trip[v]].Route, int(f.hop[v]), s.types[f.typ[v]].class)
		}
		return f.link[v]
	}
	if f.aheadLane[v] == lane {
		return f.aheadLink[v]
	}
	// looking past the current edge
	route := s.trips[f.trip[v]].Route
	hop := int(f.hop[v])
	for hop < len(route) && route[hop] != ln.Edge {
		hop++
	}
	if hop >= len(route) {
		return noLink
	}
	lk := s.chooseLink(lane, route, hop, s.types[f.typ[v]].class)
	f.aheadLane[v], f.aheadLink[v] = lane, lk
	return lk
}

// chooseLink picks the link from lane (on route[hop]) to route[hop+1].
func (s *Sim) chooseLink(lane int32, route []int32, hop int, class sumo.Classes) int32 {
	if hop+1 >= len(route) {
		return noLink
	}
	best, bestScore := int32(wrongLane), -1
	for _, lk := range s.n.Lanes[lane].Out {
		to := s.n.Links[lk].To
		if s.n.Lanes[to].Edge != route[hop+1] || !allows(s.n.Lanes[to].Allow, class) {
			continue
		}
		score := s.continuation(to, route, hop+1, 3, class)
		if score > bestScore {
			best, bestScore = lk, score
		}
	}
	return best
}

// continuation counts how many further edges of route can be reached from
// lane (on route[hop]) without changing lanes, up to depth.
func (s *Sim) continuation(lane int32, route []int32, hop, depth int, class sumo.Classes) int {
	if depth == 0 || hop+1 >= len(route) {
		return 0
	}
	best := -1
	for _, lk := range s.n.Lanes[lane].Out {
		to := s.n.Links[lk].To
		if s.n.Lanes[to].Edge == route[hop+1] && allows(s.n.Lanes[to].Allow, class) {
			best = max(best, s.continuation(to, route, hop+1, depth-1, class))
		}
	}
	return best + 1
}

// stopState reports link states that stop vehicles (red, red-yellow,
// yellow).
func stopState(st byte) bool { return st == 'r' || st == 'u' || st == 'y' || st == 'Y' || st == 'R' }

// minorState reports link states that must yield to foes.
func minorState(st byte) bool {
	switch st {
	case 'g', 'm', '=', 's', 'w', 'o', 'Z':
		return true
	}
	return false
}

// mergeLeaders lowers vPos of v, seen metres before link lk, for vehicles
// still inside the junction on foe links that merge into the same lane:
// one nearer the merge than v is will be its leader there (SUMO follows
// such junction leaders on every link, priority or not). O(foes).
func (s *Sim) mergeLeaders(v, lk int32, seen, vPos float64) float64 {
	f := &s.f
	ty := &s.types[f.typ[v]]
	link := &s.n.Links[lk]
	mine := seen + s.n.Lanes[link.Via].Length // to the start of the target lane
	for _, fo := range link.Foes {
		fl := &s.n.Links[fo]
		if fl.To != link.To || fl.Via < 0 {
			continue
		}
		via := s.n.Lanes[fl.Via].Length
		for _, w := range s.lanes[fl.Via] {
			left := via - f.pos[w] // w's distance to the target lane
			if left >= mine {
				continue
			}
			wt := &s.types[f.typ[w]]
			gap := mine - left - wt.length - ty.minGap
			vPos = min(vPos, ty.followSpeed(f.speed[v], gap, f.speed[w], wt.decel))
		}
	}
	return vPos
}

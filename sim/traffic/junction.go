package traffic

import "math"

// Right of way at junctions, after SUMO's MSLink: every vehicle about to
// cross a link registers when its front will reach the junction and when
// its back will have left it; a vehicle on a minor link (state g, m, =, s,
// w, o) enters only if no vehicle on a link it must yield to (Link.Yield,
// from the junction's request table) will be in the junction while it is
// there or within one second after it has left (SUMO's default lookahead,
// 1 s), a foe merging into the same lane has left at least one second
// before it arrives, and no vehicle is still crossing on a foe link that
// crosses its path (MSLink::blockedByFoe). Foes waiting at red do not
// count. Vehicles also wait before a junction whose exit lane has no room
// for them behind a stopped queue (SUMO's junction blocking rule).

// approach is the registration of the first vehicle of a lane at the link
// it is heading for.
type approach struct {
	step          int64
	vehicle       int32
	arrive, leave float64 // s
}

// foeLookahead is SUMO's MSLink lookahead time (s).
const foeLookahead = 1.0

// approach registers v (its front seen metres before the link) at link lk.
func (s *Sim) approach(v, lk int32, seen float64) {
	f := &s.f
	ty := &s.types[f.typ[v]]
	link := &s.n.Links[lk]
	speed := f.speed[v]
	vmax := ty.maxSpeed
	cross := ty.length
	if link.Via >= 0 {
		vmax = min(vmax, s.n.Lanes[link.Via].Speed*f.sf[v])
		cross += s.n.Lanes[link.Via].Length
	}
	arrive := s.t + travelTime(max(seen, 0), speed, ty.accel, max(vmax, speed))
	vArr := min(math.Sqrt(speed*speed+2*ty.accel*max(seen, 0)), max(vmax, speed))
	leave := arrive + travelTime(cross, vArr, ty.accel, max(vmax, vArr))
	s.appr[lk] = approach{step: s.steps, vehicle: v, arrive: arrive, leave: leave}
}

// travelTime is the time to cover d (m) from speed v0 accelerating by a up
// to vmax (s).
func travelTime(d, v0, a, vmax float64) float64 {
	if d <= 0 {
		return 0
	}
	if vmax <= 0 {
		return math.Inf(1)
	}
	if v0 >= vmax || a <= 0 {
		return d / max(v0, 0.1)
	}
	tAcc := (vmax - v0) / a
	dAcc := (v0 + vmax) / 2 * tAcc
	if dAcc >= d {
		return (math.Sqrt(v0*v0+2*a*d) - v0) / a
	}
	return tAcc + (d-dAcc)/vmax
}

// blockedAhead reports whether the exit lane of link has no room for v
// behind a vehicle standing near its start.
func (s *Sim) blockedAhead(v int32, link *Link) bool {
	vs := s.lanes[link.To]
	if len(vs) == 0 {
		return false
	}
	lv := vs[len(vs)-1]
	ty := &s.types[s.f.typ[v]]
	room := s.f.pos[lv] - s.types[s.f.typ[lv]].length - ty.minGap
	return room < ty.length && s.f.speed[lv] < 1
}

// yieldLanes resolves right of way for the first vehicle of each lane that
// approaches a minor link, replacing its speed by the stopping one when a
// foe has priority. It reads the approach records of every link and writes
// only the lanes' own first vehicles.
func (s *Sim) yieldLanes(lanes []int32) {
	for _, l := range lanes {
		a := s.alt[l]
		if a.link < 0 {
			continue
		}
		if s.linkBlocked(a.link) {
			s.f.next[s.lanes[l][0]] = a.speed
		}
	}
}

// linkBlocked reports whether a foe with priority keeps the vehicle
// registered at minor link lk out of the junction.
func (s *Sim) linkBlocked(lk int32) bool {
	me := &s.appr[lk]
	to := s.n.Links[lk].To
	for _, fo := range s.n.Links[lk].Yield {
		if stopState(s.linkState[fo]) {
			continue
		}
		fl := &s.n.Links[fo]
		merge := fl.To == to
		if !merge && fl.Via >= 0 && len(s.lanes[fl.Via]) > 0 {
			return true
		}
		a := &s.appr[fo]
		if a.step != s.steps {
			continue
		}
		// MSLink::blockedByFoe: the ego may follow a foe that has left
		// before it arrives (by foeLookahead when both merge into one
		// lane) or lead one arriving foeLookahead after it has left.
		switch {
		case a.leave < me.arrive:
			if merge && me.arrive-a.leave < foeLookahead {
				return true
			}
		case a.arrive > me.leave+foeLookahead:
		default:
			return true
		}
	}
	return false
}

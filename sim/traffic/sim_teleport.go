package traffic

// teleportAfter is SUMO's --time-to-teleport default (s): a vehicle that
// has stood at the front of its lane this long is moved on.
const teleportAfter = 300

// teleport resolves gridlock as SUMO does: the first vehicle of a lane
// that has not moved for teleportAfter seconds leaves the lane and
// reappears at the start of the next edge of its route with room for it
// (speed 0, on a lane that leads on), or arrives when none is left. Lanes
// are scanned in index order; a vehicle with nowhere to go keeps waiting
// and is tried again next step.
func (s *Sim) teleport() {
	f := &s.f
	for l := range s.lanes {
		vs := s.lanes[l]
		if len(vs) == 0 || f.still[vs[0]] < teleportAfter {
			continue
		}
		v := vs[0]
		route := s.trips[f.trip[v]].Route
		hop := int(f.hop[v])
		if s.n.Lanes[l].Edge < 0 {
			hop-- // on an internal lane: the next edge is route[hop+1]
		}
		for h := hop + 1; h <= len(route); h++ {
			if h == len(route) {
				s.lanes[l] = vs[1:]
				s.arrive(v, int32(l))
				s.teleports++
				break
			}
			if s.placeAt(v, route, h) {
				s.lanes[l] = append(vs[:0], vs[1:]...)
				s.teleports++
				break
			}
		}
	}
}

// placeAt puts v at the start of route[h] on the lane leading furthest
// along the route, if the lane's last vehicle leaves room.
func (s *Sim) placeAt(v int32, route []int32, h int) bool {
	f := &s.f
	ty := &s.types[f.typ[v]]
	best, bestScore := int32(-1), -1
	for _, li := range s.n.Edges[route[h]].Lanes {
		if !allows(s.n.Lanes[li].Allow, ty.class) {
			continue
		}
		if vs := s.lanes[li]; len(vs) > 0 {
			lv := vs[len(vs)-1]
			if f.pos[lv]-s.types[f.typ[lv]].length-ty.minGap < ty.length+positionEps {
				continue
			}
		}
		if sc := s.continuation(li, route, h, 3, ty.class); sc > bestScore {
			best, bestScore = li, sc
		}
	}
	if best < 0 {
		return false
	}
	f.pos[v], f.speed[v], f.next[v] = ty.length+positionEps, 0, 0
	f.lane[v], f.hop[v], f.link[v] = best, int32(h), -1
	f.aheadLane[v], f.aheadLink[v], f.still[v] = -1, -1, 0
	s.lanes[best] = append(s.lanes[best], v)
	s.stats.enter(route[h])
	return true
}

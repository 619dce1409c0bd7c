package traffic

import (
	"cmp"
	"slices"
)

// moveLanes applies the planned speeds (Euler: x += v·1 s) on the given
// lanes and accumulates each trip's waiting time, stops and time loss
// (SUMO's tripinfo definitions) and the lanes' speed samples.
func (s *Sim) moveLanes(lanes []int32) {
	f := &s.f
	for _, l := range lanes {
		sum := 0.0
		for _, v := range s.lanes[l] {
			vmax := s.vehicleMax(v, l)
			nv := f.next[v]
			f.speed[v] = nv
			f.pos[v] += nv
			r := &s.rec[f.trip[v]]
			r.routeLength += nv
			if s.atStop(v, l) {
				r.stopTime++
				f.waiting[v], f.still[v] = false, 0
				sum += nv
				continue
			}
			if vmax > 0 {
				r.timeLoss += (vmax - nv) / vmax
			}
			if nv < haltingSpeed {
				r.waitingTime++
				if !f.waiting[v] {
					r.waitingCount++
				}
				f.waiting[v] = true
				f.still[v]++
			} else {
				f.waiting[v], f.still[v] = false, 0
			}
			sum += nv
		}
		s.stats.laneSpeed[l] += sum
		s.stats.laneSamples[l] += int64(len(s.lanes[l]))
	}
}

// transfer moves the vehicles that passed the end of their lane onto the
// lanes after it (lane by lane in index order, so the result does not
// depend on the workers), removes arrived vehicles and merges the
// newcomers into their lanes by position.
func (s *Sim) transfer() {
	f := &s.f
	for _, l := range s.active {
		vs := s.lanes[l]
		k := 0
		for k < len(vs) && f.pos[vs[k]] >= s.n.Lanes[l].Length-s.arrivalEps(vs[k], l) {
			k++
		}
		if k == 0 {
			continue
		}
		for _, v := range vs[:k] {
			s.cross(v)
		}
		s.lanes[l] = append(vs[:0], vs[k:]...)
	}
	for _, l := range s.touched {
		in := s.incoming[l]
		slices.SortStableFunc(in, func(a, b int32) int {
			if c := cmp.Compare(f.pos[b], f.pos[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		vs := append(s.lanes[l], in...)
		if !slices.IsSortedFunc(vs, func(a, b int32) int { return cmp.Compare(f.pos[b], f.pos[a]) }) {
			slices.SortStableFunc(vs, func(a, b int32) int { return cmp.Compare(f.pos[b], f.pos[a]) })
		}
		s.lanes[l] = vs
		s.incoming[l] = in[:0]
	}
	s.touched = s.touched[:0]
}

// arrivalEps is how far before the end of lane l vehicle v counts as past
// it: on the route's last lane, the distance from its arrival position
// plus SUMO's POSITION_EPS; elsewhere 0.
func (s *Sim) arrivalEps(v, l int32) float64 {
	if s.n.Lanes[l].Edge < 0 || int(s.f.hop[v]) != len(s.trips[s.f.trip[v]].Route)-1 {
		return 0
	}
	length := s.n.Lanes[l].Length
	return length - s.arrivalPos(s.trips[s.f.trip[v]].ArrivalPos, length) + positionEps
}

// arrivalPos resolves a trip's ArrivalPos on a last lane of the given
// length (m).
func (s *Sim) arrivalPos(p, length float64) float64 {
	switch {
	case p == 0:
		return length
	case p < 0:
		return max(length+p, 0)
	}
	return min(p, length)
}

// cross carries v over lane ends until it lies on a lane or arrives.
func (s *Sim) cross(v int32) {
	f := &s.f
	l := f.lane[v]
	for {
		ln := &s.n.Lanes[l]
		if f.pos[v] < ln.Length-s.arrivalEps(v, l) {
			break
		}
		lk := s.nextLink(v, l)
		if lk == noLink {
			s.arrive(v, l)
			return
		}
		if lk == wrongLane {
			f.pos[v] = ln.Length - positionEps // cannot go on: wait at the end
			f.speed[v] = 0
			break
		}
		link := &s.n.Links[lk]
		f.pos[v] -= ln.Length
		if ln.Edge >= 0 && link.Via >= 0 {
			l = link.Via
		} else {
			l = link.To
			f.hop[v]++
			f.link[v] = -1
			s.stats.enter(s.n.Lanes[l].Edge)
		}
		f.lane[v] = l
		if ln.Edge >= 0 && link.Via >= 0 {
			f.link[v] = lk
		}
	}
	if len(s.incoming[l]) == 0 {
		s.touched = append(s.touched, l)
	}
	s.incoming[l] = append(s.incoming[l], v)
}

// arrive removes v at the end of its route on lane l.
func (s *Sim) arrive(v, l int32) {
	f := &s.f
	ti := f.trip[v]
	r := &s.rec[ti]
	r.state = 2
	r.arrival = s.t
	r.arrivalLane = l
	r.arrivalPos = s.arrivalPos(s.trips[ti].ArrivalPos, s.n.Lanes[l].Length)
	r.arrivalSpeed = f.speed[v]
	s.arrived = append(s.arrived, ti)
	s.running--
	f.lane[v] = -1
	f.trip[v] = -1
	f.free = append(f.free, v)
}

package traffic

// Scheduled stops (SUMO's <stop> at a bus stop or lane position): a
// vehicle brakes to halt with its front at the stop's position, stays for
// the stop's duration, then drives on. A stop it cannot make (it passed
// the position) is skipped. Time at a stop counts as stop time, not as
// waiting time, a halt or time loss, as in SUMO's tripinfo.

// stopReach is how close to the stop position (m) a halted vehicle counts
// as at the stop.
const stopReach = 1.0

// stopBound lowers vPos of vehicle v on lane l for its next scheduled
// stop: 0 while it dwells, the stopping speed on the stop's edge.
func (s *Sim) stopBound(v, l int32, vPos float64) float64 {
	f := &s.f
	stops := s.trips[f.trip[v]].Stops
	k := int(f.stopIdx[v])
	if k >= len(stops) {
		return vPos
	}
	if f.dwell[v] > 0 {
		return 0
	}
	st := &stops[k]
	if s.n.Lanes[l].Edge < 0 || int(f.hop[v]) != st.Hop {
		return vPos
	}
	if d := st.Pos - f.pos[v]; d >= -stopReach {
		return min(vPos, s.types[f.typ[v]].stopSpeed(f.speed[v], max(d, 0)))
	}
	return vPos
}

// atStop advances v's stop state after its move on lane l and reports
// whether it spent the step at a scheduled stop.
func (s *Sim) atStop(v, l int32) bool {
	f := &s.f
	stops := s.trips[f.trip[v]].Stops
	k := int(f.stopIdx[v])
	if k >= len(stops) {
		return false
	}
	if f.dwell[v] > 0 {
		f.dwell[v]--
		if f.dwell[v] <= 0 {
			f.stopIdx[v]++
		}
		return true
	}
	st := &stops[k]
	hop := int(f.hop[v])
	switch {
	case hop > st.Hop || hop == st.Hop && s.n.Lanes[l].Edge >= 0 && f.pos[v] > st.Pos+stopReach:
		f.stopIdx[v]++ // missed
	case hop == st.Hop && s.n.Lanes[l].Edge >= 0 && f.speed[v] < haltingSpeed && f.pos[v] >= st.Pos-stopReach:
		if st.Duration > 0 {
			// the step of arrival is the stop's first second
			if f.dwell[v] = st.Duration - 1; f.dwell[v] <= 0 {
				f.stopIdx[v]++
			}
			return true
		}
		f.stopIdx[v]++
	}
	return false
}

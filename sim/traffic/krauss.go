package traffic

import "math"

// The car-following kernel: SUMO's Krauss model (MSCFModel_Krauss with the
// MSCFModel helpers it calls) for the semi-implicit Euler update with a
// step of 1 s. The textbook Krauss safe speed is
//
//	vsafe = −τb + sqrt((τb)² + vₗ² + 2b·gap)
//
// SUMO discretises it: the follower must be able to stop within the gap
// plus the leader's own discrete braking distance, braking by b per step,
// which is what maximumSafeStopSpeed solves exactly. These functions are
// pure and allocation-free; all speeds are m/s, distances m, decelerations
// m/s², times s.

const (
	// numericalEps is SUMO's NUMERICAL_EPS (m, m/s).
	numericalEps = 0.001
	// positionEps is SUMO's POSITION_EPS (m).
	positionEps = 0.1
	// haltingSpeed is SUMO_const_haltingSpeed: at or below it (m/s) a
	// vehicle counts as waiting.
	haltingSpeed = 0.1
	// stoplineGap is DIST_TO_STOPLINE_EXPECT_PRIORITY: where vehicles wait
	// before a red light (m).
	stoplineGap = 1.0
	// yellowMinDecel is SUMO's --tls.yellow.min-decel default (m/s²).
	yellowMinDecel = 3.0
)

// brakeGap is the distance covered while braking from speed v by decel
// every 1 s step until stopped, plus v·headway (MSCFModel::brakeGapEuler).
// O(1).
func brakeGap(v, decel, headway float64) float64 {
	if v <= 0 {
		return 0
	}
	steps := math.Floor(v / decel)
	return steps*v - decel*steps*(steps+1)/2 + v*headway
}

// safeStopSpeed is the highest speed from which the vehicle can still stop
// within gap braking by decel each step, with reaction time headway
// (MSCFModel::maximumSafeStopSpeedEuler, step 1 s). O(1).
func safeStopSpeed(gap, decel, headway float64) float64 {
	g := gap - numericalEps
	if g < 0 {
		return 0
	}
	b, t := decel, headway
	n := math.Floor(0.5 - (t-0.5*math.Sqrt(1+4*((2*g/b-t)+t*t)))/1)
	h := 0.5*n*(n-1)*b + n*b*t
	r := (g - h) / (n + t)
	x := n*b + r
	if x < 0 {
		return 0
	}
	return x
}

// followSpeed is Krauss's safe speed behind a leader at distance gap (front
// to back, minus minGap) driving at vLeader and able to brake by
// leaderDecel (MSCFModel_Krauss::followSpeed, Euler). O(1).
func (t *vtype) followSpeed(v, gap, vLeader, leaderDecel float64) float64 {
	var vs float64
	if gap >= 0 {
		vs = safeStopSpeed(gap+brakeGap(vLeader, max(t.decel, leaderDecel), 0), t.decel, t.tau)
	} else {
		vs = max(v-t.emergencyDecel, 0)
	}
	return min(vs, t.maxNextSpeed(v))
}

// stopSpeed is the speed that lets the vehicle stop within gap
// (MSCFModel_Krauss::stopSpeed). O(1).
func (t *vtype) stopSpeed(v, gap float64) float64 {
	return min(safeStopSpeed(gap, t.decel, 1), t.maxNextSpeed(v))
}

// maxNextSpeed is the speed reachable in one step.
func (t *vtype) maxNextSpeed(v float64) float64 { return min(v+t.accel, t.maxSpeed) }

// freeSpeed is the highest speed that still lets the vehicle slow down to
// target by the time it has covered dist (MSCFModel::freeSpeed, Euler).
// O(1).
func freeSpeed(decel, dist, target float64) float64 {
	if dist < target {
		return target
	}
	b := decel
	y := max(0, (math.Sqrt((b+2*target)*(b+2*target)+8*b*dist)-b)*0.5-target) / b
	yFull := math.Floor(y)
	exact := (yFull*yFull+yFull)*0.5*b + yFull*target
	if y > yFull {
		exact += target
	}
	return max(0, dist-exact)/(yFull+1) + yFull*decel + target
}

// finalizeSpeed turns the safe upper bound vPos into the next speed: the
// acceleration and deceleration bounds, emergency braking when vPos
// demands it, and dawdling by sigma·accel·u with u uniform in [0, 1), or
// by sigma·v·u below accel so that starting vehicles still start
// (MSCFModel::finalizeSpeed with Krauss's dawdle2). O(1).
func (t *vtype) finalizeSpeed(v, vPos, u float64) float64 {
	vMinEmergency := max(v-t.emergencyDecel, 0)
	vMin := min(max(v-t.decel, 0), max(vPos, vMinEmergency))
	vMax := min(vPos, t.maxNextSpeed(v))
	vd := vMax
	if t.sigma > 0 {
		if vMax < t.accel {
			// starting vehicles are not held back by dawdling
			vd = max(0, vMax-t.sigma*vMax*u)
		} else {
			vd = max(0, vMax-t.sigma*t.accel*u)
		}
	}
	return max(vMin, vd)
}

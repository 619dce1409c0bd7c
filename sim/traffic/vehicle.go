package traffic

import (
	"math/rand/v2"

	"twin/geo/sumo"
)

// vtype is a vehicle type's car-following parameters (SI units).
type vtype struct {
	id                           string
	class                        sumo.Classes
	accel, decel, emergencyDecel float64
	sigma, tau, length, minGap   float64
	maxSpeed                     float64
	speedFactor                  sumo.Dist
}

func newVType(t *sumo.VType) vtype {
	return vtype{id: t.ID, class: t.Class, accel: t.Accel, decel: t.Decel, emergencyDecel: max(t.EmergencyDecel, t.Decel),
		sigma: t.Sigma, tau: t.Tau, length: t.Length, minGap: t.MinGap, maxSpeed: t.MaxSpeed, speedFactor: t.SpeedFactor}
}

// drawSpeedFactor draws a vehicle's speed factor from the type's truncated
// normal distribution, as SUMO does (resampling outside [Min, Max]).
func drawSpeedFactor(d sumo.Dist, rng *rand.Rand) float64 {
	if d.Dev <= 0 {
		return d.Mean
	}
	for range 100 {
		x := d.Mean + d.Dev*rng.NormFloat64()
		if x >= d.Min && x <= d.Max {
			return x
		}
	}
	return min(max(d.Mean, d.Min), d.Max)
}

// fleet holds every inserted vehicle's state as parallel slices (struct of
// arrays) indexed by vehicle slot. Slots of arrived vehicles are reused.
type fleet struct {
	pos, speed, next []float64 // front position on lane (m), speed now and planned (m/s)
	lane             []int32   // current lane
	link             []int32   // link being approached or crossed, -1 when none chosen
	aheadLane        []int32   // the lane after the next junction that aheadLink was chosen on
	aheadLink        []int32   // the link chosen at the end of aheadLane
	wantFor          []int32   // the lane want was computed on
	want             []int32   // neighbour lane leading further along the route, or -1
	hop              []int32   // index into the route of the current (or last left) edge
	trip             []int32   // index of the trip (Sim.trips)
	typ              []int32   // vehicle type (Sim.types)
	sf               []float64 // speed factor
	rng              []uint64  // per-vehicle random stream state (splitmix64)
	waiting          []bool    // below haltingSpeed at the end of the last step
	still            []float64 // time since the vehicle last moved faster than haltingSpeed (s)
	stopIdx          []int32   // next scheduled stop (index into Trip.Stops)
	dwell            []float64 // time left at the current stop (s), 0 when not at one
	free             []int32
}

// add returns a free slot for a new vehicle.
func (f *fleet) add() int32 {
	if n := len(f.free); n > 0 {
		v := f.free[n-1]
		f.free = f.free[:n-1]
		return v
	}
	f.pos = append(f.pos, 0)
	f.speed = append(f.speed, 0)
	f.next = append(f.next, 0)
	f.lane = append(f.lane, -1)
	f.link = append(f.link, -1)
	f.aheadLane = append(f.aheadLane, -1)
	f.aheadLink = append(f.aheadLink, -1)
	f.wantFor = append(f.wantFor, -1)
	f.want = append(f.want, -1)
	f.hop = append(f.hop, 0)
	f.trip = append(f.trip, -1)
	f.typ = append(f.typ, 0)
	f.sf = append(f.sf, 1)
	f.rng = append(f.rng, 0)
	f.waiting = append(f.waiting, false)
	f.still = append(f.still, 0)
	f.stopIdx = append(f.stopIdx, 0)
	f.dwell = append(f.dwell, 0)
	return int32(len(f.pos) - 1)
}

// uniform draws the vehicle's next number in [0, 1) from its own stream,
// so results do not depend on the order lanes are processed in.
func (f *fleet) uniform(v int32) float64 {
	f.rng[v] += 0x9e3779b97f4a7c15
	z := f.rng[v]
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

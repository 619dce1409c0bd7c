package traffic

import (
	"twin/geo/sumo"
)

// Summary is the outcome of a run so far. Means are over arrived vehicles,
// with SUMO's tripinfo definitions (see [sumo.TripInfo]).
type Summary struct {
	// VehicleSteps counts vehicle updates: the vehicles on the network,
	// summed over steps.
	VehicleSteps int64 `json:"vehicle_steps"`
	// Inserted, Arrived and Running count vehicles; Waiting those whose
	// departure time has passed but that could not yet be inserted.
	Inserted int `json:"inserted"`
	Arrived  int `json:"arrived"`
	Running  int `json:"running"`
	Waiting  int `json:"waiting"`
	// Teleports counts vehicles moved on after standing 300 s at the
	// front of a lane (SUMO's gridlock resolution).
	Teleports int `json:"teleports"`
	// Mean duration (arrival − insertion), waiting time, number of stops
	// (waitingCount), time loss and departure delay of arrived vehicles
	// (s, stops dimensionless).
	MeanTravelTime  float64 `json:"mean_travel_time_s"`
	MeanWaitingTime float64 `json:"mean_waiting_time_s"`
	MeanStops       float64 `json:"mean_stops"`
	MeanTimeLoss    float64 `json:"mean_time_loss_s"`
	MeanDepartDelay float64 `json:"mean_depart_delay_s"`
}

// Summary returns the run's summary. O(arrived).
func (s *Sim) Summary() Summary {
	sm := Summary{VehicleSteps: s.vehicleSteps, Arrived: len(s.arrived), Running: s.running, Teleports: s.teleports}
	sm.Inserted = sm.Arrived + sm.Running
	sm.Waiting = s.nextTrip - sm.Inserted
	for _, ti := range s.arrived {
		r := &s.rec[ti]
		sm.MeanTravelTime += r.arrival - r.depart
		sm.MeanWaitingTime += r.waitingTime
		sm.MeanStops += float64(r.waitingCount)
		sm.MeanTimeLoss += r.timeLoss
		sm.MeanDepartDelay += r.depart - s.trips[ti].Depart
	}
	if n := float64(sm.Arrived); n > 0 {
		sm.MeanTravelTime /= n
		sm.MeanWaitingTime /= n
		sm.MeanStops /= n
		sm.MeanTimeLoss /= n
		sm.MeanDepartDelay /= n
	}
	return sm
}

// TripInfos returns a SUMO tripinfo record per arrived vehicle, in arrival
// order (for sumo.EncodeTripInfos). O(arrived).
func (s *Sim) TripInfos() []sumo.TripInfo {
	out := make([]sumo.TripInfo, 0, len(s.arrived))
	for _, ti := range s.arrived {
		r := &s.rec[ti]
		tr := &s.trips[ti]
		out = append(out, sumo.TripInfo{
			ID: tr.ID, Depart: r.depart, DepartLane: s.n.Lanes[r.departLane].ID, DepartPos: r.departPos,
			DepartSpeed: r.departSpeed, DepartDelay: r.depart - tr.Depart,
			Arrival: r.arrival, ArrivalLane: s.n.Lanes[r.arrivalLane].ID, ArrivalPos: r.arrivalPos,
			ArrivalSpeed: r.arrivalSpeed, Duration: r.arrival - r.depart, RouteLength: r.routeLength,
			WaitingTime: r.waitingTime, WaitingCount: int(r.waitingCount), TimeLoss: r.timeLoss, StopTime: r.stopTime,
			VType: s.types[tr.Type].id, SpeedFactor: tr.SpeedFactor,
		})
	}
	return out
}

// EdgeInterval is the traffic on one edge during one statistics interval.
type EdgeInterval struct {
	Edge  string  `json:"edge"`
	Begin float64 `json:"begin_s"`
	End   float64 `json:"end_s"`
	// Entered counts vehicles entering the edge (inserted or arriving from
	// a junction); Flow is Entered per hour (veh/h).
	Entered int     `json:"entered"`
	Flow    float64 `json:"flow_veh_h"`
	// VehicleSteps counts vehicle updates on the edge's lanes; MeanSpeed
	// is their mean speed (m/s).
	VehicleSteps int64   `json:"vehicle_steps"`
	MeanSpeed    float64 `json:"mean_speed_m_s"`
}

// edgeStats accumulates per-edge flow and speed over intervals.
type edgeStats struct {
	n               *Network
	start, interval float64
	entered         []int64
	laneSpeed       []float64
	laneSamples     []int64
	out             []EdgeInterval
}

func (e *edgeStats) init(n *Network, begin, interval float64) {
	e.n, e.start, e.interval = n, begin, interval
	e.entered = make([]int64, len(n.Edges))
	e.laneSpeed = make([]float64, len(n.Lanes))
	e.laneSamples = make([]int64, len(n.Lanes))
}

func (e *edgeStats) enter(edge int32) {
	if edge >= 0 {
		e.entered[edge]++
	}
}

// roll closes the interval when t reaches its end (or, with force, at t).
func (e *edgeStats) roll(t float64, force bool) {
	if t < e.start+e.interval && !(force && t > e.start) {
		return
	}
	for ei := range e.n.Edges {
		ed := &e.n.Edges[ei]
		var sum float64
		var n int64
		for _, li := range ed.Lanes {
			sum += e.laneSpeed[li]
			n += e.laneSamples[li]
			e.laneSpeed[li], e.laneSamples[li] = 0, 0
		}
		if n == 0 && e.entered[ei] == 0 {
			continue
		}
		iv := EdgeInterval{Edge: ed.ID, Begin: e.start, End: t, Entered: int(e.entered[ei]), VehicleSteps: n}
		iv.Flow = float64(iv.Entered) * 3600 / (t - e.start)
		if n > 0 {
			iv.MeanSpeed = sum / float64(n)
		}
		e.out = append(e.out, iv)
		e.entered[ei] = 0
	}
	e.start = t
}

// EdgeIntervals returns the per-edge statistics of every interval closed
// so far, closing the current one at the current time first. O(edges ×
// intervals).
func (s *Sim) EdgeIntervals() []EdgeInterval {
	s.stats.roll(s.t, true)
	return s.stats.out
}

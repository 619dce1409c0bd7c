package sumo

// Demand is the content of SUMO route and additional files: vehicle types
// and their distributions, named routes and route distributions, vehicles,
// trips and flows, and the additional elements twin models (traffic-light
// programs, bus stops). Several files decode into one Demand with
// [Demand.Merge]. Slices keep the file's order.
type Demand struct {
	VTypes     []VType
	VTypeDists []VTypeDist
	Routes     []Route
	RouteDists []RouteDist
	// Vehicles holds <vehicle> and <trip> elements (Trip tells them apart),
	// Flows the <flow> elements.
	Vehicles []Vehicle
	Flows    []Flow
	TLLogics []TLLogic
	BusStops []BusStop
	// Ignored counts the elements the decoder does not model, by name.
	Ignored map[string]int
}

// Merge appends the content of o to d.
func (d *Demand) Merge(o *Demand) {
	d.VTypes = append(d.VTypes, o.VTypes...)
	d.VTypeDists = append(d.VTypeDists, o.VTypeDists...)
	d.Routes = append(d.Routes, o.Routes...)
	d.RouteDists = append(d.RouteDists, o.RouteDists...)
	d.Vehicles = append(d.Vehicles, o.Vehicles...)
	d.Flows = append(d.Flows, o.Flows...)
	d.TLLogics = append(d.TLLogics, o.TLLogics...)
	d.BusStops = append(d.BusStops, o.BusStops...)
	if d.Ignored == nil {
		d.Ignored = map[string]int{}
	}
	for k, v := range o.Ignored {
		d.Ignored[k] += v
	}
}

// VType is a vehicle type. Attributes absent from the file hold SUMO's
// default for the type's vClass (passenger when none is given): for a
// passenger car accel 2.6 m/s², decel 4.5 m/s², emergencyDecel 9 m/s²,
// sigma 0.5, tau 1 s, length 5 m, minGap 2.5 m, maxSpeed 55.56 m/s,
// speedFactor normc(1, 0.1, 0.2, 2); buses, trucks and other classes take
// SUMO's own values for their class (accel, decel, emergencyDecel, length,
// maxSpeed, speedDev).
type VType struct {
	ID     string
	VClass string
	// Class is VClass as a set of one class.
	Class Classes
	// Accel, Decel and EmergencyDecel are m/s²; Sigma (driver imperfection,
	// 0…1) is dimensionless; Tau (desired time headway) is s.
	Accel, Decel, EmergencyDecel, Sigma, Tau float64
	// Length and MinGap (the standstill gap to the leader) are m, MaxSpeed
	// m/s.
	Length, MinGap, MaxSpeed float64
	// SpeedFactor is the distribution of the vehicle's multiplier of the
	// lane speed limit.
	SpeedFactor Dist
	// CarFollowModel is the model name ("Krauss" when absent).
	CarFollowModel string
	// Probability weighs the type inside a distribution (default 1).
	Probability float64
	Line        int
}

// Dist is a normal distribution truncated to [Min, Max]; Dev 0 gives Mean.
type Dist struct{ Mean, Dev, Min, Max float64 }

// VTypeDist is a <vTypeDistribution>: a vehicle whose type is the
// distribution's ID draws one of Types with weight Probs.
type VTypeDist struct {
	ID    string
	Types []string
	Probs []float64
	Line  int
}

// Route is a named route: a sequence of edges.
type Route struct {
	ID    string
	Edges []string
	Stops []Stop
	// Probability weighs the route inside a distribution (default 1).
	Probability float64
	Line        int
}

// RouteDist is a <routeDistribution> of named routes with weights.
type RouteDist struct {
	ID     string
	Routes []string
	Probs  []float64
	Line   int
}

// Insertion holds the departure and arrival attributes shared by vehicles,
// trips and flows, as strings because SUMO allows keywords: DepartLane
// ("first" when absent, "best", "free", "random", "allowed" or an index),
// DepartPos ("base", "free", "random", "last" or metres), DepartSpeed ("0",
// "max", "desired", "speedLimit", "random", "avg" or m/s), ArrivalLane
// ("current" or an index), ArrivalPos ("max" or metres; negative counts from
// the lane's end) and ArrivalSpeed ("current" or m/s). The decoder checks
// each is a keyword or a number.
type Insertion struct {
	DepartLane, DepartPos, DepartSpeed    string
	ArrivalLane, ArrivalPos, ArrivalSpeed string
}

// Vehicle is a <vehicle> with a route (Route names one, or Edges hold an
// inline route) or, when Trip is true, a <trip> from edge From to edge To
// through Via, to be routed.
type Vehicle struct {
	ID   string
	Type string
	// Depart is the departure time (s).
	Depart float64
	Insertion
	Route    string
	Edges    []string
	Trip     bool
	From, To string
	Via      []string
	Stops    []Stop
	Line     int
}

// Flow is a <flow>: vehicles of one type and route (or from/to, to be
// routed) departing between Begin and End (s). Exactly one of Period (s),
// VehsPerHour, Probability (a chance per second) or Number (spread evenly
// over [Begin, End)) is set (> 0); Number may also accompany Period or
// VehsPerHour, capping the count.
type Flow struct {
	ID          string
	Type        string
	Begin, End  float64
	Period      float64
	VehsPerHour float64
	Probability float64
	Number      int
	Insertion
	Route    string
	Edges    []string
	From, To string
	Via      []string
	Stops    []Stop
	Line     int
}

// Stop is a scheduled stop of a vehicle: at a bus stop, or on a lane
// between StartPos and EndPos (m), for Duration seconds (or Until a time,
// when Until ≥ 0).
type Stop struct {
	BusStop          string
	Lane             string
	StartPos, EndPos float64
	Duration         float64
	Until            float64
	Line             int
}

// BusStop is a <busStop> on a lane between StartPos and EndPos (m).
type BusStop struct {
	ID               string
	Lane             string
	StartPos, EndPos float64
	Line             int
}

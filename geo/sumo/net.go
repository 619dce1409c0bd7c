package sumo

// Point is a network position in metres (x east, y north, after the
// network's netOffset).
type Point struct{ X, Y float64 }

// Net is a decoded SUMO network (.net.xml): its edges with their lanes
// (internal edges inside junctions included), junctions with their
// right-of-way requests, connections between lanes, and the traffic-light
// programs built in. Slices keep the file's order.
type Net struct {
	// Version is the net's version attribute ("1.9", "0.13", …).
	Version     string
	Location    Location
	Edges       []Edge
	Junctions   []Junction
	Connections []Connection
	TLLogics    []TLLogic
	Roundabouts []Roundabout
	// Ignored counts the elements the decoder does not model, by name.
	Ignored map[string]int
}

// Location is the net's <location>: how its coordinates were projected.
type Location struct {
	// NetOffset was added to the projected coordinates (metres).
	NetOffset Point
	// ConvBoundary is the network's bounding box after conversion
	// (xmin, ymin, xmax, ymax) and OrigBoundary the one before it, in the
	// original (often lon/lat) coordinates.
	ConvBoundary, OrigBoundary [4]float64
	// ProjParameter is the PROJ definition used, "!" for none.
	ProjParameter string
}

// Edge is a road between two junctions, or an internal edge inside a
// junction (Function "internal"), with its lanes.
type Edge struct {
	ID string
	// From and To are junction IDs (empty for internal edges).
	From, To string
	// Function is "" for normal edges, else "internal", "connector",
	// "crossing" or "walkingarea".
	Function string
	Type     string
	Name     string
	Priority int
	// Lanes are ordered by index, 0 being the rightmost.
	Lanes []Lane
	Shape []Point
	Line  int
}

// Internal reports whether the edge lies inside a junction.
func (e *Edge) Internal() bool { return e.Function == "internal" }

// Lane is one lane of an edge.
type Lane struct {
	ID    string
	Index int
	// Speed is the speed limit (m/s), Length the length along the lane (m),
	// Width its width (m; 3.2 when the file gives none).
	Speed, Length, Width float64
	// Allow holds the vehicle classes that may use the lane: the allow list
	// when given, else every class but those in disallow.
	Allow Classes
	Shape []Point
	Line  int
}

// Junction is a node of the network with its right-of-way logic.
type Junction struct {
	ID string
	// Type is SUMO's junction type: "priority", "traffic_light",
	// "right_before_left", "allway_stop", "unregulated", "dead_end",
	// "internal", "zipper", "priority_stop", "traffic_light_unregulated", …
	Type string
	X, Y float64
	// IncLanes are the lanes entering the junction; IntLanes its internal
	// lanes, the i-th being the first internal lane of junction link i.
	IncLanes, IntLanes []string
	Shape              []Point
	// Requests hold, per junction link, which links it yields to and
	// conflicts with.
	Requests []Request
	Line     int
}

// Request is the right-of-way row of one junction link.
type Request struct {
	Index int
	// Response has a '1' for each link this one must yield to; Foes a '1'
	// for each link whose path crosses or merges with this one. Both are
	// SUMO bit strings: the rightmost character is link 0.
	Response, Foes string
	// Cont is true when a vehicle may enter the junction and wait inside
	// it at an internal junction (left turns waiting for a gap).
	Cont bool
}

// Yields reports whether this link must yield to junction link j.
func (r *Request) Yields(j int) bool { return bitAt(r.Response, j) }

// Conflicts reports whether this link's path conflicts with link j.
func (r *Request) Conflicts(j int) bool { return bitAt(r.Foes, j) }

func bitAt(s string, j int) bool {
	i := len(s) - 1 - j
	return j >= 0 && i >= 0 && s[i] == '1'
}

// Connection joins a lane of one edge to a lane of the next, through the
// internal lane Via when the net has internal links.
type Connection struct {
	From, To         string
	FromLane, ToLane int
	// Via is the first internal lane of the movement ("" without internal
	// links, and on connections that leave an internal lane).
	Via string
	// TL is the controlling traffic light and LinkIndex the position of
	// this movement in its phase states (-1 when not signalised).
	TL        string
	LinkIndex int
	// Dir is the direction: s(traight), r(ight), l(eft), t(urn around),
	// R/L (partially right/left), invalid.
	Dir string
	// State is the link state of an uncontrolled link: M(ajor), m(inor),
	// =(right before left), s(top), w (all-way stop), Z(ipper), O (signal
	// off, major), o (signal off, minor); for a controlled one its state
	// when the signal is off.
	State string
	Line  int
}

// Roundabout lists the nodes and edges of one roundabout.
type Roundabout struct {
	Nodes, Edges []string
}

package osm

// Road classes and default speeds.
//
// Drivable classes are the highway=* values that make up the motor-vehicle
// graph (the links layer): the classified roads and their links, plus
// unclassified, residential, living_street, service and road (a road of
// unknown class). Everything else with a highway tag (footway, path,
// cycleway, steps, pedestrian, track, bus_guideway, construction, …) is
// kept in the roads layer only.
var drivableClasses = map[string]bool{
	"motorway": true, "motorway_link": true,
	"trunk": true, "trunk_link": true,
	"primary": true, "primary_link": true,
	"secondary": true, "secondary_link": true,
	"tertiary": true, "tertiary_link": true,
	"unclassified": true, "residential": true, "living_street": true,
	"service": true, "road": true,
}

// Drivable reports whether a highway=* value belongs to the motor-vehicle
// graph (see the list above). Safe for concurrent use.
func Drivable(class string) bool { return drivableClasses[class] }

// defaultSpeedKmh is the speed assumed for a way without a usable maxspeed
// tag, km/h, by highway class.
//
// Drivable classes take the car speeds of OSRM's car profile
// (osrm-backend profiles/car.lua, table speeds.highway, v5.x): they are
// typical free-flow speeds on untagged roads, a little under the legal
// limits, which is what the traffic simulation wants. OSRM has no entry for
// "road"; it gets the unclassified figure. Non-drivable classes take
// OSRM's walking speed (profiles/foot.lua, walking_speed = 5 km/h) or its
// cycling speed (profiles/bicycle.lua, default_speed = 15 km/h) for
// cycleways and tracks.
var defaultSpeedKmh = map[string]float64{
	"motorway": 90, "motorway_link": 45,
	"trunk": 85, "trunk_link": 40,
	"primary": 65, "primary_link": 30,
	"secondary": 55, "secondary_link": 25,
	"tertiary": 40, "tertiary_link": 20,
	"unclassified": 25, "residential": 25, "living_street": 10,
	"service": 15, "road": 25,
	"cycleway": 15, "track": 15,
	"footway": 5, "pedestrian": 5, "path": 5, "steps": 5, "corridor": 5, "bridleway": 5,
}

// walkingKmh is the default for classes not in the table.
const walkingKmh = 5

// DefaultSpeed returns the speed in m/s assumed on a way of the given
// highway class that has no usable maxspeed tag (see defaultSpeedKmh for
// the table and its sources); unknown classes get walking speed, 5 km/h.
// Options.DefaultSpeeds overrides it per class. Safe for concurrent use.
func DefaultSpeed(class string) float64 {
	if v, ok := defaultSpeedKmh[class]; ok {
		return v / 3.6
	}
	return walkingKmh / 3.6
}

package dispatch

import (
	"errors"
	"fmt"
	"sort"

	"github.com/paulmach/orb"
)

// ErrUnit is returned for an unknown unit, a unit of an unknown type, or a
// unit whose station is missing.
var ErrUnit = errors.New("dispatch: bad unit")

// UnitType names a kind of emergency vehicle.
type UnitType string

// The unit types the default incident types ask for.
const (
	UnitEngine    UnitType = "engine"    // fire engine (pumper)
	UnitAmbulance UnitType = "ambulance" // emergency ambulance
	UnitPolice    UnitType = "police"    // police patrol car
)

// Status is what a unit is doing.
type Status int

// A unit is Available at a station or idle where it stands, EnRoute to an
// incident, OnScene, or Returning to its station. Available and Returning
// units can be dispatched.
const (
	Available Status = iota
	EnRoute
	OnScene
	Returning
)

var statusNames = [...]string{"available", "en_route", "on_scene", "returning"}

// String returns the status as written in JSON: "available", "en_route",
// "on_scene" or "returning".
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Station is a base that units start from and return to.
type Station struct {
	// ID names the station (an OSM building or node ID, or
	// "default-engine-1").
	ID string
	// Type is the unit type the station houses by default.
	Type UnitType
	// Point is its position in the graph's CRS, metres.
	Point orb.Point
}

// Unit is one vehicle.
type Unit struct {
	// ID names the unit; unique within a fleet.
	ID string
	// Type is the unit's type.
	Type UnitType
	// Station is the index of the unit's home station.
	Station int
}

// UnitState is a unit's state at one moment, for the wall view and live
// clients.
type UnitState struct {
	ID     string    `json:"id"`
	Type   UnitType  `json:"type"`
	Status Status    `json:"status"`
	Point  orb.Point `json:"point"`
	// Incident is the incident the unit serves, "" when none.
	Incident string `json:"incident,omitempty"`
}

// FleetAtStations returns perStation units of each station's type at every
// station, named "{station}/{type}-{k}" (k from 1), in station order.
func FleetAtStations(stations []Station, perStation int) []Unit {
	var us []Unit
	for i, s := range stations {
		for k := 1; k <= perStation; k++ {
			us = append(us, Unit{ID: fmt.Sprintf("%s/%s-%d", s.ID, s.Type, k), Type: s.Type, Station: i})
		}
	}
	return us
}

// checkFleet validates units against stations: unique IDs, known stations,
// non-empty types. O(n log n).
func checkFleet(stations []Station, units []Unit) error {
	ids := make([]string, 0, len(units))
	for _, u := range units {
		if u.ID == "" || u.Type == "" {
			return fmt.Errorf("%w: unit %q has no ID or type", ErrUnit, u.ID)
		}
		if u.Station < 0 || u.Station >= len(stations) {
			return fmt.Errorf("%w: unit %q: station %d of %d", ErrUnit, u.ID, u.Station, len(stations))
		}
		ids = append(ids, u.ID)
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return fmt.Errorf("%w: duplicate unit ID %q", ErrUnit, ids[i])
		}
	}
	return nil
}

package dispatch

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// ErrIncident is returned for an incident of an unknown type or with a
// bad time or position.
var ErrIncident = errors.New("dispatch: bad incident")

// IncidentType is the kind of an incident.
type IncidentType string

// The default incident types.
const (
	Fire    IncidentType = "fire"
	Medical IncidentType = "medical"
	Traffic IncidentType = "traffic"
)

// TypeSpec says what an incident type needs.
type TypeSpec struct {
	// Needs lists the units sent, one entry per unit (a type may repeat).
	Needs []UnitType
	// OnSceneS is how long every unit stays on scene, seconds.
	OnSceneS float64
}

// DefaultTypes returns the default incident types:
//
//	fire     one engine                 30 min on scene
//	medical  one ambulance              20 min on scene
//	traffic  one police car, one ambulance  25 min on scene
//
// The unit mix follows the usual first-alarm assignment for a small fire
// or a collision with injuries. The on-scene times are typical round
// values, not from a standard (NFPA 1710 sets turnout and travel targets,
// not scene times); set them from local records where they exist. The map
// is new on every call.
func DefaultTypes() map[IncidentType]TypeSpec {
	return map[IncidentType]TypeSpec{
		Fire:    {Needs: []UnitType{UnitEngine}, OnSceneS: 1800},
		Medical: {Needs: []UnitType{UnitAmbulance}, OnSceneS: 1200},
		Traffic: {Needs: []UnitType{UnitPolice, UnitAmbulance}, OnSceneS: 1500},
	}
}

// Incident is one emergency call.
type Incident struct {
	// ID names the incident; unique within a run.
	ID string `json:"id"`
	// Type is the incident's type.
	Type IncidentType `json:"type"`
	// TimeS is when the call comes in, seconds from the start of the run.
	TimeS float64 `json:"time_s"`
	// Point is where, in the graph's CRS (lon/lat only as read from a
	// file, before the caller projects it).
	Point orb.Point `json:"point"`
	// OnSceneS overrides the type's time on scene when positive, seconds.
	OnSceneS float64 `json:"on_scene_s,omitempty"`
}

// sortIncidents orders incidents by time, then ID: the order the
// simulator takes calls in.
func sortIncidents(in []Incident) {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].TimeS != in[j].TimeS {
			return in[i].TimeS < in[j].TimeS
		}
		return in[i].ID < in[j].ID
	})
}

// checkIncident validates one incident against the known types.
func checkIncident(in Incident, types map[IncidentType]TypeSpec) error {
	if _, ok := types[in.Type]; !ok {
		return fmt.Errorf("%w: %s: unknown type %q", ErrIncident, in.ID, in.Type)
	}
	if !finite(in.TimeS) || in.TimeS < 0 || !finite(in.Point[0]) || !finite(in.Point[1]) || !(in.OnSceneS >= 0) {
		return fmt.Errorf("%w: %s: time %v, point %v, on scene %v", ErrIncident, in.ID, in.TimeS, in.Point, in.OnSceneS)
	}
	return nil
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

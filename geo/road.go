package geo

import "github.com/paulmach/orb"

// Road is one source road as drawn: an OSM way with a highway=* tag, of any
// class (footways and paths included), with its whole line and tags. The
// routable graph built from the drivable roads is in the links layer
// ([RoadLink]).
type Road struct {
	// ID is "w{way}" for OSM, unique in the roads layer.
	ID string
	// WayID is the OSM way (or source object) this road comes from.
	WayID int64
	// Line is the way's geometry in drawing order.
	Line orb.LineString
	// Class is the road class: the OSM highway=* value.
	Class string
	Name  string
	// Lanes is the total number of lanes in both directions (the tagged
	// value, else the per-direction defaults summed); 0 when unknown.
	Lanes int
	// OneWay is true when travel is allowed in one direction only.
	OneWay bool
	// MaxSpeed is the speed limit in m/s.
	MaxSpeed float64
	// SpeedSource is "tag" when MaxSpeed came from the source data, else
	// "default" (the documented per-class default).
	SpeedSource string
	// Length is the length of Line in metres (geodesic for lon/lat sources).
	Length float64
	// Drivable is true when the class belongs to the motor-vehicle graph,
	// that is when the road also appears as links.
	Drivable bool
	Attrs    Attrs
}

var _ Feature = (*Road)(nil)

// FeatureID implements Feature.
func (r *Road) FeatureID() string { return r.ID }

// Geometry implements Feature.
func (r *Road) Geometry() orb.Geometry { return r.Line }

// ZRange implements Feature; roads carry no elevation.
func (r *Road) ZRange() (lo, hi float64) { return NaN, NaN }

// Properties implements Feature.
func (r *Road) Properties() map[string]any {
	m := map[string]any{
		"id": r.ID, "way": r.WayID, "class": r.Class, "lanes": r.Lanes,
		"oneway": r.OneWay, "maxspeed": r.MaxSpeed, "maxspeed_kmh": r.MaxSpeed * 3.6,
		"speed_source": r.SpeedSource, "length": r.Length, "drivable": r.Drivable,
	}
	if r.Name != "" {
		m["name"] = r.Name
	}
	return copyAttrs(m, r.Attrs)
}

func (r *Road) transform(fn PointFunc) { transformGeometry(r.Line, fn) }

// RoadLink is one directed link of the road graph: the part of an OSM way (or
// other source) between two graph nodes, in one direction of travel. A
// two-way street gives two links, one per direction.
type RoadLink struct {
	// ID is unique in the links layer. For OSM it is "w{way}.{part}" for the
	// way's drawing direction and "w{way}.{part}r" for the reverse.
	ID string
	// WayID is the OSM way (or source object) this link comes from.
	WayID int64
	// From and To are the RoadNode IDs at the link's ends, in travel direction.
	From, To string
	// Line runs From → To.
	Line orb.LineString
	// Lanes is the number of lanes in this direction (at least 1).
	Lanes int
	// OneWay is true when the source road allows travel in one direction only.
	OneWay bool
	// MaxSpeed is the speed limit in m/s.
	MaxSpeed float64
	// SpeedSource is "tag" when MaxSpeed came from the source data, else
	// "default" (the documented per-class default).
	SpeedSource string
	// Length is the link length in metres (geodesic for lon/lat sources).
	Length float64
	// Class is the road class: the OSM highway=* value.
	Class string
	Name  string
	Attrs Attrs
}

var _ Feature = (*RoadLink)(nil)

// FeatureID implements Feature.
func (r *RoadLink) FeatureID() string { return r.ID }

// Geometry implements Feature.
func (r *RoadLink) Geometry() orb.Geometry { return r.Line }

// ZRange implements Feature; road links carry no elevation.
func (r *RoadLink) ZRange() (lo, hi float64) { return NaN, NaN }

// Properties implements Feature.
func (r *RoadLink) Properties() map[string]any {
	m := map[string]any{
		"id": r.ID, "way": r.WayID, "from": r.From, "to": r.To,
		"lanes": r.Lanes, "oneway": r.OneWay, "maxspeed": r.MaxSpeed,
		"maxspeed_kmh": r.MaxSpeed * 3.6, "speed_source": r.SpeedSource,
		"length": r.Length, "class": r.Class,
	}
	if r.Name != "" {
		m["name"] = r.Name
	}
	return copyAttrs(m, r.Attrs)
}

func (r *RoadLink) transform(fn PointFunc) { transformGeometry(r.Line, fn) }

// RoadNode is a node of the road graph: a junction, a way's end, or a node
// with a traffic signal.
type RoadNode struct {
	ID    string // "n{osm id}"
	Point orb.Point
	// Signal is true for traffic signals (highway=traffic_signals).
	Signal bool
	// Degree is the number of distinct ways meeting here.
	Degree int
	Attrs  Attrs
}

var _ Feature = (*RoadNode)(nil)

// FeatureID implements Feature.
func (n *RoadNode) FeatureID() string { return n.ID }

// Geometry implements Feature.
func (n *RoadNode) Geometry() orb.Geometry { return n.Point }

// ZRange implements Feature; road nodes carry no elevation.
func (n *RoadNode) ZRange() (lo, hi float64) { return NaN, NaN }

// Properties implements Feature.
func (n *RoadNode) Properties() map[string]any {
	m := map[string]any{"id": n.ID, "signal": n.Signal, "degree": n.Degree}
	return copyAttrs(m, n.Attrs)
}

func (n *RoadNode) transform(fn PointFunc) { n.Point = fn(n.Point) }

// TurnRestriction is an OSM turn restriction: travel from FromWay via ViaNode
// onto ToWay is forbidden ("no_*") or the only one allowed ("only_*").
type TurnRestriction struct {
	ID      string // "r{relation id}"
	Kind    string // OSM restriction=* value, e.g. "no_left_turn"
	FromWay int64
	ViaNode string // RoadNode ID; "" when the via member is a way
	ToWay   int64
	// ViaWays lists the via ways in relation order when the restriction
	// goes via ways instead of a node (nil for via-node restrictions).
	ViaWays []int64
	// Point is the location of the via node.
	Point orb.Point
	Attrs Attrs
}

var _ Feature = (*TurnRestriction)(nil)

// FeatureID implements Feature.
func (t *TurnRestriction) FeatureID() string { return t.ID }

// Geometry implements Feature.
func (t *TurnRestriction) Geometry() orb.Geometry { return t.Point }

// ZRange implements Feature.
func (t *TurnRestriction) ZRange() (lo, hi float64) { return NaN, NaN }

// Only reports whether the restriction is mandatory ("only_*").
func (t *TurnRestriction) Only() bool { return len(t.Kind) > 5 && t.Kind[:5] == "only_" }

// Properties implements Feature.
func (t *TurnRestriction) Properties() map[string]any {
	m := map[string]any{"id": t.ID, "restriction": t.Kind, "from_way": t.FromWay, "via": t.ViaNode, "to_way": t.ToWay}
	if len(t.ViaWays) > 0 {
		m["via_ways"] = append([]int64(nil), t.ViaWays...)
	}
	return copyAttrs(m, t.Attrs)
}

func (t *TurnRestriction) transform(fn PointFunc) { t.Point = fn(t.Point) }

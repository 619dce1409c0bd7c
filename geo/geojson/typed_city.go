package geojson

import (
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// building reads a *geo.Building: Polygon or MultiPolygon; "height" (m, else
// levels×geo.LevelHeight, else geo.DefaultBuildingHeight of the type, with
// HeightSource "height", "levels" or "default" unless "height_source" says
// otherwise), "min_height" (m, 0), "levels" (0), "ground" (m, NaN), "type"
// (else the "building" attribute, kept), "parent", "lod".
func (b *builder) building() (geo.Feature, error) {
	fp, err := b.polygons()
	if err != nil {
		return nil, err
	}
	p := b.props
	bl := &geo.Building{ID: b.id, Footprint: fp}
	bl.Type = b.strOr("type", p.peek("building"))
	bl.Ground = b.numOr("ground", math.NaN())
	bl.MinHeight = b.numOr("min_height", 0)
	if n, ok := p.integer("levels"); ok && n > 0 && n < math.MaxInt32 {
		bl.Levels = int(n)
	}
	src, _ := p.str("height_source")
	h, ok := p.num("height")
	switch {
	case ok:
		bl.Height, bl.HeightSource = h, "height"
	case bl.Levels > 0:
		bl.Height, bl.HeightSource = float64(bl.Levels)*geo.LevelHeight, "levels"
	default:
		bl.Height, bl.HeightSource = geo.DefaultBuildingHeight(strings.ToLower(bl.Type)), "default"
	}
	if ok && src != "" {
		bl.HeightSource = src
	}
	bl.Parent = b.strOr("parent", "")
	bl.LoD = b.strOr("lod", "")
	bl.Attrs = p.attrs()
	return bl, nil
}

// roadLink reads a *geo.RoadLink: LineString; "way" (0), "from", "to",
// "lanes" (1, at least 1), "oneway" (false), "maxspeed" (a number is m/s;
// a string is an OSM tag value in km/h, or mph with " mph"), else
// "maxspeed_kmh" (km/h), else 0 with SpeedSource "" (no per-class default is
// shared in geo yet); "speed_source" ("tag" when a speed was given),
// "length" (m, else measured on the line), "class" (else the "highway"
// attribute, kept), "name".
func (b *builder) roadLink() (geo.Feature, error) {
	line, err := b.line()
	if err != nil {
		return nil, err
	}
	p := b.props
	r := &geo.RoadLink{ID: b.id, Line: line}
	r.WayID, _ = p.integer("way")
	r.From = b.strOr("from", "")
	r.To = b.strOr("to", "")
	lanes, _ := p.integer("lanes")
	r.Lanes = int(max(1, min(lanes, 64)))
	r.OneWay, _ = p.boolean("oneway")
	kmh, hasKmh := p.num("maxspeed_kmh")
	speed, hasSpeed := b.speed("maxspeed")
	switch {
	case hasSpeed:
		r.MaxSpeed = speed
	case hasKmh:
		r.MaxSpeed = kmh / 3.6
	}
	r.SpeedSource = b.strOr("speed_source", "")
	if r.SpeedSource == "" && (hasSpeed || hasKmh) {
		r.SpeedSource = "tag"
	}
	r.Length = b.numOr("length", math.NaN())
	if math.IsNaN(r.Length) {
		r.Length = b.length(line)
	}
	r.Class = b.strOr("class", p.peek("highway"))
	r.Name = b.strOr("name", "")
	r.Attrs = p.attrs()
	return r, nil
}

// road builds a geo.Road (one per street) from the properties Road writes.
func (b *builder) road() (geo.Feature, error) {
	line, err := b.line()
	if err != nil {
		return nil, err
	}
	p := b.props
	r := &geo.Road{ID: b.id, Line: line}
	r.WayID, _ = p.integer("way")
	lanes, _ := p.integer("lanes")
	r.Lanes = int(max(1, min(lanes, 64)))
	r.OneWay, _ = p.boolean("oneway")
	r.Drivable, _ = p.boolean("drivable")
	kmh, hasKmh := p.num("maxspeed_kmh")
	speed, hasSpeed := b.speed("maxspeed")
	switch {
	case hasSpeed:
		r.MaxSpeed = speed
	case hasKmh:
		r.MaxSpeed = kmh / 3.6
	}
	r.SpeedSource = b.strOr("speed_source", "")
	if r.SpeedSource == "" && (hasSpeed || hasKmh) {
		r.SpeedSource = "tag"
	}
	r.Length = b.numOr("length", math.NaN())
	if math.IsNaN(r.Length) {
		r.Length = b.length(line)
	}
	r.Class = b.strOr("class", p.peek("highway"))
	r.Name = b.strOr("name", "")
	r.Attrs = p.attrs()
	return r, nil
}

// speed reads a speed limit in m/s: a number as m/s, a string as an OSM
// maxspeed value ("50" km/h, "30 mph"). Other strings ("none", "FR:urban")
// stay attributes without a warning: they are common in OSM exports.
func (b *builder) speed(key string) (float64, bool) {
	k, v, exact, ok := b.props.lookup(key)
	if !ok {
		return 0, false
	}
	var ms float64
	switch v := v.(type) {
	case float64:
		ms = v
	case string:
		s, factor := strings.TrimSpace(v), 1/3.6
		if t, ok := strings.CutSuffix(s, "mph"); ok {
			s, factor = strings.TrimSpace(t), 0.44704
		}
		kmh, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		ms = kmh * factor
	default:
		return 0, false
	}
	if math.IsNaN(ms) || math.IsInf(ms, 0) || ms < 0 {
		return 0, false
	}
	if exact {
		delete(b.props.m, k)
	}
	return ms, true
}

// roadNode reads a *geo.RoadNode: Point; "signal" (else true when the
// "highway" attribute is "traffic_signals"), "degree" (0).
func (b *builder) roadNode() (geo.Feature, error) {
	pt, err := b.point()
	if err != nil {
		return nil, err
	}
	p := b.props
	n := &geo.RoadNode{ID: b.id, Point: pt}
	sig, ok := p.boolean("signal")
	if !ok {
		sig = p.peek("highway") == "traffic_signals"
	}
	n.Signal = sig
	deg, _ := p.integer("degree")
	n.Degree = int(max(0, min(deg, math.MaxInt32)))
	n.Attrs = p.attrs()
	return n, nil
}

// restriction reads a *geo.TurnRestriction: Point (the via node);
// "restriction", "from_way", "via", "to_way".
func (b *builder) restriction() (geo.Feature, error) {
	pt, err := b.point()
	if err != nil {
		return nil, err
	}
	p := b.props
	t := &geo.TurnRestriction{ID: b.id, Point: pt}
	t.Kind = b.strOr("restriction", "")
	t.FromWay, _ = p.integer("from_way")
	t.ViaNode = b.strOr("via", "")
	t.ToWay, _ = p.integer("to_way")
	t.Attrs = p.attrs()
	return t, nil
}

package api

import (
	"math"

	"twin/geo"
)

// Zoom range of the vector tiles. Tiles are served for z 0…tileMaxServe;
// the TileJSON document advertises tileMinZoom…tileMaxZoom, and clients
// over-zoom the tiles of tileMaxZoom beyond it.
const (
	tileMinZoom   = 10 // the lowest layer's minimum zoom (major roads)
	tileMaxZoom   = 18 // tiles at and above it are simplified only to a tile unit
	tileMaxServe  = 22
	tileExtent    = 4096 // tile units per tile side (MVT default)
	tileBuffer    = 64   // tile units of geometry kept beyond each tile edge
	tileSimplify  = 8.0  // Douglas–Peucker tolerance below tileMaxZoom, tile units
	tileSimplifyZ = 1.0  // … at and above tileMaxZoom
)

// tileSimplifyAt is the Douglas–Peucker tolerance at zoom z in tile units:
// one pixel of a tile drawn 512 pixels wide (MapLibre's size for vector
// tiles; half a pixel at 256), and a single unit on the tiles that clients
// over-zoom.
func tileSimplifyAt(z int) float64 {
	if z >= tileMaxZoom {
		return tileSimplifyZ
	}
	return tileSimplify
}

// tileLayer is one layer of the vector tiles, drawn from the World layer
// of the same name.
type tileLayer struct {
	name        string
	description string
	minZoom     int
	// fields are the layer's attributes; tileAttr.key indexes them.
	fields []tileField
	// keep reports whether f is drawn at zoom z ≥ minZoom; nil keeps all.
	keep func(f geo.Feature, z int) bool
	// attrs appends f's attributes to dst.
	attrs func(dst []tileAttr, f geo.Feature) []tileAttr
}

// tileField is an attribute name and the kind of its values.
type tileField struct {
	name string
	kind valueKind
}

// tileJSONType names a value kind as TileJSON's vector_layers fields do.
func (k valueKind) tileJSONType() string {
	switch k {
	case kindNumber:
		return "Number"
	case kindBool:
		return "Boolean"
	}
	return "String"
}

// Attribute indexes of each layer, in the order of its fields.
const (
	bID = iota
	bHeight
	bMinHeight
	bGround
	bLevels
	bType
	bName
)

const (
	rID = iota
	rClass
	rName
	rOneway
	rMaxSpeed
	rLanes
)

const (
	pID = iota
	pNetwork
	pKind
	pDiameter
)

const (
	pnID = iota
	pnNetwork
	pnKind
	pnInvert
	pnMaxDepth
	pnGround
)

const (
	rnID = iota
	rnSignal
	rnDegree
)

// tileLayers lists the layers in drawing order, bottom first: buildings
// from z13, roads from z10 by class (see roadMinZoom), pipes from z14, road
// and pipe nodes from z16. It is never modified.
var tileLayers = []tileLayer{
	{name: geo.LayerBuildings, minZoom: 13, attrs: buildingAttrs,
		description: "Building footprints; height and min_height in metres above ground, ground the absolute elevation of the base",
		fields: []tileField{{"id", kindString}, {"height", kindNumber}, {"min_height", kindNumber},
			{"ground", kindNumber}, {"levels", kindNumber}, {"type", kindString}, {"name", kindString}}},
	{name: geo.LayerRoads, minZoom: 10, attrs: roadAttrs, keep: keepRoad,
		description: "Streets and paths by OSM highway class: motorway, trunk and primary from z10, secondary z11, tertiary z12, residential z13, service z14, paths z15",
		fields: []tileField{{"id", kindString}, {"class", kindString}, {"name", kindString},
			{"oneway", kindBool}, {"maxspeed_kmh", kindNumber}, {"lanes", kindNumber}}},
	{name: geo.LayerPipes, minZoom: 14, attrs: pipeAttrs,
		description: "Sewers and water mains; diameter in metres",
		fields:      []tileField{{"id", kindString}, {"network", kindString}, {"kind", kindString}, {"diameter", kindNumber}}},
	{name: geo.LayerPipeNodes, minZoom: 16, attrs: pipeNodeAttrs,
		description: "Manholes, outfalls, storage and tanks; invert and ground elevations and max_depth in metres",
		fields: []tileField{{"id", kindString}, {"network", kindString}, {"kind", kindString},
			{"invert", kindNumber}, {"max_depth", kindNumber}, {"ground", kindNumber}}},
	{name: geo.LayerRoadNodes, minZoom: 16, attrs: roadNodeAttrs,
		description: "Road junctions and traffic signals",
		fields:      []tileField{{"id", kindString}, {"signal", kindBool}, {"degree", kindNumber}}},
}

// roadMinZoom returns the first zoom at which roads of an OSM highway
// class are drawn, links (motorway_link …) with their road's class; classes
// not listed (footways, paths, steps, cycleways, tracks…) start at z15.
func roadMinZoom(class string) int {
	switch class {
	case "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link":
		return 10
	case "secondary", "secondary_link":
		return 11
	case "tertiary", "tertiary_link":
		return 12
	case "unclassified", "residential", "living_street", "pedestrian", "road", "busway":
		return 13
	case "service":
		return 14
	}
	return 15
}

func keepRoad(f geo.Feature, z int) bool {
	switch r := f.(type) {
	case *geo.Road:
		return z >= roadMinZoom(r.Class)
	case *geo.RoadLink:
		return z >= roadMinZoom(r.Class)
	}
	return z >= 15
}

// round2 rounds to centimetres (two decimals), which keeps attribute
// values short and lets equal values share one entry in the tile.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func buildingAttrs(dst []tileAttr, f geo.Feature) []tileAttr {
	dst = append(dst, idAttr(bID, f.FeatureID()))
	b, ok := f.(*geo.Building)
	if !ok {
		return dst
	}
	dst = append(dst, numAttr(bHeight, round2(b.Height)), numAttr(bMinHeight, round2(b.MinHeight)))
	if finite(b.Ground) {
		dst = append(dst, numAttr(bGround, round2(b.Ground)))
	}
	if b.Levels > 0 {
		dst = append(dst, numAttr(bLevels, float64(b.Levels)))
	}
	if b.Type != "" {
		dst = append(dst, strAttr(bType, b.Type))
	}
	if name, ok := b.Attrs["name"].(string); ok && name != "" {
		dst = append(dst, strAttr(bName, name))
	}
	return dst
}

func roadAttrs(dst []tileAttr, f geo.Feature) []tileAttr {
	dst = append(dst, idAttr(rID, f.FeatureID()))
	var class, name string
	var oneway bool
	var speed float64
	var lanes int
	switch r := f.(type) {
	case *geo.Road:
		class, name, oneway, speed, lanes = r.Class, r.Name, r.OneWay, r.MaxSpeed, r.Lanes
	case *geo.RoadLink:
		class, name, oneway, speed, lanes = r.Class, r.Name, r.OneWay, r.MaxSpeed, r.Lanes
	default:
		return dst
	}
	dst = append(dst, strAttr(rClass, class), boolAttr(rOneway, oneway),
		numAttr(rMaxSpeed, math.Round(speed*3.6*10)/10))
	if name != "" {
		dst = append(dst, strAttr(rName, name))
	}
	if lanes > 0 {
		dst = append(dst, numAttr(rLanes, float64(lanes)))
	}
	return dst
}

func pipeAttrs(dst []tileAttr, f geo.Feature) []tileAttr {
	dst = append(dst, idAttr(pID, f.FeatureID()))
	if p, ok := f.(*geo.Pipe); ok {
		dst = append(dst, strAttr(pNetwork, p.Network), strAttr(pKind, p.Kind),
			numAttr(pDiameter, math.Round(p.Diameter*1000)/1000))
	}
	return dst
}

func pipeNodeAttrs(dst []tileAttr, f geo.Feature) []tileAttr {
	dst = append(dst, idAttr(pnID, f.FeatureID()))
	n, ok := f.(*geo.PipeNode)
	if !ok {
		return dst
	}
	dst = append(dst, strAttr(pnNetwork, n.Network), strAttr(pnKind, n.Kind),
		numAttr(pnInvert, round2(n.Invert)), numAttr(pnMaxDepth, round2(n.MaxDepth)))
	if finite(n.Ground) {
		dst = append(dst, numAttr(pnGround, round2(n.Ground)))
	}
	return dst
}

func roadNodeAttrs(dst []tileAttr, f geo.Feature) []tileAttr {
	dst = append(dst, idAttr(rnID, f.FeatureID()))
	if n, ok := f.(*geo.RoadNode); ok {
		dst = append(dst, boolAttr(rnSignal, n.Signal), numAttr(rnDegree, float64(n.Degree)))
	}
	return dst
}

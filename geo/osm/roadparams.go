package osm

import (
	"strconv"
	"strings"

	"github.com/paulmach/osm"
)

// direction says which ways a road may be travelled, relative to its
// drawing order.
type direction int

const (
	bothWays direction = iota
	forwardOnly
	backwardOnly
)

// roadParams are the travel attributes of one highway way.
type roadParams struct {
	class, name string
	dir         direction
	// lanesFwd and lanesBwd are per direction (at least 1 each on drivable
	// roads); lanesTotal is the tagged total, else their sum (drivable) or 0.
	lanesFwd, lanesBwd, lanesTotal int
	// speed is the way's maxspeed (or default) in m/s; speedFwd/speedBwd
	// apply maxspeed:forward / maxspeed:backward on top.
	speed, speedFwd, speedBwd float64
	srcSpeed, srcFwd, srcBwd  string // "tag" or "default"
	drivable                  bool
}

// parseRoad reads the travel attributes of a way with a highway tag.
func parseRoad(tags osm.Tags, opt *Options) roadParams {
	p := roadParams{class: tags.Find("highway"), name: tags.Find("name")}
	p.drivable = Drivable(p.class)
	p.dir = parseOneway(tags, p.class)
	p.speed, p.srcSpeed = opt.speed(p.class), "default"
	if v, ok := ParseMaxSpeed(tags.Find("maxspeed")); ok {
		p.speed, p.srcSpeed = v, "tag"
	}
	p.speedFwd, p.srcFwd = p.speed, p.srcSpeed
	if v, ok := ParseMaxSpeed(tags.Find("maxspeed:forward")); ok {
		p.speedFwd, p.srcFwd = v, "tag"
	}
	p.speedBwd, p.srcBwd = p.speed, p.srcSpeed
	if v, ok := ParseMaxSpeed(tags.Find("maxspeed:backward")); ok {
		p.speedBwd, p.srcBwd = v, "tag"
	}
	p.lanes(tags)
	return p
}

// parseOneway reads oneway=*, falling back to the implied one-way of
// roundabouts (junction=roundabout or circular) and motorways.
// oneway=reversible and alternating (direction changes with time) are
// treated as two-way so that the graph stays connected.
func parseOneway(tags osm.Tags, class string) direction {
	switch tags.Find("oneway") {
	case "yes", "true", "1":
		return forwardOnly
	case "-1", "reverse":
		return backwardOnly
	case "no", "false", "0", "reversible", "alternating":
		return bothWays
	}
	switch tags.Find("junction") {
	case "roundabout", "circular":
		return forwardOnly
	}
	if class == "motorway" {
		return forwardOnly
	}
	return bothWays
}

// lanes fills the lane counts. A one-way road gets lanes:forward (or
// lanes:backward against the drawing direction), else lanes, else 1. A
// two-way road takes lanes:forward and lanes:backward where tagged and
// splits the rest of lanes (less lanes:both_ways, a shared centre turn
// lane) between the directions, the forward one taking the odd lane; each
// direction has at least 1 lane.
func (p *roadParams) lanes(tags osm.Tags) {
	total, hasTotal := parseLanes(tags.Find("lanes"))
	fwd, hasFwd := parseLanes(tags.Find("lanes:forward"))
	bwd, hasBwd := parseLanes(tags.Find("lanes:backward"))
	both, _ := parseLanes(tags.Find("lanes:both_ways"))
	switch p.dir {
	case forwardOnly:
		p.lanesFwd = pick(fwd, hasFwd, pick(total, hasTotal, 1))
	case backwardOnly:
		p.lanesBwd = pick(bwd, hasBwd, pick(total, hasTotal, 1))
	default:
		free := total - both
		switch {
		case hasFwd && hasBwd:
		case hasFwd:
			bwd = free - fwd
		case hasBwd:
			fwd = free - bwd
		default:
			fwd, bwd = (free+1)/2, free/2
		}
		p.lanesFwd, p.lanesBwd = max(fwd, 1), max(bwd, 1)
	}
	switch {
	case hasTotal:
		p.lanesTotal = total
	case p.drivable:
		p.lanesTotal = p.lanesFwd + p.lanesBwd
	}
}

func pick(v int, ok bool, def int) int {
	if ok {
		return v
	}
	return def
}

// parseLanes reads a positive lane count; lists and words are refused.
func parseLanes(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 64 {
		return 0, false
	}
	return n, true
}

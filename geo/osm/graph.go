package osm

import (
	"slices"
	"strconv"

	"github.com/paulmach/orb"

	"twin/geo"
)

// nodeUse counts how a node is used by the drivable ways: occ is the
// number of times it appears in their node lists, deg the number of
// distinct ways, last the (1-based) index of the last way counted.
type nodeUse struct {
	occ, deg int32
	last     int
}

// graph builds the links and road_nodes layers from the drivable ways.
//
// Graph nodes are the ends of every drivable way, the nodes that occur
// more than once in the drivable ways (shared by two ways, or visited
// twice by one), and traffic signals on them. Each way is split at its
// graph nodes into parts numbered from 0; part k gives the link
// "w{way}.{k}" in drawing direction and "w{way}.{k}r" against it, each
// only where travel that way is allowed (oneway=-1 roads have only "r"
// links). The road_nodes layer holds the graph nodes and every
// highway=traffic_signals node, on the graph or not, sorted by id.
func (b *builder) graph() {
	uses := make(map[int64]nodeUse)
	for k, dw := range b.drivable {
		for _, id := range dw.ids {
			u := uses[id]
			u.occ++
			if u.last != k+1 {
				u.deg++
				u.last = k + 1
			}
			uses[id] = u
		}
	}
	signals := b.signals()
	split := func(id int64) bool { return uses[id].occ >= 2 || signals[id] }
	nodes := make(map[int64]bool)
	for i := range b.drivable {
		dw := &b.drivable[i]
		start, part := 0, 0
		nodes[dw.ids[0]] = true
		for j := 1; j < len(dw.ids); j++ {
			if j == len(dw.ids)-1 || split(dw.ids[j]) {
				nodes[dw.ids[j]] = true
				b.links(dw, part, start, j)
				start, part = j, part+1
			}
		}
	}
	for id := range signals {
		nodes[id] = true
	}
	ids := make([]int64, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p, _ := b.s.coord(id)
		n := &geo.RoadNode{ID: nodeID(id), Point: p, Signal: signals[id], Degree: int(uses[id].deg)}
		if tags := b.s.nodeTags[id]; len(tags) > 0 {
			n.Attrs = attrs(tags)
		}
		b.ds.Add(geo.LayerRoadNodes, n)
	}
}

// signals returns the highway=traffic_signals nodes that have a location.
func (b *builder) signals() map[int64]bool {
	sig := make(map[int64]bool)
	for id, tags := range b.s.nodeTags {
		if tags.Find("highway") != "traffic_signals" {
			continue
		}
		if _, ok := b.s.coord(id); ok {
			sig[id] = true
		}
	}
	return sig
}

// links adds the links of part k of dw, between node indices i and j.
func (b *builder) links(dw *drivableWay, part, i, j int) {
	line := slices.Clone(dw.line[i : j+1])
	length := LineLength(line)
	p := &dw.p
	id := wayID(dw.id) + "." + strconv.Itoa(part)
	oneway := p.dir != bothWays
	if p.dir != backwardOnly {
		b.ds.Add(geo.LayerLinks, &geo.RoadLink{
			ID: id, WayID: dw.id, From: nodeID(dw.ids[i]), To: nodeID(dw.ids[j]),
			Line: line, Lanes: p.lanesFwd, OneWay: oneway, MaxSpeed: p.speedFwd,
			SpeedSource: p.srcFwd, Length: length, Class: p.class, Name: p.name, Attrs: dw.attrs,
		})
	}
	if p.dir != forwardOnly {
		rev := slices.Clone(line)
		slices.Reverse(rev)
		b.ds.Add(geo.LayerLinks, &geo.RoadLink{
			ID: id + "r", WayID: dw.id, From: nodeID(dw.ids[j]), To: nodeID(dw.ids[i]),
			Line: orb.LineString(rev), Lanes: p.lanesBwd, OneWay: oneway, MaxSpeed: p.speedBwd,
			SpeedSource: p.srcBwd, Length: length, Class: p.class, Name: p.name, Attrs: dw.attrs,
		})
	}
}

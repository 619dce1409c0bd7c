package osm

import (
	"strconv"

	"github.com/paulmach/orb"

	"twin/geo"
)

// drivableWay is a highway way of the motor-vehicle graph with its
// resolved nodes (ids[i] is at line[i]).
type drivableWay struct {
	id    int64
	ids   []int64
	line  orb.LineString
	p     roadParams
	attrs geo.Attrs
}

// roads builds the roads layer: one geo.Road per way with a highway tag,
// whatever its class. Refs without a location are dropped (one warning per
// way); a way left with fewer than 2 nodes is skipped with a warning.
func (b *builder) roads() {
	for i := range b.s.ways {
		w := &b.s.ways[i]
		if w.tags.FindTag("highway") == nil {
			continue
		}
		ids, line, missing := b.s.resolve(w.refs)
		if missing > 0 {
			b.warn(w.pos, "way w%d: %d of %d node refs missing", w.id, missing, len(w.refs))
		}
		if len(line) < 2 {
			b.warn(w.pos, "way w%d: highway skipped: fewer than 2 nodes with a location", w.id)
			continue
		}
		p := parseRoad(w.tags, b.opt)
		a := attrs(w.tags)
		b.ds.Add(geo.LayerRoads, &geo.Road{
			ID: wayID(w.id), WayID: w.id, Line: line, Class: p.class, Name: p.name,
			Lanes: p.lanesTotal, OneWay: p.dir != bothWays,
			MaxSpeed: p.speed, SpeedSource: p.srcSpeed, Length: LineLength(line),
			Drivable: p.drivable, Attrs: a,
		})
		if p.drivable {
			b.drivable = append(b.drivable, drivableWay{id: w.id, ids: ids, line: line, p: p, attrs: a})
		}
	}
}

func wayID(id int64) string  { return "w" + strconv.FormatInt(id, 10) }
func nodeID(id int64) string { return "n" + strconv.FormatInt(id, 10) }
func relID(id int64) string  { return "r" + strconv.FormatInt(id, 10) }

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

package osm

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// The raw OSM objects as read from a file, before any feature is built.
// Readers produce them in batches (one per PBF block, one for an XML file);
// merge joins the batches into a store that the builders query.

// node is a node's location. A deleted node (visible=false in history
// files) has a NaN lat so that it overrides older versions on merge.
type node struct {
	id       int64
	lon, lat float64
}

// taggedNode holds the tags of a node that has any.
type taggedNode struct {
	id   int64
	tags osm.Tags
}

// way is a way's node list; tags are kept only for ways some builder reads
// (see wantWay), the others serve as multipolygon and restriction members.
type way struct {
	id   int64
	refs []int64
	tags osm.Tags
	pos  int64 // line (XML) or blob offset (PBF)
	gone bool  // deleted (visible=false) in a history file
}

// member is a relation member; typ is one of osm.TypeNode, osm.TypeWay,
// osm.TypeRelation.
type member struct {
	typ  osm.Type
	ref  int64
	role string
}

// relation is a relation some builder reads (see wantRelation); other
// relations are stored with gone set so that they still replace older
// versions of themselves.
type relation struct {
	id      int64
	members []member
	tags    osm.Tags
	pos     int64
	gone    bool
}

// note is a warning found while reading, at a position as in way.pos.
type note struct {
	pos int64
	msg string
}

// batch is the output of one reader unit.
type batch struct {
	nodes  []node
	tagged []taggedNode
	ways   []way
	rels   []relation
	notes  []note
}

// wantWay reports whether a way's tags are needed by a builder.
func wantWay(tags osm.Tags) bool {
	for _, t := range tags {
		switch t.Key {
		case "highway", "building", "building:part":
			return true
		}
	}
	return false
}

// wantRelation reports whether a relation is read by a builder: turn
// restrictions, building multipolygons and type=building groups.
func wantRelation(tags osm.Tags) bool {
	switch tags.Find("type") {
	case "restriction", "building":
		return true
	case "multipolygon":
		return tags.HasTag("building") || tags.HasTag("building:part")
	}
	return false
}

// store is the merged content of a file, indexed for the builders.
type store struct {
	nodes    []node // sorted by id, one per id, no deleted ones
	nodeTags map[int64]osm.Tags
	ways     []way // in file order, one per id, no deleted ones
	wayIndex map[int64]int
	rels     []relation // in file order, one per id, only wanted ones
}

// merge joins batches in order. Where an id occurs more than once (history
// files, concatenated extracts) the last occurrence wins. O(n log n) in the
// number of nodes when they are not sorted by id already, else O(n).
func merge(batches []*batch) *store {
	s := &store{nodeTags: make(map[int64]osm.Tags)}
	s.mergeNodes(batches)
	var nw, nr int
	for _, b := range batches {
		nw += len(b.ways)
		nr += len(b.rels)
		for _, t := range b.tagged {
			s.nodeTags[t.id] = t.tags
		}
	}
	s.ways = make([]way, 0, nw)
	s.wayIndex = make(map[int64]int, nw)
	rels := make([]relation, 0, nr)
	relIndex := make(map[int64]int, nr)
	for _, b := range batches {
		for _, w := range b.ways {
			if i, ok := s.wayIndex[w.id]; ok {
				s.ways[i] = w
				continue
			}
			s.wayIndex[w.id] = len(s.ways)
			s.ways = append(s.ways, w)
		}
		for _, r := range b.rels {
			if i, ok := relIndex[r.id]; ok {
				rels[i] = r
				continue
			}
			relIndex[r.id] = len(rels)
			rels = append(rels, r)
		}
	}
	s.dropGoneWays()
	for _, r := range rels {
		if !r.gone {
			s.rels = append(s.rels, r)
		}
	}
	return s
}

func (s *store) mergeNodes(batches []*batch) {
	var n int
	for _, b := range batches {
		n += len(b.nodes)
	}
	s.nodes = make([]node, 0, n)
	sorted := true
	for _, b := range batches {
		for _, nd := range b.nodes {
			if k := len(s.nodes); k > 0 && s.nodes[k-1].id >= nd.id {
				sorted = false
			}
			s.nodes = append(s.nodes, nd)
		}
	}
	if !sorted {
		// Stable, so that among equal ids the last read stays last.
		slices.SortStableFunc(s.nodes, func(a, b node) int { return cmp.Compare(a.id, b.id) })
	}
	out := s.nodes[:0]
	for i, nd := range s.nodes {
		if i+1 < len(s.nodes) && s.nodes[i+1].id == nd.id {
			continue // a later version follows
		}
		if !math.IsNaN(nd.lat) {
			out = append(out, nd)
		}
	}
	s.nodes = out
}

func (s *store) dropGoneWays() {
	out := s.ways[:0]
	for _, w := range s.ways {
		if !w.gone {
			out = append(out, w)
		}
	}
	s.ways = out
	clear(s.wayIndex)
	for i, w := range s.ways {
		s.wayIndex[w.id] = i
	}
}

// coord returns the location of node id. O(log n).
func (s *store) coord(id int64) (orb.Point, bool) {
	i, ok := slices.BinarySearchFunc(s.nodes, id, func(n node, id int64) int { return cmp.Compare(n.id, id) })
	if !ok {
		return orb.Point{}, false
	}
	return orb.Point{s.nodes[i].lon, s.nodes[i].lat}, true
}

// way returns the way with the given id, or nil.
func (s *store) way(id int64) *way {
	i, ok := s.wayIndex[id]
	if !ok {
		return nil
	}
	return &s.ways[i]
}

// resolve returns the nodes of refs that have a location, in order, with
// consecutive repeats of one node collapsed, and how many refs had none.
func (s *store) resolve(refs []int64) (ids []int64, line orb.LineString, missing int) {
	ids = make([]int64, 0, len(refs))
	line = make(orb.LineString, 0, len(refs))
	for _, id := range refs {
		p, ok := s.coord(id)
		if !ok {
			missing++
			continue
		}
		if k := len(ids); k > 0 && ids[k-1] == id {
			continue
		}
		ids = append(ids, id)
		line = append(line, p)
	}
	return ids, line, missing
}

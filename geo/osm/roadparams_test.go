package osm

import (
	"testing"

	"github.com/paulmach/osm"
)

func tagsOf(kv ...string) osm.Tags {
	var ts osm.Tags
	for i := 0; i+1 < len(kv); i += 2 {
		ts = append(ts, osm.Tag{Key: kv[i], Value: kv[i+1]})
	}
	return ts
}

func TestParseOneway(t *testing.T) {
	tests := []struct {
		name string
		tags osm.Tags
		want direction
	}{
		{"untagged", tagsOf("highway", "residential"), bothWays},
		{"yes", tagsOf("highway", "residential", "oneway", "yes"), forwardOnly},
		{"true", tagsOf("highway", "residential", "oneway", "true"), forwardOnly},
		{"1", tagsOf("highway", "residential", "oneway", "1"), forwardOnly},
		{"-1", tagsOf("highway", "residential", "oneway", "-1"), backwardOnly},
		{"reverse", tagsOf("highway", "residential", "oneway", "reverse"), backwardOnly},
		{"reversible", tagsOf("highway", "primary", "oneway", "reversible"), bothWays},
		{"roundabout", tagsOf("highway", "primary", "junction", "roundabout"), forwardOnly},
		{"circular", tagsOf("highway", "primary", "junction", "circular"), forwardOnly},
		{"roundabout oneway=no", tagsOf("highway", "primary", "junction", "roundabout", "oneway", "no"), bothWays},
		{"motorway", tagsOf("highway", "motorway"), forwardOnly},
		{"motorway oneway=no", tagsOf("highway", "motorway", "oneway", "no"), bothWays},
		{"motorway_link", tagsOf("highway", "motorway_link"), bothWays},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseOneway(tc.tags, tc.tags.Find("highway")); got != tc.want {
				t.Errorf("direction %d, want %d", got, tc.want)
			}
		})
	}
}

func TestLanes(t *testing.T) {
	tests := []struct {
		name            string
		tags            osm.Tags
		fwd, bwd, total int
	}{
		{"untagged two-way", tagsOf("highway", "residential"), 1, 1, 2},
		{"untagged one-way", tagsOf("highway", "residential", "oneway", "yes"), 1, 0, 1},
		{"lanes=2", tagsOf("highway", "primary", "lanes", "2"), 1, 1, 2},
		{"lanes=3 odd lane forward", tagsOf("highway", "primary", "lanes", "3"), 2, 1, 3},
		{"lanes=4", tagsOf("highway", "primary", "lanes", "4"), 2, 2, 4},
		{"lanes=1 two-way", tagsOf("highway", "primary", "lanes", "1"), 1, 1, 1},
		{"forward given", tagsOf("highway", "primary", "lanes", "5", "lanes:forward", "3"), 3, 2, 5},
		{"backward given", tagsOf("highway", "primary", "lanes", "5", "lanes:backward", "1"), 4, 1, 5},
		{"both given", tagsOf("highway", "primary", "lanes:forward", "2", "lanes:backward", "3"), 2, 3, 5},
		{"centre turn lane", tagsOf("highway", "primary", "lanes", "5", "lanes:both_ways", "1"), 2, 2, 5},
		{"one-way lanes=3", tagsOf("highway", "primary", "oneway", "yes", "lanes", "3"), 3, 0, 3},
		{"oneway=-1 lanes=2", tagsOf("highway", "primary", "oneway", "-1", "lanes", "2"), 0, 2, 2},
		{"bad lanes", tagsOf("highway", "primary", "lanes", "2;3"), 1, 1, 2},
		{"footway", tagsOf("highway", "footway"), 1, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := parseRoad(tc.tags, &Options{})
			if p.lanesFwd != tc.fwd || p.lanesBwd != tc.bwd || p.lanesTotal != tc.total {
				t.Errorf("lanes fwd %d bwd %d total %d, want %d %d %d",
					p.lanesFwd, p.lanesBwd, p.lanesTotal, tc.fwd, tc.bwd, tc.total)
			}
		})
	}
}

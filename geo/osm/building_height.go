package osm

import (
	"math"

	"github.com/paulmach/osm"

	"twin/geo"
)

// heights fills Height, MinHeight, Levels and HeightSource of a building or
// part from its tags (the OSM Simple 3D Buildings scheme):
//
//   - Height: height=* ("height"); else (building:levels + roof:levels) ×
//     geo.LevelHeight when building:levels > 0 ("levels"; roof storeys
//     count because height=* includes the roof); else MinHeight plus
//     geo.DefaultBuildingHeight of the type ("default").
//   - MinHeight: min_height=*, else building:min_level × geo.LevelHeight,
//     else 0.
//   - Levels: building:levels rounded to a whole storey, else 0.
//
// A tag that is present but unreadable is ignored with a warning and the
// next source is used. When a tagged Height does not exceed MinHeight the
// pair is contradictory: MinHeight is reset to 0 with a warning.
func (b *builder) heights(bd *geo.Building, tags osm.Tags, pos int64) {
	minH, hasMin := b.lengthTag(bd.ID, tags, "min_height", pos)
	if !hasMin {
		if v, ok := b.levelsTag(bd.ID, tags, "building:min_level", pos); ok {
			minH = v * geo.LevelHeight
		}
	}
	levels, hasLevels := b.levelsTag(bd.ID, tags, "building:levels", pos)
	roof, _ := b.levelsTag(bd.ID, tags, "roof:levels", pos)
	if hasLevels {
		bd.Levels = int(math.Round(levels))
	}
	if h, ok := b.lengthTag(bd.ID, tags, "height", pos); ok {
		bd.Height, bd.HeightSource = h, "height"
	} else if hasLevels && levels > 0 {
		bd.Height, bd.HeightSource = (levels+roof)*geo.LevelHeight, "levels"
	} else {
		bd.Height, bd.HeightSource = minH+geo.DefaultBuildingHeight(bd.Type), "default"
	}
	if bd.Height <= minH && minH > 0 {
		b.warn(pos, "%s: height %g m not above min height %g m; min height set to 0", bd.ID, bd.Height, minH)
		minH = 0
	}
	bd.MinHeight = minH
}

// lengthTag reads a length tag (ParseLength); ok is false when absent or
// unreadable (a warning then says so).
func (b *builder) lengthTag(id string, tags osm.Tags, key string, pos int64) (float64, bool) {
	return b.numberTag(id, tags, key, pos, ParseLength)
}

// levelsTag reads a storey-count tag (ParseLevels) like lengthTag.
func (b *builder) levelsTag(id string, tags osm.Tags, key string, pos int64) (float64, bool) {
	return b.numberTag(id, tags, key, pos, ParseLevels)
}

// numberTag reads tag key with parse; ok is false when the tag is absent or
// parse fails, which is warned about at pos for object id.
func (b *builder) numberTag(id string, tags osm.Tags, key string, pos int64, parse func(string) (float64, bool)) (float64, bool) {
	t := tags.FindTag(key)
	if t == nil {
		return 0, false
	}
	v, ok := parse(t.Value)
	if !ok {
		b.warn(pos, "%s: %s=%q not understood; ignored", id, key, t.Value)
	}
	return v, ok
}

package osm

import (
	"context"
	"fmt"

	"github.com/paulmach/osm"

	"twin/geo"
)

// builder turns the merged store into features.
type builder struct {
	ds  *geo.Dataset
	s   *store
	opt *Options
	xml bool // positions are lines, else byte offsets
	// drivable collects the highway ways of the motor-vehicle graph for
	// the links and road_nodes layers, in file order.
	drivable []drivableWay
}

func newBuilder(ds *geo.Dataset, s *store, opt *Options, xml bool) *builder {
	return &builder{ds: ds, s: s, opt: opt, xml: xml}
}

// build runs the layer builders in a fixed order, so the output is the
// same for the same input.
func (b *builder) build(ctx context.Context) error {
	steps := []func(){b.roads, b.graph, b.restrictions, b.buildings, b.pois}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		step()
	}
	return ctx.Err()
}

// warn records a warning at pos (a line for XML, a blob offset for PBF).
func (b *builder) warn(pos int64, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if b.xml {
		b.ds.Warn(int(pos), -1, msg)
	} else {
		b.ds.Warn(0, pos, msg)
	}
}

// attrs converts tags into feature attributes (all values strings).
func attrs(tags osm.Tags) geo.Attrs {
	a := make(geo.Attrs, len(tags))
	for _, t := range tags {
		a[t.Key] = t.Value
	}
	return a
}

package api

import (
	"reflect"
	"testing"

	"github.com/gogo/protobuf/proto"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/encoding/mvt/vectortile"
	"github.com/paulmach/orb/geojson"
)

// encoderCase is one feature for the encoder tests: the tile geometry as
// the renderer hands it over, the same geometry as orb would take it, and
// the attributes.
type encoderCase struct {
	g     tileGeom
	orb   orb.Geometry
	attrs []tileAttr
}

var encoderFields = []tileField{{"id", kindString}, {"class", kindString}, {"height", kindNumber}, {"oneway", kindBool}}

func encoderCases() []encoderCase {
	sq := orb.Ring{{10, 10}, {100, 10}, {100, 100}, {10, 100}, {10, 10}}  // positive area, y down: exterior
	hole := orb.Ring{{20, 20}, {20, 50}, {50, 50}, {50, 20}, {20, 20}}    // negative: hole
	far := orb.Ring{{-60, 4000}, {4150, 4000}, {4150, 4150}, {-60, 4000}} // in the buffer
	line := orb.LineString{{0, 0}, {4096, 4096}, {-64, 30}}
	line2 := orb.LineString{{5, 5}, {6, 5}}
	return []encoderCase{
		{tileGeom{geomPoint, [][]orb.Point{{{1, 2}}}}, orb.Point{1, 2},
			[]tileAttr{idAttr(0, "n1"), strAttr(1, "signal"), numAttr(2, 3)}},
		{tileGeom{geomPoint, [][]orb.Point{{{1, 2}, {4160, -64}}}}, orb.MultiPoint{{1, 2}, {4160, -64}},
			[]tileAttr{idAttr(0, "n2"), strAttr(1, "signal"), numAttr(2, -3), boolAttr(3, true)}},
		{tileGeom{geomLine, [][]orb.Point{line}}, line,
			[]tileAttr{idAttr(0, "w1"), strAttr(1, "primary"), numAttr(2, 12.25), boolAttr(3, false)}},
		{tileGeom{geomLine, [][]orb.Point{line, line2}}, orb.MultiLineString{line, line2},
			[]tileAttr{idAttr(0, "w2"), strAttr(1, "primary"), numAttr(2, 12.25), boolAttr(3, true)}},
		{tileGeom{geomPolygon, [][]orb.Point{sq, hole}}, orb.Polygon{sq, hole},
			[]tileAttr{idAttr(0, "w3"), strAttr(1, "yes"), numAttr(2, 1e17)}},
		{tileGeom{geomPolygon, [][]orb.Point{sq, hole, far}}, orb.MultiPolygon{{sq, hole}, {far}},
			[]tileAttr{idAttr(0, "r4"), strAttr(1, ""), numAttr(2, -0.5)}},
	}
}

// TestEncoderMatchesOrb encodes the same features with tileEncoder and
// with orb's mvt.Marshal, decodes both with orb's mvt.Unmarshal, and
// expects the same layers, geometries and properties.
func TestEncoderMatchesOrb(t *testing.T) {
	var e tileEncoder
	ref := &mvt.Layer{Name: "things", Version: 2, Extent: tileExtent}
	e.beginLayer()
	for _, c := range encoderCases() {
		e.feature(&c.g, c.attrs)
		props := geojson.Properties{}
		for _, a := range c.attrs {
			props[encoderFields[a.key].name] = orbValue(a.v)
		}
		ref.Features = append(ref.Features, &geojson.Feature{Type: "Feature", Geometry: c.orb, Properties: props})
	}
	e.endLayer("things", encoderFields)
	e.beginLayer() // an empty layer is left out
	e.endLayer("nothing", encoderFields)

	want, err := mvt.Marshal(mvt.Layers{ref})
	if err != nil {
		t.Fatal(err)
	}
	gotLayers, err := mvt.Unmarshal(e.out)
	if err != nil {
		t.Fatalf("orb cannot decode the tile: %v", err)
	}
	wantLayers, _ := mvt.Unmarshal(want)
	if len(gotLayers) != 1 {
		t.Fatalf("%d layers, want 1", len(gotLayers))
	}
	g, w := gotLayers[0], wantLayers[0]
	if g.Name != w.Name || g.Version != w.Version || g.Extent != w.Extent || len(g.Features) != len(w.Features) {
		t.Fatalf("layer %s v%d extent %d with %d features, want %s v%d extent %d with %d",
			g.Name, g.Version, g.Extent, len(g.Features), w.Name, w.Version, w.Extent, len(w.Features))
	}
	for i := range g.Features {
		gf, wf := g.Features[i], w.Features[i]
		if !orb.Equal(gf.Geometry, wf.Geometry) {
			t.Errorf("feature %d: geometry %v, want %v", i, gf.Geometry, wf.Geometry)
		}
		if !reflect.DeepEqual(gf.Properties, wf.Properties) {
			t.Errorf("feature %d: properties %v, want %v", i, gf.Properties, wf.Properties)
		}
	}
}

// orbValue is v as orb's encoder takes it: whole numbers as int64 (written
// as sint, as tileEncoder does), others as float64.
func orbValue(v tileValue) any {
	switch v.kind {
	case kindString:
		return v.s
	case kindBool:
		return v.x == 1
	}
	if v.x == float64(int64(v.x)) && v.x < maxExactInFloat64 && v.x > -maxExactInFloat64 {
		return int64(v.x)
	}
	return v.x
}

// TestEncoderValueTable checks with the generated protobuf types that
// equal values share one entry and that keys are the layer's fields.
func TestEncoderValueTable(t *testing.T) {
	var e tileEncoder
	e.beginLayer()
	for _, c := range encoderCases() {
		e.feature(&c.g, c.attrs)
	}
	e.endLayer("things", encoderFields)
	var vt vectortile.Tile
	if err := proto.Unmarshal(e.out, &vt); err != nil {
		t.Fatal(err)
	}
	l := vt.Layers[0]
	if got := l.GetKeys(); !reflect.DeepEqual(got, []string{"id", "class", "height", "oneway"}) {
		t.Errorf("keys %v", got)
	}
	// 6 ids + classes signal, primary, yes, "" + heights 3, -3, 12.25,
	// 1e17, -0.5 + true, false.
	if n := len(l.GetValues()); n != 17 {
		t.Errorf("%d values, want 17", n)
	}
	seen := map[string]bool{}
	for _, v := range l.GetValues() {
		k := v.String()
		if seen[k] {
			t.Errorf("value %s twice", k)
		}
		seen[k] = true
	}
	if l.GetVersion() != 2 || l.GetExtent() != tileExtent {
		t.Errorf("version %d, extent %d", l.GetVersion(), l.GetExtent())
	}
}

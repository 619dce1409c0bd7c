package geo

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestPipeAt(t *testing.T) {
	p := &Pipe{InvertFrom: 10, InvertTo: 8, GroundFrom: 14, GroundTo: 13, Diameter: 0.5}
	tests := []struct{ t, inv, ground float64 }{
		{0, 10, 14}, {0.25, 9.5, 13.75}, {1, 8, 13}, {-1, 10, 14}, {2, 8, 13},
	}
	for _, tc := range tests {
		inv, g := p.At(tc.t)
		if math.Abs(inv-tc.inv) > 1e-12 || math.Abs(g-tc.ground) > 1e-12 {
			t.Errorf("At(%v) = %v, %v; want %v, %v (linear interpolation)", tc.t, inv, g, tc.inv, tc.ground)
		}
	}
	if lo, hi := p.ZRange(); lo != 8 || hi != 10.5 {
		t.Errorf("ZRange = %v, %v; want 8 (lower invert), 10.5 (higher crown)", lo, hi)
	}
}

func TestBuildingFloorArea(t *testing.T) {
	// A 20 m × 10 m footprint with a 4 m × 5 m courtyard: 180 m².
	fp := orb.MultiPolygon{{
		{{0, 0}, {20, 0}, {20, 10}, {0, 10}, {0, 0}},
		{{2, 2}, {2, 7}, {6, 7}, {6, 2}, {2, 2}},
	}}
	tests := []struct {
		name string
		b    Building
		want float64
	}{
		{"levels", Building{Footprint: fp, Levels: 4, Height: 99}, 720},
		{"from height", Building{Footprint: fp, Height: 9}, 540},
		{"low roof", Building{Footprint: fp, Height: 1}, 180},
		{"with min_height", Building{Footprint: fp, Height: 12, MinHeight: 6}, 360},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.b.FloorArea(); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("FloorArea = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestPropertiesAreJSON: every feature type's properties encode as JSON,
// with unknown (NaN) elevations left out rather than breaking the encoder.
func TestPropertiesAreJSON(t *testing.T) {
	fs := []Feature{
		&Building{ID: "b", Ground: NaN, Height: 9, Attrs: Attrs{"name": "x"}},
		&Pipe{ID: "p", GroundFrom: NaN, GroundTo: NaN},
		&PipeNode{ID: "n", Ground: NaN},
		&RoadLink{ID: "l", MaxSpeed: 13.9},
		&RoadNode{ID: "r"},
		&Generic{ID: "g", Z: NaN, Props: map[string]any{"v": 1.5}},
		&RainGauge{ID: "rg"},
	}
	for _, f := range fs {
		if _, err := json.Marshal(f.Properties()); err != nil {
			t.Errorf("%T properties: %v", f, err)
		}
		if f.Properties()["id"] == nil && f.FeatureID() != "g" {
			t.Errorf("%T properties have no id", f)
		}
	}
	if (&RainGauge{ID: "rg"}).Geometry() != nil {
		t.Error("a gauge without a location has a geometry")
	}
}

func TestParseError(t *testing.T) {
	e := LineError("a.inp", 12, ErrSyntax, "bad number %q", "x")
	if e.Error() != `a.inp:12: geo: syntax error: bad number "x"` || !errors.Is(e, ErrSyntax) {
		t.Errorf("got %q", e.Error())
	}
	o := OffsetError("a.pbf", 4096, ErrInvalid, "truncated")
	if o.Error() != "a.pbf: offset 4096: geo: invalid data: truncated" || !errors.Is(o, ErrInvalid) {
		t.Errorf("got %q", o.Error())
	}
}

func TestTransformMovesEveryCoordinate(t *testing.T) {
	shift := func(p orb.Point) orb.Point { return orb.Point{p[0] + 1, p[1] + 2} }
	b := &Building{Footprint: orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		Surfaces: []Surface{{Rings: [][]Point3{{{0, 0, 5}}}}}}
	Transform(b, shift)
	if b.Footprint[0][0][2] != (orb.Point{2, 3}) || b.Surfaces[0].Rings[0][0] != (Point3{1, 2, 5}) {
		t.Errorf("building not moved: %v %v", b.Footprint, b.Surfaces)
	}
	n := &RoadNode{Point: orb.Point{5, 5}}
	Transform(n, shift)
	g := &Generic{Geom: orb.Point{0, 0}}
	Transform(g, shift)
	if n.Point != (orb.Point{6, 7}) || g.Geom != (orb.Point{1, 2}) {
		t.Errorf("points not moved: %v %v", n.Point, g.Geom)
	}
}

func TestWithAttrs(t *testing.T) {
	orig := &Road{ID: "w1", Attrs: Attrs{"highway": "primary", "name": "Bd"}}
	f, ok := WithAttrs(orig, map[string]any{"closed": true, "name": nil})
	if !ok {
		t.Fatal("Road not supported")
	}
	r := f.(*Road)
	if r.Attrs["closed"] != true || r.Attrs["highway"] != "primary" || r.Attrs["name"] != nil {
		t.Errorf("copy attrs %v", r.Attrs)
	}
	if _, has := orig.Attrs["closed"]; has || orig.Attrs["name"] != "Bd" {
		t.Errorf("original modified: %v", orig.Attrs)
	}
	for _, f := range []Feature{&Generic{}, &Building{}, &RoadLink{}, &RoadNode{}, &Pipe{}, &PipeNode{}, &TurnRestriction{}, &Subcatchment{}, &RainGauge{}} {
		if _, ok := WithAttrs(f, map[string]any{"x": 1.0}); !ok {
			t.Errorf("%T not supported", f)
		}
	}
}

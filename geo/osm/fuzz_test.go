package osm

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"twin/geo"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must not panic, and it
// must either fail with a *geo.ParseError naming the file or return a sane
// dataset (see checkSane). Seeds: the XML fixture, a small real PBF with
// zlib and with raw blobs, and a few hand-made edge cases. The seeds are
// a few KB, so run it with a short minimisation time:
//
//	go test -run='^$' -fuzz=FuzzDecode -fuzztime=60s -fuzzminimizetime=2s ./geo/osm/
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"testdata/fixture.osm", "testdata/monaco-small.osm.pbf", "testdata/monaco-small-raw.osm.pbf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<osm><node id="1" lat="1" lon="2"/><node id="2" lat="1" lon="2.001"/>` +
		`<way id="3"><nd ref="1"/><nd ref="2"/><nd ref="1"/><tag k="highway" v="primary"/><tag k="building" v="yes"/></way>` +
		`<relation id="4"><member type="way" ref="3" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="yes"/></relation></osm>`))
	f.Add([]byte("\ufeff  <osm>"))
	f.Add([]byte(`<osm><node id="5" lat="43.7" lon="7.4"><tag k="amenity" v="fire_station"/></node>` +
		`<node id="6" lat="43.7" lon="7.4"><tag k="emergency" v="ambulance_station"/></node><node id="6" visible="false"/></osm>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Decode(context.Background(), bytes.NewReader(data), "fuzz.osm", Options{Workers: 2})
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %q (%T) is not a *geo.ParseError", err, err)
			}
			if pe.File != "fuzz.osm" {
				t.Fatalf("error names file %q", pe.File)
			}
			return
		}
		checkSane(t, ds)
	})
}

// checkSane asserts the invariants every decoded dataset keeps: IDs unique
// per layer, locations on the globe, lines of 2+ points, positive finite
// lengths and speeds, at least one lane per link, closed and correctly
// oriented rings, finite heights with MinHeight below Height, points of
// interest only in their layer and only with listed tags.
func checkSane(t *testing.T, ds *geo.Dataset) {
	t.Helper()
	for layer, fs := range ds.Layers {
		seen := make(map[string]bool, len(fs))
		for _, f := range fs {
			if seen[f.FeatureID()] {
				t.Fatalf("%s: duplicate id %s", layer, f.FeatureID())
			}
			seen[f.FeatureID()] = true
			checkPoints(t, f)
			switch f := f.(type) {
			case *geo.Road:
				if len(f.Line) < 2 || !finitePos(f.Length) || !(f.MaxSpeed > 0) || f.Lanes < 0 {
					t.Fatalf("bad road %+v", f)
				}
			case *geo.RoadLink:
				if len(f.Line) < 2 || !finitePos(f.Length) || !(f.MaxSpeed > 0) || f.Lanes < 1 {
					t.Fatalf("bad link %+v", f)
				}
			case *geo.Building:
				checkBuilding(t, f)
			case *geo.Generic:
				checkPOI(t, layer, f)
			}
		}
	}
}

// checkPOI asserts a point of interest is a node point in the pois layer
// with NaN Z and string properties that pass IsPOI.
func checkPOI(t *testing.T, layer string, g *geo.Generic) {
	t.Helper()
	_, isPoint := g.Geom.(orb.Point)
	if layer != geo.LayerPOIs || !isPoint || !strings.HasPrefix(g.ID, "n") || !math.IsNaN(g.Z) {
		t.Fatalf("bad point of interest in %s: %+v", layer, g)
	}
	var tags osm.Tags
	for k, v := range g.Props {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("%s: property %s is %T, want string", g.ID, k, v)
		}
		tags = append(tags, osm.Tag{Key: k, Value: s})
	}
	if !IsPOI(tags) {
		t.Fatalf("%s: tags %v are not a point of interest", g.ID, tags)
	}
}

func finitePos(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }

// checkPoints asserts every coordinate is a valid lon/lat.
func checkPoints(t *testing.T, f geo.Feature) {
	t.Helper()
	var bad bool
	visit := func(p orb.Point) {
		if !validLonLat(p[0], p[1]) {
			bad = true
		}
	}
	switch g := f.Geometry().(type) {
	case orb.Point:
		visit(g)
	case orb.LineString:
		for _, p := range g {
			visit(p)
		}
	case orb.Polygon:
		for _, r := range g {
			for _, p := range r {
				visit(p)
			}
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				for _, p := range r {
					visit(p)
				}
			}
		}
	}
	if bad {
		t.Fatalf("%s: coordinate off the globe", f.FeatureID())
	}
}

func checkBuilding(t *testing.T, b *geo.Building) {
	t.Helper()
	if len(b.Footprint) == 0 || !finitePos(b.Height) || !finitePos(b.MinHeight) ||
		(b.MinHeight > 0 && b.MinHeight >= b.Height) || !math.IsNaN(b.Ground) {
		t.Fatalf("bad building %s: height %v min %v ground %v parts %d", b.ID, b.Height, b.MinHeight, b.Ground, len(b.Footprint))
	}
	for _, pg := range b.Footprint {
		for i, r := range pg {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Fatalf("building %s: ring %d not closed or too short: %v", b.ID, i, r)
			}
			if want := orb.CCW; (i == 0) != (r.Orientation() == want) {
				t.Fatalf("building %s: ring %d has orientation %v", b.ID, i, r.Orientation())
			}
		}
	}
}

// FuzzTagValues checks the tag value parsers never panic and keep their
// documented ranges.
func FuzzTagValues(f *testing.F) {
	for _, s := range []string{"50", "30 mph", "FR:urban", "DE:zone:30", "none", `40'6"`, "12,5 m", "2.5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseMaxSpeed(s); ok && !(v > 0 && v <= 300/3.6+1e-9) {
			t.Fatalf("ParseMaxSpeed(%q) = %v m/s", s, v)
		}
		if v, ok := ParseLength(s); ok && !(v >= 0 && v <= maxLength) {
			t.Fatalf("ParseLength(%q) = %v m", s, v)
		}
		if v, ok := ParseLevels(s); ok && !(v >= 0 && v <= 300) {
			t.Fatalf("ParseLevels(%q) = %v", s, v)
		}
	})
}

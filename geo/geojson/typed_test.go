package geojson

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// orbEarthRadius is the sphere radius orb/geo measures on (orb.EarthRadius,
// metres); lon/lat lengths below are R·Δφ along a meridian.
const orbEarthRadius = 6378137.0

// decodeOne decodes a single feature with geometry geom and properties
// props into layer, with the given crs member ("" for RFC 7946).
func decodeOne(t *testing.T, layer, crs, geom, props string) (geo.Feature, *geo.Dataset) {
	t.Helper()
	in := `{"type":"FeatureCollection",` + crs + `"features":[{"type":"Feature","id":"f","geometry":` + geom + `,"properties":` + props + `}]}`
	ds := decodeString(t, in, Options{Layer: layer})
	fs := ds.Layers[layer]
	if len(fs) != 1 {
		t.Fatalf("decoded %d features, warnings %v", len(fs), ds.Warnings)
	}
	return fs[0], ds
}

const (
	polyGeom = `{"type":"Polygon","coordinates":[[[0,0],[50,0],[50,50],[0,50],[0,0]]]}`
	lineGeom = `{"type":"LineString","coordinates":[[0,0],[3,4]]}`
	ptGeom   = `{"type":"Point","coordinates":[1,2]}`
	utm32    = `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32632"}},`
)

// TestBuildingDefaults checks the documented height rules; the expected
// heights are levels×geo.LevelHeight (3 m) and geo's per-type storeys
// (house 2, apartments 5, unknown 3).
func TestBuildingDefaults(t *testing.T) {
	tests := []struct {
		name, props string
		height      float64
		source      string
		typ         string
		attrs       geo.Attrs
		warnings    int
	}{
		{"height", `{"height":12.5,"levels":9}`, 12.5, "height", "", nil, 0},
		{"height as string", `{"height":" 12.5 "}`, 12.5, "height", "", nil, 0},
		{"height_source kept", `{"height":8,"height_source":"lod"}`, 8, "lod", "", nil, 0},
		{"levels", `{"levels":4}`, 12, "levels", "", nil, 0},
		{"levels rounded", `{"levels":"2.6"}`, 9, "levels", "", nil, 0},
		{"type default", `{"type":"house"}`, 6, "default", "house", nil, 0},
		{"type upper case", `{"type":"HOUSE"}`, 6, "default", "HOUSE", nil, 0},
		{"osm building attribute", `{"building":"apartments"}`, 15, "default", "apartments", geo.Attrs{"building": "apartments"}, 0},
		{"nothing", `{}`, 9, "default", "", nil, 0},
		{"case-insensitive", `{"Height":20}`, 20, "height", "", geo.Attrs{"Height": 20.0}, 0},
		{"bad height", `{"height":"tall","levels":2}`, 6, "levels", "", geo.Attrs{"height": "tall"}, 1},
		{"null height", `{"height":null}`, 9, "default", "", nil, 0},
		{"id property dropped", `{"id":"f","height":3}`, 3, "height", "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ds := decodeOne(t, geo.LayerBuildings, utm32, polyGeom, tt.props)
			b := f.(*geo.Building)
			if b.Height != tt.height || b.HeightSource != tt.source || b.Type != tt.typ {
				t.Errorf("height %v (%s) type %q, want %v (%s) %q", b.Height, b.HeightSource, b.Type, tt.height, tt.source, tt.typ)
			}
			if !deepEqual(b.Attrs, tt.attrs) {
				t.Errorf("attrs %v, want %v", b.Attrs, tt.attrs)
			}
			if !math.IsNaN(b.Ground) {
				t.Errorf("ground %v, want NaN", b.Ground)
			}
			if len(ds.Warnings) != tt.warnings {
				t.Errorf("warnings %v, want %d", ds.Warnings, tt.warnings)
			}
		})
	}
}

// TestRoadLinkDefaults checks speeds (km/h ÷ 3.6, mph × 0.44704 m/s by
// definition), lanes, oneway spellings and measured lengths.
func TestRoadLinkDefaults(t *testing.T) {
	tests := []struct {
		name, crs, geom, props string
		speed                  float64
		source                 string
		length                 float64
		lanes                  int
		oneway                 bool
		class                  string
	}{
		{"m/s number", utm32, lineGeom, `{"maxspeed":10,"lanes":2,"oneway":true}`, 10, "tag", 5, 2, true, ""},
		{"osm km/h string", utm32, lineGeom, `{"maxspeed":"50","oneway":"yes","highway":"primary"}`, 50 / 3.6, "tag", 5, 1, true, "primary"},
		{"osm mph string", utm32, lineGeom, `{"maxspeed":"30 mph","oneway":"no"}`, 30 * 0.44704, "tag", 5, 1, false, ""},
		{"kmh fallback", utm32, lineGeom, `{"maxspeed_kmh":36,"class":"service","highway":"x"}`, 10, "tag", 5, 1, false, "service"},
		{"no speed", utm32, lineGeom, `{"oneway":1}`, 0, "", 5, 1, true, ""},
		{"osm none", utm32, lineGeom, `{"maxspeed":"none"}`, 0, "", 5, 1, false, ""},
		{"length given", utm32, lineGeom, `{"length":7.5,"lanes":0}`, 0, "", 7.5, 1, false, ""},
		{"single-part multilinestring", utm32, `{"type":"MultiLineString","coordinates":[[[0,0],[3,4]]]}`, `{}`, 0, "", 5, 1, false, ""},
		// One degree of latitude on orb's sphere: R·π/180.
		{"lon/lat length", "", `{"type":"LineString","coordinates":[[7,43],[7,44]]}`, `{}`, 0, "", orbEarthRadius * math.Pi / 180, 1, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := decodeOne(t, geo.LayerLinks, tt.crs, tt.geom, tt.props)
			r := f.(*geo.RoadLink)
			if !near(r.MaxSpeed, tt.speed, 1e-9) || r.SpeedSource != tt.source {
				t.Errorf("speed %v (%q), want %v (%q)", r.MaxSpeed, r.SpeedSource, tt.speed, tt.source)
			}
			if !near(r.Length, tt.length, 1e-6*tt.length) {
				t.Errorf("length %v, want %v", r.Length, tt.length)
			}
			if r.Lanes != tt.lanes || r.OneWay != tt.oneway || r.Class != tt.class {
				t.Errorf("lanes %d oneway %v class %q, want %d %v %q", r.Lanes, r.OneWay, r.Class, tt.lanes, tt.oneway, tt.class)
			}
		})
	}
}

// TestNetworkDefaults checks the pipe, node, subcatchment and gauge
// defaults. Areas: 50 m × 50 m = 2500 m²; 0.01° × 0.01° at the equator on
// orb's sphere ≈ (R·0.01·π/180)² (small-square approximation, good to 1e-4).
func TestNetworkDefaults(t *testing.T) {
	t.Run("pipe", func(t *testing.T) {
		f, _ := decodeOne(t, geo.LayerPipes, utm32, lineGeom, `{"diameter":"0.3","from":12}`)
		p := f.(*geo.Pipe)
		if p.Length != 5 || p.Diameter != 0.3 || p.From != "12" || !math.IsNaN(p.InvertFrom) || !math.IsNaN(p.GroundTo) {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("pipe node", func(t *testing.T) {
		f, _ := decodeOne(t, geo.LayerPipeNodes, utm32, `{"type":"MultiPoint","coordinates":[[1,2]]}`, `{"max_depth":2}`)
		n := f.(*geo.PipeNode)
		if n.Point != (orb.Point{1, 2}) || n.MaxDepth != 2 || !math.IsNaN(n.Invert) || !math.IsNaN(n.Ground) {
			t.Errorf("got %+v", n)
		}
	})
	t.Run("road node signal from highway tag", func(t *testing.T) {
		f, _ := decodeOne(t, geo.LayerRoadNodes, "", ptGeom, `{"highway":"traffic_signals"}`)
		if n := f.(*geo.RoadNode); !n.Signal || n.Attrs["highway"] != "traffic_signals" {
			t.Errorf("got %+v", n)
		}
	})
	tests := []struct {
		name, crs, geom, props string
		area                   float64
		gauge                  string
		attrs                  int
	}{
		{"measured planar", utm32, polyGeom, `{}`, 2500, "", 0},
		{"given", utm32, polyGeom, `{"area":12,"raingage":"RG1"}`, 12, "RG1", 0},
		{"case-insensitive gauge kept", utm32, polyGeom, `{"Raingage":"rg5425"}`, 2500, "rg5425", 1},
		{"ambiguous case", utm32, polyGeom, `{"Area":1,"AREA":2}`, 2500, "", 2},
		{"single-part multipolygon", utm32, `{"type":"MultiPolygon","coordinates":[[[[0,0],[50,0],[50,50],[0,50],[0,0]]]]}`, `{}`, 2500, "", 0},
		{"measured lon/lat", "", `{"type":"Polygon","coordinates":[[[0,0],[0.01,0],[0.01,0.01],[0,0.01],[0,0]]]}`, `{}`,
			math.Pow(orbEarthRadius*0.01*math.Pi/180, 2), "", 0},
	}
	for _, tt := range tests {
		t.Run("subcatchment "+tt.name, func(t *testing.T) {
			f, _ := decodeOne(t, geo.LayerSubcatchments, tt.crs, tt.geom, tt.props)
			s := f.(*geo.Subcatchment)
			if !near(s.Area, tt.area, 1e-4*tt.area) || s.RainGauge != tt.gauge || len(s.Attrs) != tt.attrs {
				t.Errorf("area %v gauge %q attrs %v, want %v %q %d", s.Area, s.RainGauge, s.Attrs, tt.area, tt.gauge, tt.attrs)
			}
		})
	}
	t.Run("rain gauge", func(t *testing.T) {
		f, _ := decodeOne(t, geo.LayerRainGauges, "", ptGeom, `{"format":"INTENSITY","interval":"900"}`)
		if g := f.(*geo.RainGauge); g.Format != "INTENSITY" || g.Interval != 900 || g.Attrs != nil {
			t.Errorf("got %+v", g)
		}
	})
}

// TestIsTyped checks the layer table.
func TestIsTyped(t *testing.T) {
	for _, l := range []string{"buildings", "roads", "links", "road_nodes", "restrictions", "pipes", "pipe_nodes", "subcatchments", "raingauges"} {
		if !IsTyped(l) {
			t.Errorf("IsTyped(%q) = false", l)
		}
	}
	for _, l := range []string{"sensors", "units", "features", "Buildings", ""} {
		if IsTyped(l) {
			t.Errorf("IsTyped(%q) = true", l)
		}
	}
}

// TestTypedWarningText checks that a wrong-typed property is reported with
// its name and kept.
func TestTypedWarningText(t *testing.T) {
	_, ds := decodeOne(t, geo.LayerPipes, utm32, lineGeom, `{"diameter":[1]}`)
	if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0].Msg, `property "diameter": want a finite number, got an array`) {
		t.Errorf("warnings %v", ds.Warnings)
	}
}

package osm

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

// TestSmallCounts checks testdata/monaco-small.osm.pbf against osmium:
//
//	osmium tags-filter -R -o T monaco-small.osm.pbf w/highway && osmium fileinfo -e T       → 32 ways
//	osmium tags-filter -R -o T monaco-small.osm.pbf w/building r/building && … fileinfo    → 16 ways, 0 relations
//	osmium tags-filter -R -o T monaco-small.osm.pbf n/highway=traffic_signals && …         → 5 nodes
//	osmium tags-filter -R -o T monaco-small.osm.pbf r/type=restriction && …                → 1 relation
//
// The file was cut with osmium extract -s simple, so ways crossing the box
// lose their outside nodes; none drops below 2 (roads) or 3 (buildings).
func TestSmallCounts(t *testing.T) {
	c := countDataset(decodeFile(t, "testdata/monaco-small.osm.pbf", Options{}))
	if c.roads+c.skipHighways != 32 || c.buildings+c.skipBuildings != 16 || c.signals != 5 ||
		c.restrictions+c.skipRestricts != 1 {
		t.Errorf("counts %+v, want 32 roads, 16 buildings, 5 signals, 1 restriction (with skips)", c)
	}
}

// comparable reduces a dataset to what must not depend on the encoding:
// per layer the features' IDs, geometries and properties, and the
// warnings' messages.
type comparable struct {
	IDs      map[string][]string
	Geoms    map[string][]any
	Props    map[string][]map[string]any
	Warnings []string
}

func reduce(ds *geo.Dataset) comparable {
	c := comparable{IDs: map[string][]string{}, Geoms: map[string][]any{}, Props: map[string][]map[string]any{}}
	for layer, fs := range ds.Layers {
		for _, f := range fs {
			c.IDs[layer] = append(c.IDs[layer], f.FeatureID())
			c.Geoms[layer] = append(c.Geoms[layer], f.Geometry())
			c.Props[layer] = append(c.Props[layer], f.Properties())
		}
	}
	for _, w := range ds.Warnings {
		c.Warnings = append(c.Warnings, w.Msg)
	}
	return c
}

// TestEncodingsAgree writes the small file in other encodings with osmium
// (non-dense nodes, no compression, no metadata, XML plain, gzip and
// bzip2) and checks that every one decodes to the same features.
func TestEncodingsAgree(t *testing.T) {
	osmium := sharedtest.Tool(t, "osmium")
	src := "testdata/monaco-small.osm.pbf"
	want := reduce(decodeFile(t, src, Options{}))
	tests := []struct{ name, file, format string }{
		{"plain nodes", "a.osm.pbf", "pbf,pbf_dense_nodes=false"},
		{"uncompressed", "b.osm.pbf", "pbf,pbf_compression=none"},
		{"no metadata", "c.osm.pbf", "pbf,add_metadata=false"},
		{"xml", "d.osm", "osm"},
		{"xml gzip", "e.osm.gz", "osm.gz"},
		{"xml bzip2", "f.osm.bz2", "osm.bz2"},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := filepath.Join(dir, tc.file)
			// osmium cat monaco-small.osm.pbf -o DST -f FORMAT
			if out, err := exec.Command(osmium, "cat", src, "-o", dst, "-f", tc.format).CombinedOutput(); err != nil {
				t.Fatalf("osmium: %v\n%s", err, out)
			}
			if got := reduce(decodeFile(t, dst, Options{})); !reflect.DeepEqual(got, want) {
				t.Errorf("%s decodes differently from the PBF", tc.format)
			}
		})
	}
}

// TestDeterministic decodes a many-block file with different worker
// counts: the output, warnings and their offsets included, must not
// change.
func TestDeterministic(t *testing.T) {
	path := sharedtest.Path(t, "osm/osrm-monaco.osm.pbf")
	want := decodeFile(t, path, Options{Workers: 1})
	got := decodeFile(t, path, Options{Workers: 5})
	if !reflect.DeepEqual(reduce(got), reduce(want)) || !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("Workers 5: output differs from Workers 1")
	}
}

// TestRealInvariants runs the fuzz target's sanity checks and the graph's
// consistency checks on the real files: every link joins two road nodes
// at its line's ends, and every road node but an off-road signal touches
// a drivable way.
func TestRealInvariants(t *testing.T) {
	for _, rf := range realFiles {
		t.Run(filepath.Base(rf.path), func(t *testing.T) {
			ds := decodeFile(t, sharedtest.Path(t, rf.path), Options{})
			checkSane(t, ds)
			nodes := map[string]*geo.RoadNode{}
			for _, f := range ds.Layers[geo.LayerRoadNodes] {
				n := f.(*geo.RoadNode)
				nodes[n.ID] = n
				if n.Degree == 0 && !n.Signal {
					t.Errorf("%s: degree 0 and no signal", n.ID)
				}
			}
			for _, f := range ds.Layers[geo.LayerLinks] {
				l := f.(*geo.RoadLink)
				from, to := nodes[l.From], nodes[l.To]
				if from == nil || to == nil {
					t.Fatalf("%s: %s→%s not both road nodes", l.ID, l.From, l.To)
				}
				if l.Line[0] != from.Point || l.Line[len(l.Line)-1] != to.Point {
					t.Errorf("%s: line ends %v…%v, nodes at %v, %v", l.ID, l.Line[0], l.Line[len(l.Line)-1], from.Point, to.Point)
				}
			}
		})
	}
}

func TestDecodeHistory(t *testing.T) {
	// Node 1 is deleted by its second version, way 10's second version
	// replaces the first, way 11 is deleted, JOSM's action="delete" too.
	in := `<osm>
<node id="1" version="1" lat="0" lon="0"/>
<node id="1" version="2" visible="false"/>
<node id="2" lat="0" lon="0.001"/>
<node id="3" lat="0" lon="0.002"/>
<node id="4" lat="0" lon="0.003" action="delete"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>
<way id="10" version="2"><nd ref="2"/><nd ref="3"/><tag k="highway" v="secondary"/></way>
<way id="11" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/></way>
<way id="11" version="2" visible="false"/>
<way id="12"><nd ref="3"/><nd ref="4"/><tag k="highway" v="primary"/></way>
</osm>`
	ds, err := Decode(context.Background(), bytes.NewReader([]byte(in)), "h.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	roads := ds.Layers[geo.LayerRoads]
	if len(roads) != 1 || roads[0].(*geo.Road).Class != "secondary" {
		t.Errorf("roads %v, want only w10 as secondary", roads)
	}
	want := []string{"way w12: 1 of 2 node refs missing", "way w12: highway skipped: fewer than 2 nodes with a location"}
	var got []string
	for _, w := range ds.Warnings {
		got = append(got, w.Msg)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
}

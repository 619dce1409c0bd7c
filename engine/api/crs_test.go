package api

// OGC API – Features Part 2 (CRS by reference), checked against PROJ's
// cs2cs run live and against the EPSG formulas.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/internal/sharedtest"
)

const (
	uriCRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	uri4326  = "http://www.opengis.net/def/crs/EPSG/0/4326"
	uri4490  = "http://www.opengis.net/def/crs/EPSG/0/4490"
	uri3857  = "http://www.opengis.net/def/crs/EPSG/0/3857"
	uri32632 = "http://www.opengis.net/def/crs/EPSG/0/32632" // the sample city's CRS (UTM 32N)
)

// page is the part of an items response these tests read.
type page struct {
	NumberMatched int           `json:"numberMatched"`
	Features      []pageFeature `json:"features"`
}

type pageFeature struct {
	ID       string `json:"id"`
	Geometry struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// points lists the feature's coordinate pairs in order, whatever the
// geometry's nesting.
func (p page) points(t *testing.T, i int) []orb.Point {
	t.Helper()
	var out []orb.Point
	var walk func(v any)
	walk = func(v any) {
		xs, _ := v.([]any)
		if len(xs) >= 2 {
			if x, ok := xs[0].(float64); ok {
				out = append(out, orb.Point{x, xs[1].(float64)})
				return
			}
		}
		for _, x := range xs {
			walk(x)
		}
	}
	var v any
	if err := json.Unmarshal(p.Features[i].Geometry.Coordinates, &v); err != nil {
		t.Fatal(err)
	}
	walk(v)
	return out
}

// fetchPage GETs an items path, expects 200 with Content-Crs <wantCRS>,
// and decodes the page.
func fetchPage(t *testing.T, ts *httptest.Server, path, wantCRS string) page {
	t.Helper()
	code, h, body := get(t, ts, path)
	if code != 200 {
		t.Fatalf("%s: %d %.300s", path, code, body)
	}
	if got := h.Get("Content-Crs"); got != "<"+wantCRS+">" {
		t.Errorf("%s: Content-Crs %q, want <%s>", path, got, wantCRS)
	}
	var p page
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

func crsQuery(uri string) string { return "&crs=" + url.QueryEscape(uri) }

// TestCRSLatLonOrder: EPSG:4326 and EPSG:4490 have latitude as their first
// axis (EPSG registry; Part 2 writes coordinates in the CRS's axis order),
// so their coordinates are the CRS84 ones swapped. CGCS2000 is taken as
// WGS84 (they differ by centimetres), so 4490 swaps the same numbers. The
// numbers are the same digits: no tolerance beyond float parsing.
func TestCRSLatLonOrder(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, layer := range []string{"buildings", "roads", "pipe_nodes"} {
		for _, uri := range []string{uri4326, uri4490} {
			t.Run(layer+"/"+uri[strings.LastIndex(uri, "/")+1:], func(t *testing.T) {
				path := "/collections/" + layer + "/items?limit=20&offset=100"
				ll := fetchPage(t, ts, path, uriCRS84)
				swapped := fetchPage(t, ts, path+crsQuery(uri), uri)
				if len(ll.Features) != 20 || len(swapped.Features) != 20 {
					t.Fatalf("%d and %d features, want 20", len(ll.Features), len(swapped.Features))
				}
				for i, f := range ll.Features {
					if swapped.Features[i].ID != f.ID {
						t.Fatalf("feature %d: %s vs %s", i, swapped.Features[i].ID, f.ID)
					}
					a, b := ll.points(t, i), swapped.points(t, i)
					if len(a) != len(b) || len(a) == 0 {
						t.Fatalf("%s: %d vs %d points", f.ID, len(a), len(b))
					}
					for j := range a {
						if a[j][0] != b[j][1] || a[j][1] != b[j][0] {
							t.Errorf("%s point %d: CRS84 %v, %s %v", f.ID, j, a[j], uri, b[j])
						}
					}
				}
			})
		}
	}
	t.Run("single item", func(t *testing.T) {
		ll := fetchPage(t, ts, "/collections/buildings/items?limit=1", uriCRS84)
		id := ll.Features[0].ID
		code, h, body := get(t, ts, "/collections/buildings/items/"+id+"?crs="+url.QueryEscape(uri4326))
		if code != 200 || h.Get("Content-Crs") != "<"+uri4326+">" {
			t.Fatalf("%d, Content-Crs %q", code, h.Get("Content-Crs"))
		}
		one := page{Features: make([]pageFeature, 1)}
		if err := json.Unmarshal(body, &one.Features[0]); err != nil {
			t.Fatal(err)
		}
		got, want := one.points(t, 0), ll.points(t, 0)
		if len(got) == 0 || got[0] != (orb.Point{want[0][1], want[0][0]}) {
			t.Errorf("first point %v, want %v swapped", got[0], want[0])
		}
	})
}

// cs2cs projects lon/lat points with PROJ's cs2cs from CRS84 to the target
// CRS (easting, northing in metres).
func cs2cs(t *testing.T, target string, pts []orb.Point) []orb.Point {
	t.Helper()
	bin := sharedtest.Tool(t, "cs2cs")
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.7f %.7f\n", p[0], p[1])
	}
	cmd := exec.CommandContext(t.Context(), bin, "-f", "%.6f", "OGC:CRS84", target)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cs2cs OGC:CRS84 %s: %v", target, err)
	}
	var res []orb.Point
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			t.Fatalf("cs2cs output %q", sc.Text())
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("cs2cs output %q", sc.Text())
		}
		res = append(res, orb.Point{x, y})
	}
	if len(res) != len(pts) {
		t.Fatalf("cs2cs gave %d points for %d", len(res), len(pts))
	}
	return res
}

// TestCRSProjectedAgreesWithCS2CS: crs=EPSG:32632 (the sample's own CRS)
// and crs=EPSG:3857 give the coordinates that cs2cs, run live, computes from
// the CRS84 output, within 1 mm. That holds because these layers come from
// OSM, whose coordinates are whole multiples of 1e-7° (OSM's data model):
// the 7-decimal CRS84 output gives back the source exactly, and the
// projected output is written with 3 decimals (±0.5 mm per axis).
func TestCRSProjectedAgreesWithCS2CS(t *testing.T) {
	sharedtest.Tool(t, "cs2cs")
	ts := newTestServer(t, Config{})
	const box = "&bbox=7.420,43.730,7.425,43.735"
	for _, layer := range []string{"buildings", "roads", "road_nodes"} {
		for _, c := range []struct{ uri, epsg string }{{uri32632, "EPSG:32632"}, {uri3857, "EPSG:3857"}} {
			t.Run(layer+"/"+c.epsg, func(t *testing.T) {
				path := "/collections/" + layer + "/items?limit=40" + box
				ll := fetchPage(t, ts, path, uriCRS84)
				xy := fetchPage(t, ts, path+crsQuery(c.uri), c.uri)
				if len(ll.Features) == 0 || len(xy.Features) != len(ll.Features) {
					t.Fatalf("%d and %d features", len(ll.Features), len(xy.Features))
				}
				var lonlat, got []orb.Point
				for i, f := range ll.Features {
					if xy.Features[i].ID != f.ID {
						t.Fatalf("feature %d: %s vs %s", i, xy.Features[i].ID, f.ID)
					}
					a, b := ll.points(t, i), xy.points(t, i)
					if len(a) != len(b) {
						t.Fatalf("%s: %d vs %d points", f.ID, len(a), len(b))
					}
					lonlat, got = append(lonlat, a...), append(got, b...)
				}
				want := cs2cs(t, c.epsg, lonlat)
				worst := 0.0
				for i := range got {
					d := math.Hypot(got[i][0]-want[i][0], got[i][1]-want[i][1])
					worst = math.Max(worst, d)
					if d > 1e-3 {
						t.Errorf("%v: served %v, cs2cs %v (%.2f mm)", lonlat[i], got[i], want[i], d*1e3)
					}
				}
				t.Logf("%d points, largest difference from cs2cs %.3f mm", len(got), worst*1e3)
			})
		}
	}
}

// webMercator projects lon/lat degrees to EPSG:3857 with the formula of
// EPSG Guidance Note 7-2, method 1024 (Popular Visualisation Pseudo
// Mercator): x = a·λ, y = a·ln tan(π/4 + φ/2), a = 6378137 m.
func webMercator(lon, lat float64) (x, y float64) {
	const a = 6378137.0
	return a * lon * math.Pi / 180, a * math.Log(math.Tan(math.Pi/4+lat*math.Pi/360))
}

// itemIDs fetches every feature ID an items query matches (one page).
func itemIDs(t *testing.T, ts *httptest.Server, path string) []string {
	t.Helper()
	code, _, body := get(t, ts, path+"&limit=10000")
	var p page
	if err := json.Unmarshal(body, &p); code != 200 || err != nil {
		t.Fatalf("%s: %d %v %.300s", path, code, err, body)
	}
	ids := make([]string, len(p.Features))
	for i, f := range p.Features {
		ids[i] = f.ID
	}
	slices.Sort(ids)
	return ids
}

// TestBBoxCRS: a bbox given in EPSG:4326 (latitude first), EPSG:4490 or
// EPSG:3857 selects the same features as the same lon/lat box in CRS84.
// Web Mercator maps a lon/lat box to an axis-aligned box exactly, so its
// corners from the EPSG formula describe the same area. Boxes far larger
// than the city must still find every feature.
func TestBBoxCRS(t *testing.T) {
	ts := newTestServer(t, Config{})
	n := sampleWorld(t).Snapshot().Layer("buildings").Len()
	tests := []struct {
		name string
		box  [4]float64 // minlon, minlat, maxlon, maxlat
		want int        // -1: above 0
	}{
		{"block", [4]float64{7.420, 43.730, 7.425, 43.735}, -1},
		{"thin strip", [4]float64{7.4200, 43.72, 7.4205, 43.76}, -1},
		{"whole city", [4]float64{7.40, 43.72, 7.45, 43.76}, n},
		{"most of the world", [4]float64{-180, -85, 180, 85}, n},
		{"Paris", [4]float64{2.30, 48.80, 2.40, 48.90}, 0},
	}
	f := func(vs ...float64) string {
		s := make([]string, len(vs))
		for i, v := range vs {
			s[i] = strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.box
			base := "/collections/buildings/items?bbox="
			want := itemIDs(t, ts, base+f(b[0], b[1], b[2], b[3]))
			if tc.want >= 0 && len(want) != tc.want || tc.want < 0 && len(want) == 0 {
				t.Fatalf("CRS84 bbox selects %d buildings, want %d", len(want), tc.want)
			}
			x0, y0 := webMercator(b[0], b[1])
			x1, y1 := webMercator(b[2], b[3])
			for _, q := range []struct{ name, query string }{
				{"EPSG:4326", f(b[1], b[0], b[3], b[2]) + "&bbox-crs=" + url.QueryEscape(uri4326)},
				{"EPSG:4490", f(b[1], b[0], b[3], b[2]) + "&bbox-crs=" + url.QueryEscape(uri4490)},
				{"EPSG:3857", f(x0, y0, x1, y1) + "&bbox-crs=" + url.QueryEscape(uri3857)},
				{"CRS84 by URI", f(b[0], b[1], b[2], b[3]) + "&bbox-crs=" + url.QueryEscape(uriCRS84)},
			} {
				if got := itemIDs(t, ts, base+q.query); !slices.Equal(got, want) {
					t.Errorf("bbox-crs %s selects %d buildings, CRS84 %d", q.name, len(got), len(want))
				}
			}
		})
	}
}

// TestContentCrs: every spelling of a CRS the server accepts answers with
// the Content-Crs header of its URI (Part 2, /req/crs/ogc-crs-header);
// CRSs it does not offer are a 400 naming the parameter.
func TestContentCrs(t *testing.T) {
	ts := newTestServer(t, Config{})
	tests := []struct {
		name, query string
		status      int
		header      string // wanted Content-Crs URI; param at fault for 400
	}{
		{"default", "", 200, uriCRS84},
		{"CRS84 URI", "crs=" + url.QueryEscape(uriCRS84), 200, uriCRS84},
		{"4326 URI", "crs=" + url.QueryEscape(uri4326), 200, uri4326},
		{"4326 safe CURIE", "crs=%5BEPSG:4326%5D", 200, uri4326},
		{"4326 URN", "crs=urn:ogc:def:crs:EPSG::4326", 200, uri4326},
		{"4490 URI", "crs=" + url.QueryEscape(uri4490), 200, uri4490},
		{"3857 URI", "crs=" + url.QueryEscape(uri3857), 200, uri3857},
		{"local CRS", "crs=" + url.QueryEscape(uri32632), 200, uri32632},
		{"known but not offered", "crs=http://www.opengis.net/def/crs/EPSG/0/32633", 400, "crs"},
		{"bbox-crs not offered", "bbox=1,2,3,4&bbox-crs=EPSG:2056", 400, "bbox-crs"},
		{"unknown", "crs=EPSG:0", 400, "crs"},
	}
	for _, tc := range tests {
		for _, path := range []string{"/collections/buildings/items?limit=1&", "/collections/buildings/items/w104863465?"} {
			if strings.HasPrefix(tc.query, "bbox") && strings.Contains(path, "/items/") {
				continue // a single item takes no bbox
			}
			t.Run(tc.name+path[strings.LastIndex(path, "/"):], func(t *testing.T) {
				code, h, body := get(t, ts, path+tc.query)
				if code != tc.status {
					t.Fatalf("status %d, want %d: %.300s", code, tc.status, body)
				}
				if code != 200 {
					var p Problem
					if err := json.Unmarshal(body, &p); err != nil || p.Param != tc.header {
						t.Errorf("problem %+v (%v), want parameter %q", p, err, tc.header)
					}
					return
				}
				if got := h.Get("Content-Crs"); got != "<"+tc.header+">" {
					t.Errorf("Content-Crs %q, want <%s>", got, tc.header)
				}
			})
		}
	}
}

// TestCollectionsListCRS: /collections and each collection list the CRSs
// they serve ("crs") and the one the data is held in ("storageCrs"), as Part
// 2 requires; CRS84 is among them, the sample city is stored in UTM 32N, and
// /conformance declares the crs class. Every listed CRS must work.
func TestCollectionsListCRS(t *testing.T) {
	ts := newTestServer(t, Config{})
	want := []string{uriCRS84, uri4326, uri4490, uri3857, uri32632}
	type collection struct {
		ID         string   `json:"id"`
		CRS        []string `json:"crs"`
		StorageCRS string   `json:"storageCrs"`
	}
	var doc struct {
		CRS         []string     `json:"crs"`
		Collections []collection `json:"collections"`
	}
	_, _, body := get(t, ts, "/collections")
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	same := func(got []string) bool {
		return len(got) == len(want) && !slices.ContainsFunc(want, func(u string) bool { return !slices.Contains(got, u) })
	}
	if !same(doc.CRS) {
		t.Errorf("/collections crs %v, want %v", doc.CRS, want)
	}
	for _, c := range doc.Collections {
		var one collection
		_, _, b := get(t, ts, "/collections/"+c.ID)
		if err := json.Unmarshal(b, &one); err != nil {
			t.Fatal(err)
		}
		for _, cc := range []collection{c, one} {
			if !same(cc.CRS) || cc.StorageCRS != uri32632 {
				t.Errorf("%s: crs %v, storageCrs %q", c.ID, cc.CRS, cc.StorageCRS)
			}
		}
	}
	for _, u := range want {
		fetchPage(t, ts, "/collections/buildings/items?limit=1"+crsQuery(u), u)
	}
	_, _, body = get(t, ts, "/conformance")
	if !strings.Contains(string(body), "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs") {
		t.Errorf("conformance lacks the Part 2 crs class: %s", body)
	}
}

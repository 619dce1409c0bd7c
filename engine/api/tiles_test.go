package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"twin/engine"
	"twin/geo"
)

func TestTilePathErrors(t *testing.T) {
	ts := newTestServer(t, Config{})
	tests := []struct {
		name, path string
		want       int
	}{
		{"world tile", "/tiles/0/0/0.mvt", 200},
		{"deepest zoom, last tile", "/tiles/22/4194303/4194303.mvt", 200},
		{"leading zeros", "/tiles/016/034118/023897.mvt", 200},
		{"z above 22", "/tiles/23/0/0.mvt", 400},
		{"x beyond 2^z-1", "/tiles/1/2/0.mvt", 400},
		{"y beyond 2^z-1", "/tiles/1/0/2.mvt", 400},
		{"x at z0", "/tiles/0/1/0.mvt", 400},
		{"no suffix", "/tiles/1/0/0", 400},
		{"pbf suffix", "/tiles/1/0/0.pbf", 400},
		{"suffix twice", "/tiles/1/0/0.mvt.mvt", 400},
		{"upper-case suffix", "/tiles/1/0/0.MVT", 400},
		{"only the suffix", "/tiles/1/0/.mvt", 400},
		{"negative x", "/tiles/1/-1/0.mvt", 400},
		{"plus sign", "/tiles/+1/0/0.mvt", 400},
		{"fraction", "/tiles/1.5/0/0.mvt", 400},
		{"letters", "/tiles/z/0/0.mvt", 400},
		{"hex", "/tiles/0x1/0/0.mvt", 400},
		{"space", "/tiles/1/0%20/0.mvt", 400},
		{"beyond uint64", "/tiles/99999999999999999999999/0/0.mvt", 400},
		{"beyond uint32 at z22", "/tiles/22/4294967296/0.mvt", 400},
		{"too few segments", "/tiles/1/0", 404},
		{"too many segments", "/tiles/1/0/0/0.mvt", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := get(t, ts, tc.path)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %s", code, tc.want, body)
			}
			if code == 200 {
				if ct := h.Get("Content-Type"); ct != typeMVT {
					t.Errorf("content type %q", ct)
				}
				return
			}
			var p Problem
			if err := json.Unmarshal(body, &p); err != nil || p.Status != tc.want {
				t.Errorf("not a problem document with status %d: %s", tc.want, body)
			}
			if code == 400 && p.Param == "" {
				t.Errorf("the problem names no parameter: %+v", p)
			}
		})
	}
}

// fetchTile gets path with the given request headers, without Go's transparent
// gzip handling, and returns the response and its raw body.
func fetchTile(t testing.TB, ts *httptest.Server, path string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestTileResponse checks the encodings and cache headers of a busy tile.
func TestTileResponse(t *testing.T) {
	ts := newTestServer(t, Config{})
	path := fmt.Sprintf("/tiles/%d/%d/%d.mvt", busyZ16.Z, busyZ16.X, busyZ16.Y)
	plain, plainBody := fetchTile(t, ts, path, nil)
	if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("plain: %d, encoding %q", plain.StatusCode, plain.Header.Get("Content-Encoding"))
	}
	want, err := mvt.Unmarshal(plainBody)
	if err != nil || len(want) != 5 {
		t.Fatalf("plain tile: %d layers, %v", len(want), err)
	}
	etag := plain.Header.Get("ETag")
	if !strings.HasPrefix(etag, `"v`) || plain.Header.Get("Vary") != "Accept-Encoding" || plain.Header.Get("Cache-Control") == "" {
		t.Errorf("headers: %v", plain.Header)
	}

	tests := []struct {
		name, accept string
		gzipped      bool
	}{
		{"gzip", "gzip", true},
		{"gzip among others", "br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"any coding", "*", true},
		{"gzip refused", "gzip;q=0", false},
		{"identity only", "identity", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := fetchTile(t, ts, path, map[string]string{"Accept-Encoding": tc.accept})
			if got := resp.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
				t.Fatalf("gzipped %v, want %v", got, tc.gzipped)
			}
			decode := mvt.Unmarshal
			if tc.gzipped {
				decode = mvt.UnmarshalGzipped
				if resp.Header.Get("ETag") == etag {
					t.Errorf("the gzipped tile has the plain tile's ETag %s", etag)
				}
			}
			got, err := decode(body)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("tile differs from the plain one (%v)", err)
			}
		})
	}

	gz, _ := fetchTile(t, ts, path, map[string]string{"Accept-Encoding": "gzip"})
	for _, inm := range []string{etag, gz.Header.Get("ETag"), "W/" + etag, `"other", ` + etag, "*"} {
		resp, body := fetchTile(t, ts, path, map[string]string{"If-None-Match": inm})
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d with %d bytes, ETag %s", inm, resp.StatusCode, len(body), resp.Header.Get("ETag"))
		}
	}
	if resp, _ := fetchTile(t, ts, path, map[string]string{"If-None-Match": `"v0-stale"`}); resp.StatusCode != 200 {
		t.Errorf("stale ETag: %d", resp.StatusCode)
	}
}

// TestTileEmpty checks that a tile with nothing in it is an empty MVT: 200
// and no bytes, gzip or not.
func TestTileEmpty(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, path := range []string{"/tiles/16/0/0.mvt", "/tiles/9/266/186.mvt"} {
		resp, body := fetchTile(t, ts, path, map[string]string{"Accept-Encoding": "gzip"})
		if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Type") != typeMVT || resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: %d, %d bytes, %v", path, resp.StatusCode, len(body), resp.Header)
		}
	}
}

// TestTileETagFollowsWorld checks that the ETag changes when the World does,
// and that a World without a geodetic CRS has no tiles (404).
func TestTileETagFollowsWorld(t *testing.T) {
	w, err := engine.New(engine.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(w, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, path := range []string{"/tiles/0/0/0.mvt", "/tiles.json"} {
		if code, _, body := get(t, ts, path); code != 404 {
			t.Errorf("%s on an empty World: %d %s", path, code, body)
		}
	}
	var tags []string
	for i, lon := range []float64{7.42, 7.43} {
		ds := &geo.Dataset{Name: "pins", CRS: "EPSG:4326"}
		ds.Add(geo.LayerRoadNodes, &geo.RoadNode{ID: fmt.Sprintf("n%d", i), Point: orb.Point{lon, 43.73}})
		if _, err := w.Load(context.Background(), ds); err != nil {
			t.Fatal(err)
		}
		resp, body := fetchTile(t, ts, "/tiles/16/34119/23898.mvt", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		tags = append(tags, resp.Header.Get("ETag"))
	}
	if tags[0] == tags[1] {
		t.Errorf("ETag %s did not change with the World", tags[0])
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"deflate, gzip;q=0.5"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*, gzip;q=0"}, false},
		{[]string{"br", "gzip"}, true},
		{[]string{"gzip;q=nonsense"}, true},
		{[]string{"identity"}, false},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.header, "|"), func(t *testing.T) {
			if got := acceptsGzip(tc.header); got != tc.want {
				t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
			}
		})
	}
}

// TestTileJSON checks the TileJSON document against the TileJSON 3.0.0
// spec's required members and the sample city: its bounds are those
// `twin load` prints for it (7.379583,43.715417 … 7.499583,43.780417), and
// the tile URL template, filled in, fetches a tile.
func TestTileJSON(t *testing.T) {
	ts := newTestServer(t, Config{})
	code, h, body := get(t, ts, "/tiles.json")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %s", code, h.Get("Content-Type"))
	}
	var doc tileJSONDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TileJSON != "3.0.0" || doc.Scheme != "xyz" || doc.MinZoom != 10 || doc.MaxZoom != 18 {
		t.Errorf("tilejson %q scheme %q zooms %d..%d", doc.TileJSON, doc.Scheme, doc.MinZoom, doc.MaxZoom)
	}
	if want := []string{ts.URL + "/tiles/{z}/{x}/{y}.mvt"}; !reflect.DeepEqual(doc.Tiles, want) {
		t.Errorf("tiles %v, want %v", doc.Tiles, want)
	}
	wantBounds := []float64{7.379583, 43.715417, 7.499583, 43.780417}
	for i := range wantBounds {
		if len(doc.Bounds) != 4 || math.Abs(doc.Bounds[i]-wantBounds[i]) > 1e-6 {
			t.Fatalf("bounds %v, want %v", doc.Bounds, wantBounds)
		}
	}
	if len(doc.Center) != 3 || doc.Center[0] < wantBounds[0] || doc.Center[0] > wantBounds[2] ||
		doc.Center[1] < wantBounds[1] || doc.Center[1] > wantBounds[3] || doc.Center[2] < 10 || doc.Center[2] > 18 {
		t.Errorf("center %v", doc.Center)
	}
	var ids []string
	for _, l := range doc.VectorLayers {
		ids = append(ids, l.ID)
		if l.Fields["id"] != "String" || l.MinZoom < doc.MinZoom || l.MaxZoom != doc.MaxZoom || l.Description == "" {
			t.Errorf("layer %+v", l)
		}
	}
	if want := []string{"buildings", "roads", "pipes", "pipe_nodes", "road_nodes"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("vector_layers %v, want %v", ids, want)
	}
	if f := doc.VectorLayers[0].Fields; f["height"] != "Number" || f["type"] != "String" {
		t.Errorf("building fields %v", f)
	}
	url := strings.NewReplacer("{z}", "16", "{x}", "34118", "{y}", "23897").Replace(doc.Tiles[0])
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(b) == 0 {
		t.Errorf("%s: %d, %d bytes", url, resp.StatusCode, len(b))
	}

	based := newTestServer(t, Config{BaseURL: "https://twin.example.org/"})
	_, _, body = get(t, based, "/tiles.json")
	if !bytes.Contains(body, []byte(`"https://twin.example.org/tiles/{z}/{x}/{y}.mvt"`)) {
		t.Errorf("BaseURL not used: %s", body)
	}
}

package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestLandingAndConformance(t *testing.T) {
	ts := newTestServer(t, Config{})
	code, h, body := get(t, ts, "/")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("landing: %d %s", code, h.Get("Content-Type"))
	}
	var landing struct{ Links []link }
	if err := json.Unmarshal(body, &landing); err != nil {
		t.Fatal(err)
	}
	rels := map[string]bool{}
	for _, l := range landing.Links {
		rels[l.Rel] = true
	}
	for _, want := range []string{"self", "service-desc", "conformance", "data"} {
		if !rels[want] {
			t.Errorf("landing page lacks a %q link", want)
		}
	}
	_, _, body = get(t, ts, "/conformance")
	for _, c := range conformanceClasses {
		if !strings.Contains(string(body), c) {
			t.Errorf("conformance lacks %s", c)
		}
	}
}

func TestErrorStatuses(t *testing.T) {
	ts := newTestServer(t, Config{})
	tests := []struct {
		name, method, path string
		want               int
	}{
		{"bbox of 3 numbers", "GET", "/collections/buildings/items?bbox=1,2,3", 400},
		{"NaN in bbox", "GET", "/collections/buildings/items?bbox=NaN,43,7.5,43.8", 400},
		{"latitude above 90", "GET", "/collections/buildings/items?bbox=7,43,8,91", 400},
		{"negative limit", "GET", "/collections/buildings/items?limit=-1", 400},
		{"too large limit", "GET", "/collections/buildings/items?limit=10001", 400},
		{"unknown crs", "GET", "/collections/buildings/items?crs=EPSG:99999", 400},
		{"unknown bbox-crs", "GET", "/collections/buildings/items?bbox=1,2,3,4&bbox-crs=foo", 400},
		{"bad datetime", "GET", "/collections/sensors/items?datetime=yesterday", 404},
		{"unknown collection", "GET", "/collections/rivers/items", 404},
		{"unknown feature", "GET", "/collections/buildings/items/nope", 404},
		{"wrong method", "DELETE", "/collections/buildings/items", 405},
		{"unknown path", "GET", "/nothing/here", 404},
		{"bad format", "GET", "/collections?f=xml", 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			var p Problem
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Status != tc.want {
				t.Errorf("body is not a problem document with status %d: %+v, %v", tc.want, p, err)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

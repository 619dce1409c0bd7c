package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
)

// FuzzTilePath throws arbitrary z, x and y path elements at the tile route:
// the answer is never a 5xx, a 200 is a tile that decodes, and anything
// else is a problem document.
func FuzzTilePath(f *testing.F) {
	for _, seed := range [][3]string{
		{"16", "34118", "23897.mvt"}, {"0", "0", "0.mvt"}, {"22", "4194303", "4194303.mvt"},
		{"23", "0", "0.mvt"}, {"1", "2", "0.mvt"}, {"1", "0", "0.pbf"}, {"-1", "0", "0.mvt"},
		{"1e3", "0x10", "1.5.mvt"}, {"", "", ""}, {"99999999999999999999", "0", ".mvt"},
		{"15", "17059", "11948.mvt\x00"}, {"٣", "0", "0.mvt"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	s, err := New(sampleWorld(f), Config{}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, z, x, y string) {
		target := "/tiles/" + url.PathEscape(z) + "/" + url.PathEscape(x) + "/" + url.PathEscape(y)
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			t.Skip()
		}
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch code := rec.Code; {
		case code >= 500:
			t.Fatalf("%s: %d %s", target, code, rec.Body)
		case code == http.StatusOK:
			body := rec.Body.Bytes()
			if len(body) == 0 {
				return
			}
			if _, err := mvt.UnmarshalGzipped(body); err != nil {
				t.Fatalf("%s: the tile does not decode: %v", target, err)
			}
		default:
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != code {
				t.Fatalf("%s: %d with a body that is not a problem: %q", target, code, rec.Body)
			}
		}
	})
}

package api

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// TestEncodeQuery checks the link queries against url.Values.Encode of a
// copy with offset replaced, the encoding they replace.
func TestEncodeQuery(t *testing.T) {
	ref := func(q url.Values, offset int) string {
		c := url.Values{}
		for k, v := range q {
			c[k] = v
		}
		if offset >= 0 {
			c.Set("offset", strconv.Itoa(offset))
		}
		if len(c) == 0 {
			return ""
		}
		return "?" + c.Encode()
	}
	for _, raw := range []string{"", "bbox=7.41,43.72,7.42,43.73&limit=10", "offset=20&limit=10", "a=1&a=2&b=x+y&c=%26%3D",
		"bbox-crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F4326&zzz=&offset=5"} {
		q, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, off := range []int{-1, 0, 30} {
			t.Run(fmt.Sprintf("%s/%d", raw, off), func(t *testing.T) {
				if got, want := encodeQuery(q, off), ref(q, off); got != want {
					t.Errorf("encodeQuery = %q, want %q (url.Values.Encode)", got, want)
				}
			})
		}
	}
}

// TestSortHits checks that the first k hits are the k smallest IDs in
// order, for the partial and the full sort, against a full sort.
func TestSortHits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{0, 1, 5, 71, 300} {
		for _, k := range []int{1, 10, 20, 100, 1000} {
			t.Run(fmt.Sprintf("n%d/k%d", n, k), func(t *testing.T) {
				hs := make([]hit, n)
				for i := range hs {
					hs[i].id = fmt.Sprintf("w%d", r.IntN(1000)) // duplicates too
				}
				want := make([]string, n)
				for i, h := range hs {
					want[i] = h.id
				}
				slices.Sort(want)
				sortHits(hs, k)
				got := make([]string, n)
				for i, h := range hs {
					got[i] = h.id
				}
				m := min(k, n)
				if !slices.Equal(got[:m], want[:m]) {
					t.Fatalf("first %d: %v, want %v", m, got[:m], want[:m])
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatal("hits lost or duplicated")
				}
			})
		}
	}
}

// TestItemsConcurrent serves items pages from several goroutines at once
// (run with -race: pooled writers and match lists, the shared encoding
// cache) and compares each page's features with the answer served alone.
func TestItemsConcurrent(t *testing.T) {
	ts := newTestServer(t, Config{})
	var paths []string
	for i, bbox := range []string{"7.41,43.72,7.43,43.74", "7.415,43.73,7.42,43.735", "7.42,43.735,7.43,43.745", "7.40,43.72,7.44,43.76"} {
		for _, q := range []string{"&limit=10", "&limit=100&offset=3", "&crs=EPSG:3857&limit=20", "&limit=5&offset=" + strconv.Itoa(i)} {
			paths = append(paths, "/collections/buildings/items?bbox="+bbox+q)
		}
	}
	features := func(body []byte) string {
		var fc struct {
			Features json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Error(err)
		}
		return string(fc.Features)
	}
	want := map[string]string{}
	for _, p := range paths {
		code, _, body := get(t, ts, p)
		if code != http.StatusOK {
			t.Fatalf("%s: %d %s", p, code, body)
		}
		want[p] = features(body)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 40 {
				p := paths[(g*7+i)%len(paths)]
				resp, err := http.Get(ts.URL + p)
				if err != nil {
					t.Error(err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if got := features(body); got != want[p] {
					t.Errorf("%s: concurrent answer differs", p)
					return
				}
			}
		})
	}
	wg.Wait()
}

package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// underAnswer is the part of a GET /under answer the tests read.
type underAnswer struct {
	NumberMatched, NumberReturned int
	Features                      []struct{ ID string }
}

func getUnder(t *testing.T, path string, cfg Config) (int, underAnswer) {
	t.Helper()
	code, _, body := get(t, newTestServer(t, cfg), path)
	var a underAnswer
	if code == 200 {
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return code, a
}

func (a underAnswer) ids() []string {
	out := make([]string, len(a.Features))
	for i, f := range a.Features {
		out[i] = f.ID
	}
	return out
}

// TestUnderLimit checks that limit keeps the first features of the full
// answer (which engine.Snapshot.Under sorts shallowest first), while
// numberMatched counts them all; without limit, the server's MaxLimit
// applies.
func TestUnderLimit(t *testing.T) {
	_, pipe := samplePoints(t, newTestServer(t, Config{}))
	// 50 m around a pipe vertex reaches several pipes and manholes of the
	// sample city.
	base := fmt.Sprintf("/under?point=%.7f,%.7f&tolerance=50", pipe[0], pipe[1])
	code, full := getUnder(t, base, Config{})
	if code != 200 || full.NumberMatched < 4 || full.NumberReturned != full.NumberMatched || len(full.Features) != full.NumberMatched {
		t.Fatalf("%s: %d, matched %d, returned %d of %d: want at least 4, all returned",
			base, code, full.NumberMatched, full.NumberReturned, len(full.Features))
	}
	n := full.NumberMatched
	tests := []struct {
		name     string
		query    string
		cfg      Config
		returned int
	}{
		{"limit 1", "&limit=1", Config{}, 1},
		{"limit 3", "&limit=3", Config{}, 3},
		{"limit of all", fmt.Sprintf("&limit=%d", n), Config{}, n},
		{"limit above the count", "&limit=10000", Config{}, n},
		{"default is MaxLimit, not DefaultLimit", "", Config{DefaultLimit: 1, MaxLimit: 2}, 2},
		{"limit up to MaxLimit", "&limit=2", Config{DefaultLimit: 1, MaxLimit: 2}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, got := getUnder(t, base+tc.query, tc.cfg)
			if code != 200 {
				t.Fatalf("status %d", code)
			}
			if got.NumberMatched != n || got.NumberReturned != tc.returned {
				t.Errorf("matched %d, returned %d; want %d, %d", got.NumberMatched, got.NumberReturned, n, tc.returned)
			}
			if want := full.ids()[:tc.returned]; !slices.Equal(got.ids(), want) {
				t.Errorf("features %v, want the first %d of the full answer, %v", got.ids(), tc.returned, want)
			}
		})
	}
	for _, q := range []string{"&limit=0", "&limit=-1", "&limit=x", "&limit=10001"} {
		if code, _ := getUnder(t, base+q, Config{}); code != 400 {
			t.Errorf("%s: status %d, want 400", q, code)
		}
	}
	if code, _ := getUnder(t, base+"&limit=3", Config{DefaultLimit: 1, MaxLimit: 2}); code != 400 {
		t.Errorf("limit above MaxLimit: status %d, want 400", code)
	}
}

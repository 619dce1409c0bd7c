package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"twin/scenarios"
)

const scenarioYAML = `name: api test
duration: 10m
simulations: [dispatch, traffic]
dispatch:
  stations: [{name: A, lon: 7.4250, lat: 43.7395, units: 2}]
events:
  - {at: 0s, incidents: {rate_per_hour: 60}}
  - {at: 0s, close: {road: Boulevard Charles III}}
variants:
  - {name: open, drop: []}
`

func scenarioServer(t *testing.T, opt ScenarioOptions) *httptest.Server {
	t.Helper()
	s, err := New(sampleWorld(t), Config{Token: "secret"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop, err := s.MountScenarios(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); stop() })
	return ts
}

func postScenario(t *testing.T, ts *httptest.Server, token, body string) (*http.Response, []byte) {
	h := http.Header{"Content-Type": {"application/yaml"}}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return do(t, http.MethodPost, ts.URL+"/scenarios", h, strings.NewReader(body))
}

// TestScenarioAPI: a submitted scenario is queued, runs in the background
// and its results and report are served; the token is required; a bad
// file is refused with 422 naming line and column; unknown ids are 404.
func TestScenarioAPI(t *testing.T) {
	ts := scenarioServer(t, ScenarioOptions{})
	if resp, _ := postScenario(t, ts, "", scenarioYAML); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without the token: %d, want 401", resp.StatusCode)
	}
	resp, body := postScenario(t, ts, "secret", "duration: -1h\n")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "scenario.yaml:1:11: duration -1h0m0s: must be positive") {
		t.Fatalf("bad file: %d %s", resp.StatusCode, body)
	}
	resp, body = postScenario(t, ts, "secret", "duration: 1h\nevents:\n  - {at: 0s, close: {road: Nowhere}}\n")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "scenario.yaml:3:21:") {
		t.Fatalf("unknown road: %d %s", resp.StatusCode, body)
	}
	resp, body = postScenario(t, ts, "secret", scenarioYAML)
	var st ScenarioStatus
	if resp.StatusCode != http.StatusAccepted || json.Unmarshal(body, &st) != nil || resp.Header.Get("Location") != "/scenarios/"+st.ID {
		t.Fatalf("submit: %d %s", resp.StatusCode, body)
	}
	deadline := time.Now().Add(60 * time.Second)
	for st.State != stateDone {
		if st.State == stateFailed || time.Now().After(deadline) {
			t.Fatalf("scenario %+v", st)
		}
		time.Sleep(50 * time.Millisecond)
		code, _, b := get(t, ts, "/scenarios/"+st.ID)
		if code != http.StatusOK || json.Unmarshal(b, &st) != nil {
			t.Fatalf("status: %d %s", code, b)
		}
	}
	if st.Progress != 1 || st.Finished == nil {
		t.Errorf("done but progress %g, finished %v", st.Progress, st.Finished)
	}
	code, _, b := get(t, ts, "/scenarios/"+st.ID+"/results")
	var res scenarios.Results
	if code != http.StatusOK || json.Unmarshal(b, &res) != nil || len(res.Variants) != 2 || res.Variants[0].Dispatch == nil {
		t.Fatalf("results: %d %.200s", code, b)
	}
	code, h, b := get(t, ts, "/scenarios/"+st.ID+"/report")
	if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "data:image/png;base64,") {
		t.Fatalf("report: %d %s", code, h.Get("Content-Type"))
	}
	if code, _, _ := get(t, ts, "/scenarios/999"); code != http.StatusNotFound {
		t.Errorf("unknown id: %d", code)
	}
}

// TestScenarioQueueLimits: with one worker busy and a queue of one, a
// third submission is refused with 503; results of a queued run are 409.
func TestScenarioQueueLimits(t *testing.T) {
	ts := scenarioServer(t, ScenarioOptions{Workers: 1, MaxQueued: 1})
	long := strings.Replace(scenarioYAML, "duration: 10m", "duration: 24h", 1)
	var codes []int
	var last ScenarioStatus
	for i := 0; i < 3; i++ {
		resp, body := postScenario(t, ts, "secret", long)
		codes = append(codes, resp.StatusCode)
		if resp.StatusCode == http.StatusAccepted {
			json.Unmarshal(body, &last)
		}
		time.Sleep(100 * time.Millisecond) // the worker takes the first
	}
	if codes[0] != http.StatusAccepted || codes[1] != http.StatusAccepted || codes[2] != http.StatusServiceUnavailable {
		t.Fatalf("statuses %v, want 202 202 503", codes)
	}
	if code, _, _ := get(t, ts, "/scenarios/"+last.ID+"/results"); code != http.StatusConflict {
		t.Errorf("results of a queued run: %d, want 409", code)
	}
	resp, body := postScenario(t, ts, "secret", strings.Replace(scenarioYAML, "duration: 10m", "duration: 48h", 1))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "over this server's limit") {
		t.Errorf("too long: %d %s", resp.StatusCode, body)
	}
}

// TestScenarioOpenAPI: GET /api documents the routes MountScenarios adds
// (read from scenarios.go) only when they are mounted, the document still
// validates (kin-openapi), and POST /scenarios needs the bearer token.
func TestScenarioOpenAPI(t *testing.T) {
	routes := registeredRoutes(t, "scenarios.go", 4)
	doc := loadOpenAPI(t, scenarioServer(t, ScenarioOptions{}), nil)
	checkRoutesDocumented(t, doc, routes)
	post := doc.Paths.Find("/scenarios").GetOperation("POST")
	if post.Security == nil || len(*post.Security) != 1 || (*post.Security)[0]["bearerAuth"] == nil {
		t.Errorf("POST /scenarios security %v, want bearerAuth", post.Security)
	}
	bare := loadOpenAPI(t, newTestServer(t, Config{}), nil)
	for _, r := range routes {
		_, path, _ := strings.Cut(r, " ")
		if bare.Paths.Find(path) != nil {
			t.Errorf("%s documented on a server without the scenario routes", r)
		}
	}
}

package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	"twin/engine"
	"twin/scenarios"
	"twin/scenarios/report"
)

// MountScenarios adds the what-if scenario routes, run by a background
// queue with the limits of opt (see ScenarioOptions):
//
//   - POST /scenarios (token required): the body is a scenario file (YAML;
//     application/yaml, application/x-yaml, text/yaml or text/plain). It is
//     decoded and checked against the World now; a bad file gets 422 with
//     every error ("file:line:column: …") in errors, a full queue 503.
//     Accepted: 202 with the run's status and Location /scenarios/{scenarioId}.
//     The run uses the World's snapshot at submission; its flood model is
//     the surface model unless the file asks for urban (which takes the
//     sample city's sewer).
//   - GET /scenarios/{scenarioId}: status (queued, running, done, failed,
//     cancelled), progress 0–1 over all runs' simulated time, times.
//   - GET /scenarios/{scenarioId}/results: the results (metrics.json) once done or
//     cancelled (partial), 409 before.
//   - GET /scenarios/{scenarioId}/report: the self-contained report.html.
//
// The OpenAPI document (GET /api) describes these routes once mounted. It
// returns a function that stops the queue, cancelling running
// scenarios. Call it once, before serving. Errors: ErrConfig for invalid
// options.
func (s *Server) MountScenarios(opt ScenarioOptions) (stop func(), err error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	q := newScenarioQueue(opt.withDefaults(), time.Now)
	r := &scenarioRoutes{q: q, maxBody: s.cfg.MaxBody}
	s.scen = r
	s.Handle("POST /scenarios", "scenarios-submit", true, s.wrap("scenarios-submit", r.submit))
	s.Handle("GET /scenarios/{scenarioId}", "scenario", false, s.wrap("scenario", r.status))
	s.Handle("GET /scenarios/{scenarioId}/results", "scenario-results", false, s.wrap("scenario-results", r.results))
	s.Handle("GET /scenarios/{scenarioId}/report", "scenario-report", false, s.wrap("scenario-report", r.report))
	return q.close, nil
}

type scenarioRoutes struct {
	q       *scenarioQueue
	maxBody int64
}

// ScenarioStatus is the body of GET /scenarios/{scenarioId}.
type ScenarioStatus struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	State     string     `json:"state"`
	Progress  float64    `json:"progress"`
	Submitted time.Time  `json:"submitted"`
	Started   *time.Time `json:"started,omitempty"`
	Finished  *time.Time `json:"finished,omitempty"`
	Error     string     `json:"error,omitempty"`
	Links     []link     `json:"links"`
}

func (j *scenarioJob) status() ScenarioStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := ScenarioStatus{ID: j.id, Name: j.sc.Name, State: j.state, Submitted: j.submitted, Error: j.err,
		Links: []link{{Href: "/scenarios/" + j.id, Rel: "self", Type: typeJSON}}}
	var done time.Duration
	for _, d := range j.done {
		done += d
	}
	if j.total > 0 {
		st.Progress = min(1, float64(done)/float64(j.total))
	}
	if j.state == stateDone {
		st.Progress = 1
	}
	if !j.started.IsZero() {
		t := j.started
		st.Started = &t
	}
	if !j.finished.IsZero() {
		t := j.finished
		st.Finished = &t
	}
	if j.res != nil {
		st.Links = append(st.Links, link{Href: "/scenarios/" + j.id + "/results", Rel: "results", Type: typeJSON},
			link{Href: "/scenarios/" + j.id + "/report", Rel: "report", Type: "text/html"})
	}
	return st
}

func (r *scenarioRoutes) submit(rq *request) (response, error) {
	if ct := rq.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		switch mt {
		case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
		default:
			return nil, problem(http.StatusUnsupportedMediaType, "", "content type %s: send the scenario as application/yaml", mt)
		}
	}
	body, err := io.ReadAll(io.LimitReader(rq.Body, min(r.maxBody, scenarios.MaxFileBytes)+1))
	if err != nil {
		return nil, problem(http.StatusBadRequest, "", "reading the body: %v", err)
	}
	if int64(len(body)) > min(r.maxBody, scenarios.MaxFileBytes) {
		return nil, problem(http.StatusRequestEntityTooLarge, "", "scenario larger than %d bytes", min(r.maxBody, scenarios.MaxFileBytes))
	}
	sc, err := scenarios.Decode("scenario.yaml", body)
	if err == nil {
		err = r.limits(sc)
		surfaceByDefault(sc)
	}
	if err == nil {
		err = sc.Check(rq.snap)
	}
	if err != nil {
		return nil, scenarioProblem(err)
	}
	j, err := r.q.submit(sc, rq.snap)
	if err != nil {
		return nil, problem(http.StatusServiceUnavailable, "", "%d scenarios are waiting; try again later", r.q.opt.MaxQueued)
	}
	h := http.Header{}
	h.Set("Location", "/scenarios/"+j.id)
	return jsonResponse{status: http.StatusAccepted, v: j.status(), header: h}, nil
}

// limits refuses files from outside data (the server runs on its own
// World) and runs longer than MaxDuration.
func (r *scenarioRoutes) limits(sc *scenarios.Scenario) error {
	if len(sc.City.Files) > 0 {
		return &scenarios.Error{File: sc.File(), Line: 1, Col: 1, Msg: "city files: the server runs scenarios on its own city; leave city out", Err: scenarios.ErrInvalid}
	}
	if sc.Duration > r.q.opt.MaxDuration {
		return &scenarios.Error{File: sc.File(), Line: 1, Col: 1, Msg: "duration " + sc.Duration.String() + " over this server's limit of " + r.q.opt.MaxDuration.String(), Err: scenarios.ErrInvalid}
	}
	return nil
}

// surfaceByDefault makes the surface flood model the default: the server's
// World need not be the sample city whose sewer the urban model would
// take, and the server has no sewer model of its own.
func surfaceByDefault(sc *scenarios.Scenario) {
	if sc.Flood.Model == "" {
		sc.Flood.Model = scenarios.FloodSurface
	}
	for i := range sc.Variants {
		if f := sc.Variants[i].Flood; f != nil && f.Model == "" {
			f.Model = scenarios.FloodSurface
		}
	}
}

// scenarioProblem is a 422 listing every positioned error.
func scenarioProblem(err error) *Problem {
	p := problem(http.StatusUnprocessableEntity, "", "the scenario is invalid")
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var se *scenarios.Error
		if errors.As(e, &se) {
			p.Errors = append(p.Errors, engineLineError(se.Line, e.Error()))
		} else {
			p.Errors = append(p.Errors, engineLineError(0, e.Error()))
		}
	}
	return p
}

func (r *scenarioRoutes) job(rq *request) (*scenarioJob, error) {
	id := rq.PathValue("scenarioId")
	j := r.q.get(id)
	if j == nil {
		return nil, notFound("no scenario %s", id)
	}
	return j, nil
}

func (r *scenarioRoutes) status(rq *request) (response, error) {
	j, err := r.job(rq)
	if err != nil {
		return nil, err
	}
	return okJSON(j.status()), nil
}

// finished returns a job's results, 409 while it has none.
func (r *scenarioRoutes) finished(rq *request) (*scenarios.Results, error) {
	j, err := r.job(rq)
	if err != nil {
		return nil, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.res == nil {
		return nil, problem(http.StatusConflict, "", "scenario %s is %s: no results yet", j.id, j.state)
	}
	return j.res, nil
}

func (r *scenarioRoutes) results(rq *request) (response, error) {
	res, err := r.finished(rq)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, res); err != nil {
		return nil, err
	}
	return rawResponse{contentType: typeJSON, body: buf.Bytes()}, nil
}

func (r *scenarioRoutes) report(rq *request) (response, error) {
	res, err := r.finished(rq)
	if err != nil {
		return nil, err
	}
	j, err := r.job(rq)
	if err != nil {
		return nil, err
	}
	// The maps are drawn over the city the run used.
	charts, err := report.ChartsOver(res, report.SnapshotBasemap(j.snap))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, res, charts); err != nil {
		return nil, err
	}
	return rawResponse{contentType: "text/html; charset=utf-8", body: buf.Bytes()}, nil
}

// rawResponse writes bytes as they are.
type rawResponse struct {
	contentType string
	body        []byte
}

func (b rawResponse) write(w http.ResponseWriter, _ *request) error {
	w.Header().Set("Content-Type", b.contentType)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.body)
	return err
}

// engineLineError is one listed error of a problem: its 1-based line in
// the submitted file (0 when it concerns the whole file) and its text.
func engineLineError(line int, msg string) engine.LineError {
	return engine.LineError{Line: line, Err: msg}
}

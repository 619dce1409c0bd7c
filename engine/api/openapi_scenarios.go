package api

// addScenarios adds to doc the routes MountScenarios mounts, with the
// Scenarios tag and their schemas. openAPIDoc calls it only for a server
// with those routes.
func (b opBuilder) addScenarios(doc *oaDoc) {
	doc.Tags = append(doc.Tags, oaTag{Name: "Scenarios",
		Description: "What-if scenarios: flood, traffic and dispatch coupled on one clock, run in the background."})
	c := &doc.Components
	c.Schemas["scenarioStatus"] = scenarioStatusSchema()
	c.Schemas["scenarioInvalid"] = scenarioInvalidSchema()
	id := &oaParameter{Name: "scenarioId", In: "path", Required: true, Description: "the id POST /scenarios gave",
		Schema: &oaSchema{Type: "string"}}
	post := b.op("Scenarios", "postScenario", "Submit a scenario file to run in the background.", nil,
		map[string]*oaResponse{"202": {Description: "Accepted and queued; Location names its status.",
			Headers: map[string]*oaHeader{"Location": {Required: true, Schema: &oaSchema{Type: "string"}}},
			Content: content(schemaRef("scenarioStatus"), typeJSON)}}, 413, 503)
	post.Description = "The body is a scenario file (YAML): city, clock, events, simulations, outputs, variants. " +
		"It is decoded and checked against the served World at once; the run uses the World as it is then."
	post.RequestBody = &oaRequestBody{Required: true, Description: "the scenario file, at most 1 MiB",
		Content: content(&oaSchema{Type: "string"}, "application/yaml", "application/x-yaml", "text/yaml", "text/plain")}
	post.Security = &[]oaSecurityReq{{"bearerAuth": {}}}
	post.Responses["401"] = responseRef("Unauthorized")
	post.Responses["415"] = problemResponse("The Content-Type is not a YAML or text type.", "exception", nil)
	post.Responses["422"] = problemResponse("The file is invalid: every error with its line and column.", "scenarioInvalid", nil)
	doc.Paths["/scenarios"] = &oaPathItem{Post: post}
	conflict := problemResponse("The scenario has no results yet (queued, running or failed).", "exception", nil)
	doc.Paths["/scenarios/{scenarioId}"] = &oaPathItem{Get: b.op("Scenarios", "getScenario",
		"A scenario's state and progress.", []*oaParameter{id},
		okResp("State, progress 0–1 over all runs' simulated time, and links.", "scenarioStatus", typeJSON, nil), 404)}
	results := b.op("Scenarios", "getScenarioResults", "A finished scenario's results (metrics.json).", []*oaParameter{id},
		map[string]*oaResponse{"200": {Description: "The results: every run's flood, dispatch and traffic metrics, " +
			"series and the comparisons with the baseline (sign and %). Partial for a cancelled run.",
			Content: content(&oaSchema{Type: "object"}, typeJSON)}}, 404)
	results.Responses["409"] = conflict
	doc.Paths["/scenarios/{scenarioId}/results"] = &oaPathItem{Get: results}
	rep := b.op("Scenarios", "getScenarioReport", "A finished scenario's report, one self-contained HTML page.",
		[]*oaParameter{id}, map[string]*oaResponse{"200": {Description: "report.html with its charts as PNG data URIs.",
			Content: content(&oaSchema{Type: "string"}, "text/html")}}, 404)
	rep.Responses["409"] = conflict
	doc.Paths["/scenarios/{scenarioId}/report"] = &oaPathItem{Get: rep}
}

func scenarioStatusSchema() *oaSchema {
	time := func(d string) *oaSchema { return &oaSchema{Type: "string", Format: "date-time", Description: d} }
	s := object(map[string]*oaSchema{
		"id":   str("the scenario's id on this server"),
		"name": str("the scenario's name"),
		"state": {Type: "string", Enum: []any{stateQueued, stateRunning, stateDone, stateFailed, stateCanceled},
			Description: "cancelled: stopped by the server's time limit or shutdown, with partial results"},
		"progress":  {Type: "number", Minimum: num(0), Maximum: num(1), Description: "simulated time done over all runs'"},
		"submitted": time("when it was accepted"),
		"started":   time("when it started running"),
		"finished":  time("when it ended"),
		"error":     str("why it failed or was cancelled"),
		"links":     arrayOf(schemaRef("link")),
	}, "id", "name", "state", "progress", "submitted", "links")
	s.Description = "A submitted scenario's state."
	return s
}

func scenarioInvalidSchema() *oaSchema {
	p := problemSchema()
	p.Properties["errors"] = arrayOf(object(map[string]*oaSchema{
		"line":  {Type: "integer", Minimum: num(0), Description: "the line in the file (0: the whole file)"},
		"error": str("file:line:column: the problem"),
	}, "line", "error"))
	p.Description = "A problem document listing every error of a scenario file."
	return p
}

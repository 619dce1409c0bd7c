package api

import (
	"slices"

	"twin/engine"
)

// addLive adds to doc the routes MountLive mounts (POST /deltas, the delta
// streams over Server-Sent Events and WebSocket, GET /deltas/version), with
// the Live tag and the schemas, parameters and responses they use. The
// openAPIDoc calls it only for a server with the live routes, so a document
// never promises routes its server lacks.
func (b opBuilder) addLive(doc *oaDoc) {
	doc.Tags = append(doc.Tags, oaTag{Name: "Live",
		Description: "The live twin: delta ingest, the applied deltas streamed out, and the live version."})
	c := &doc.Components
	for name, s := range liveSchemas() {
		c.Schemas[name] = s
	}
	for name, p := range liveParameters() {
		c.Parameters[name] = p
	}
	for name, r := range liveResponses() {
		c.Responses[name] = r
	}
	doc.Paths["/deltas"] = &oaPathItem{Post: b.ingestOp()}
	doc.Paths["/deltas/stream"] = &oaPathItem{Get: b.op("Live", "getDeltaStream",
		"The applied batches as Server-Sent Events, in version order, resuming after Last-Event-ID or since.",
		refs("since", "lastEventId"), map[string]*oaResponse{"200": {Description: sseDescription,
			Content: content(&oaSchema{Type: "string", Description: "event: batch / resync, id: version, " +
				"data: a deltaBatch or resync object"}, "text/event-stream")}}, 400)}
	doc.Paths["/deltas/ws"] = &oaPathItem{Get: b.wsOp()}
	doc.Paths["/deltas/version"] = &oaPathItem{Get: b.op("Live", "getDeltaVersion",
		"The live version: the number of batches applied. A client that (re)starts asks for it, fetches the "+
			"items it needs, then subscribes with since set to it (batches received twice are idempotent).",
		nil, okResp("The live version.", "liveVersion", typeJSON, nil))}
}

const ingestDescription = `The body is NDJSON: one delta (schema delta) per non-blank line. Each carries source, seq (per source, from 1), ts (RFC 3339, at most 5 minutes ahead of the server's clock), kind, layer and id, and the members of its kind: upsert geometry (GeoJSON, lon/lat) and properties; reading value; move lon and lat; state properties (merged; null removes one); closure closed; delete nothing more. Example line:

{"source":"s1","seq":2,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":"g1","value":0.42}

The batch applies atomically and is acknowledged only once durable (the write-ahead log is synced). A delta whose seq is not above the last one applied for its source is acknowledged as a duplicate and not applied again, so a batch whose acknowledgement was lost can be resent. Every 4xx answer applies nothing.`

// ingestOp is POST /deltas, which always needs the token.
func (b opBuilder) ingestOp() *oaOperation {
	o := b.op("Live", "postDeltas", "Ingest a batch of deltas: sensor readings, positions, states, closures, "+
		"features added, replaced or deleted.", nil,
		okResp("The batch is durable and applied: applied deltas, duplicates skipped, and the live version after it.",
			"deltaAck", typeJSON, nil), 413)
	o.Description = ingestDescription
	var types []string
	for t := range deltaTypes {
		if t != "" {
			types = append(types, t)
		}
	}
	slices.Sort(types)
	o.RequestBody = &oaRequestBody{Required: true,
		Description: "The NDJSON batch, at most the server's body limit (default 8 MiB), each line at most 1 MiB. " +
			"application/json-seq (RFC 7464) records may start with RS; the other types are read as plain NDJSON.",
		Content: content(&oaSchema{Type: "string", Format: "binary", Description: "one delta object per line"}, types...)}
	o.Security = &[]oaSecurityReq{{"bearerAuth": {}}}
	o.Responses["400"] = responseRef("DeltaBatchInvalid")
	o.Responses["401"] = responseRef("Unauthorized")
	o.Responses["415"] = responseRef("UnsupportedMediaType")
	o.Responses["422"] = responseRef("DeltaUnapplicable")
	o.Responses["503"] = responseRef("DeltaNotDurable")
	return o
}

const sseDescription = `A stream that lasts until the client or the server ends it. It opens with a comment naming the current version; then comes one event per applied batch, in version order: event batch, id the batch's version, data a deltaBatch object. Comments (": keepalive") keep an idle stream open. A client that falls behind, or resumes from a version the server no longer keeps or never had, gets event resync with data a resync object, and the stream ends: it fetches the state it needs, then subscribes again.`

// wsOp is GET /deltas/ws. Its handshake errors come from the WebSocket
// library as plain text; a bad since is a problem document.
func (b opBuilder) wsOp() *oaOperation {
	text := func(description string) *oaResponse {
		return &oaResponse{Description: description, Content: content(&oaSchema{Type: "string"}, "text/plain")}
	}
	bad := problemResponse("since is not a version (a problem document), or the WebSocket handshake is "+
		"malformed (plain text).", "exception", nil)
	bad.Content["text/plain"] = oaMedia{Schema: &oaSchema{Type: "string"}}
	return b.op("Live", "getDeltaWebSocket",
		"The applied batches over WebSocket, in version order, resuming after since.",
		refs("since"), map[string]*oaResponse{
			"101": {Description: "Switched to WebSocket. The server sends one text message per applied batch " +
				"(a deltaBatch object) and pings an idle connection. A client that falls behind, or resumes from a " +
				"version the server no longer keeps, gets a resync object and a normal closure; a server shutting " +
				"down closes with 1001 (going away). Messages from the client end the stream.",
				Headers: map[string]*oaHeader{
					"Upgrade":              {Required: true, Schema: &oaSchema{Type: "string", Enum: []any{"websocket"}}},
					"Sec-WebSocket-Accept": {Required: true, Schema: &oaSchema{Type: "string"}},
				}},
			"400": bad,
			"403": text("The Origin is another site's and not among the server's CORS origins."),
			"426": text("Not a WebSocket upgrade request."),
		})
}

// liveSchemas are the delta wire format (engine.Delta) and the live
// answers.
func liveSchemas() map[string]*oaSchema {
	version := func(description string) *oaSchema {
		return &oaSchema{Type: "integer", Minimum: num(0), Description: description}
	}
	deg := func(lo, hi float64, description string) *oaSchema {
		return &oaSchema{Type: "number", Minimum: num(lo), Maximum: num(hi), Description: description}
	}
	delta := object(map[string]*oaSchema{
		"source": str("who sends the delta: a sensor gateway, a fleet feed, an operator console"),
		"seq":    {Type: "integer", Minimum: num(1), Description: "the sequence number within source; (source, seq) identifies the delta"},
		"ts":     {Type: "string", Format: "date-time", Description: "when the change happened (RFC 3339)"},
		"kind": {Type: "string", Enum: []any{engine.KindUpsert, engine.KindReading, engine.KindMove,
			engine.KindState, engine.KindClosure, engine.KindDelete}},
		"layer": str("the collection (World layer) of the feature"),
		"id":    str("the feature's id within layer"),
		"geometry": {Nullable: true, Description: "upsert: the feature's geometry, lon/lat",
			OneOf: []*oaSchema{schemaRef("geometryGeoJSON")}},
		"properties": {Type: "object", Description: "upsert: the feature's properties; reading and state: merged into them (null removes one)"},
		"value":      {Type: "number", Description: "reading: the value, in the unit the sensor declares"},
		"lon":        deg(-180, 180, "move: the new longitude, degrees"),
		"lat":        deg(-90, 90, "move: the new latitude, degrees"),
		"closed":     {Type: "boolean", Description: "closure: whether the road is closed"},
	}, "source", "seq", "ts", "kind", "layer", "id")
	delta.Description = "One change to the World, the wire format of ingest (a line of POST /deltas, an MQTT message)."
	batchProblem := problemSchema()
	batchProblem.Properties["errors"] = arrayOf(schemaRef("lineError"))
	batchProblem.Properties["errors"].Description = "the rejected lines of the batch"
	batchProblem.Description = "A problem document that names the rejected lines of a delta batch."
	return map[string]*oaSchema{
		"delta": delta,
		"lineError": object(map[string]*oaSchema{
			"line":  {Type: "integer", Minimum: num(1), Description: "the 1-based line number in the body"},
			"error": str("why the line was rejected"),
		}, "line", "error"),
		"deltaProblem": batchProblem,
		"deltaAck": object(map[string]*oaSchema{
			"applied":    {Type: "integer", Minimum: num(0), Description: "deltas applied"},
			"duplicates": {Type: "integer", Minimum: num(0), Description: "deltas already applied, skipped"},
			"version":    version("the live version once the batch is applied"),
		}, "applied", "duplicates", "version"),
		"deltaBatch": object(map[string]*oaSchema{
			"version": version("the live version this batch produced"),
			"deltas":  arrayOf(schemaRef("delta")),
		}, "version", "deltas"),
		"resync": object(map[string]*oaSchema{
			"resync":  {Type: "boolean", Enum: []any{true}},
			"version": version("the live version when the stream ended"),
		}, "resync", "version"),
		"liveVersion": object(map[string]*oaSchema{"version": version("the number of batches applied")}, "version"),
	}
}

func liveParameters() map[string]*oaParameter {
	v := func() *oaSchema { return &oaSchema{Type: "integer", Minimum: num(0)} }
	return map[string]*oaParameter{
		"since": query("since", "Resume after this version: the batches after it follow. Default: the current "+
			"version (new batches only). A version the server no longer keeps, or one it never had, gets a resync.", v()),
		"lastEventId": {Name: "Last-Event-ID", In: "header", Schema: v(),
			Description: "The id of the last event received, as an EventSource sends it when it reconnects; it takes precedence over since."},
	}
}

func liveResponses() map[string]*oaResponse {
	return map[string]*oaResponse{
		"DeltaBatchInvalid": problemResponse("Lines are malformed or invalid (errors lists each with its "+
			"reason), or the body holds no deltas or cannot be read. Nothing was applied.", "deltaProblem", nil),
		"DeltaUnapplicable": problemResponse("A valid delta cannot be applied to the World (an id the layer "+
			"lacks, a move of a feature that is not a point): errors names its line. Nothing was applied.", "deltaProblem", nil),
		"UnsupportedMediaType": problemResponse("The Content-Type is not one the operation reads.", "exception", nil),
		"DeltaNotDurable": problemResponse("The live store is closed or failed, or the request ended before "+
			"the batch was durable: it was not acknowledged. Resending it is safe (duplicates are not applied twice).",
			"exception", nil),
	}
}

package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Delta kinds, the "kind" member of the wire format.
const (
	KindUpsert  = "upsert"  // add or replace a feature: geometry + properties
	KindReading = "reading" // a sensor reading: value (and optional properties)
	KindMove    = "move"    // a new position: lon, lat
	KindState   = "state"   // merge properties into a feature (unit status, pump on/off)
	KindClosure = "closure" // open or close a road: closed true/false
	KindDelete  = "delete"  // remove a feature
)

// Delta is one typed change to the World: the public wire format of ingest
// (one JSON object per NDJSON line or MQTT message). Deltas are idempotent
// by (Source, Seq): a delta whose Seq is not above the last one applied for
// its Source is a duplicate and is not applied again.
type Delta struct {
	Source string    `json:"source"`
	Seq    uint64    `json:"seq"`
	TS     time.Time `json:"ts"`
	Kind   string    `json:"kind"`
	Layer  string    `json:"layer"`
	ID     string    `json:"id"`
	// Geometry is a GeoJSON geometry in lon/lat (upsert).
	Geometry json.RawMessage `json:"geometry,omitempty"`
	// Properties are set on the feature (upsert: all of them; reading and
	// state: merged; a null value removes a property).
	Properties map[string]any `json:"properties,omitempty"`
	// Value is a reading's value, in the unit the sensor declares.
	Value *float64 `json:"value,omitempty"`
	// Lon and Lat are a move's new position, degrees.
	Lon *float64 `json:"lon,omitempty"`
	Lat *float64 `json:"lat,omitempty"`
	// Closed is a closure's new state.
	Closed *bool `json:"closed,omitempty"`
}

// Sentinel errors of delta validation and application.
var (
	// ErrBadDelta: a delta that is malformed or impossible on its own.
	ErrBadDelta = errors.New("engine: bad delta")
	// ErrUnknownFeature: a reading, move, state, closure or delete for an id
	// the layer does not hold.
	ErrUnknownFeature = errors.New("engine: unknown feature")
)

// LineError is a rejected line of an NDJSON batch (1-based line number).
type LineError struct {
	Line int    `json:"line"`
	Err  string `json:"error"`
}

// MaxFuture is how far ahead of the server's clock a delta's timestamp may
// be: further is taken for a broken sensor clock and rejected.
const MaxFuture = 5 * time.Minute

// ParseDeltas reads an NDJSON batch: one delta per non-blank line. It
// returns the deltas and, for every malformed or invalid line, a LineError;
// callers reject the whole batch when there is any. now is the server's
// clock, for the future-timestamp check. Lines longer than maxLine bytes
// are rejected. O(bytes).
func ParseDeltas(r io.Reader, now time.Time, maxLine int) ([]Delta, []LineError, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(64<<10, maxLine)), maxLine)
	var out []Delta
	var bad []LineError
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		d, err := ParseDelta(b, now)
		if err != nil {
			bad = append(bad, LineError{Line: line, Err: err.Error()})
			continue
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, append(bad, LineError{Line: line + 1, Err: fmt.Sprintf("line longer than %d bytes", maxLine)}), nil
		}
		return nil, nil, err
	}
	return out, bad, nil
}

// ParseDelta decodes and validates one delta (see Validate).
func ParseDelta(b []byte, now time.Time) (Delta, error) {
	var d Delta
	if err := json.Unmarshal(b, &d); err != nil {
		return d, fmt.Errorf("%w: %v", ErrBadDelta, err)
	}
	return d, d.Validate(now)
}

// Validate checks what a delta must carry on its own: source, a positive
// seq, a timestamp not beyond now+MaxFuture, a known kind, layer and id,
// and the members its kind needs (finite value, lon/lat in range, closed).
// It does not look at the World (see Tx.Apply).
func (d *Delta) Validate(now time.Time) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadDelta}, args...)...)
	}
	switch {
	case d.Source == "":
		return bad("missing source")
	case d.Seq == 0:
		return bad("missing or zero seq")
	case d.TS.IsZero():
		return bad("missing ts")
	case !now.IsZero() && d.TS.After(now.Add(MaxFuture)):
		return bad("ts %s is more than %s ahead of the server clock", d.TS.Format(time.RFC3339), MaxFuture)
	case d.Layer == "":
		return bad("missing layer")
	case d.ID == "":
		return bad("missing id")
	}
	switch d.Kind {
	case KindUpsert:
		if len(d.Geometry) == 0 || string(d.Geometry) == "null" {
			return bad("upsert needs a geometry")
		}
	case KindReading:
		if d.Value == nil || math.IsNaN(*d.Value) || math.IsInf(*d.Value, 0) {
			return bad("reading needs a finite value")
		}
	case KindMove:
		if d.Lon == nil || d.Lat == nil || math.IsNaN(*d.Lon) || math.IsNaN(*d.Lat) ||
			*d.Lon < -180 || *d.Lon > 180 || *d.Lat < -90 || *d.Lat > 90 {
			return bad("move needs lon in -180..180 and lat in -90..90")
		}
	case KindClosure:
		if d.Closed == nil {
			return bad("closure needs closed: true or false")
		}
	case KindState:
		if len(d.Properties) == 0 {
			return bad("state needs properties")
		}
	case KindDelete:
	case "":
		return bad("missing kind")
	default:
		return bad("unknown kind %q", d.Kind)
	}
	return nil
}

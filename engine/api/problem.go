package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"twin/engine"
)

// Problem is an RFC 7807 problem detail, the body of every error response.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	// Param names the query parameter or path element at fault, if any.
	Param string `json:"parameter,omitempty"`
	// Errors lists the rejected lines of an NDJSON request body (POST
	// /deltas), each with its 1-based line number and reason.
	Errors []engine.LineError `json:"errors,omitempty"`
}

// Error implements error.
func (p *Problem) Error() string {
	if p.Param != "" {
		return fmt.Sprintf("%d %s: %s: %s", p.Status, p.Title, p.Param, p.Detail)
	}
	return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail)
}

func problem(status int, param, format string, args ...any) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Param: param, Detail: fmt.Sprintf(format, args...)}
}

// badParam is a 400 for query parameter name.
func badParam(name, format string, args ...any) *Problem {
	return problem(http.StatusBadRequest, name, format, args...)
}

func notFound(format string, args ...any) *Problem {
	return problem(http.StatusNotFound, "", format, args...)
}

// writeProblem writes err as problem+json; errors that are not Problems are
// internal (500) and their text is not shown to the client.
func writeProblem(w http.ResponseWriter, err error) *Problem {
	var p *Problem
	if !errors.As(err, &p) {
		p = problem(http.StatusInternalServerError, "", "internal error")
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
	return p
}

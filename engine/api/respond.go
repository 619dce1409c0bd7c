package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// jsonResponse writes v as JSON with a content type.
type jsonResponse struct {
	status      int
	contentType string
	v           any
	header      http.Header
}

func (j jsonResponse) write(w http.ResponseWriter, _ *request) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j.v); err != nil {
		return err
	}
	h := w.Header()
	for k, vs := range j.header {
		h[k] = vs
	}
	ct := j.contentType
	if ct == "" {
		ct = "application/json"
	}
	h.Set("Content-Type", ct)
	status := j.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

func okJSON(v any) response { return jsonResponse{v: v} }

// link is an OGC API link object.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

const (
	typeJSON    = "application/json"
	typeGeoJSON = "application/geo+json"
	typeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	typeMVT     = "application/vnd.mapbox-vector-tile"
)

// base returns the URL prefix for links: Config.BaseURL, else the request's
// scheme and host.
func (s *Server) base(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// pathEscape escapes one path segment (feature and collection IDs).
func pathEscape(s string) string { return url.PathEscape(s) }

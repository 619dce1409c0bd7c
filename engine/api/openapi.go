package api

import "net/http"

// openAPI serves the OpenAPI 3.0 document of every route.
func (s *Server) openAPI(rq *request) (response, error) {
	return nil, problem(http.StatusNotImplemented, "", "the OpenAPI document is not written yet")
}

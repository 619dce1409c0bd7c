package api

import "net/http"

// tileJSON serves the TileJSON 3.0 document for /tiles/{z}/{x}/{y}.mvt.
func (s *Server) tileJSON(rq *request) (response, error) {
	return nil, problem(http.StatusNotImplemented, "", "vector tiles are not implemented yet")
}

// tile serves one Mapbox Vector Tile.
func (s *Server) tile(rq *request) (response, error) {
	return nil, problem(http.StatusNotImplemented, "", "vector tiles are not implemented yet")
}

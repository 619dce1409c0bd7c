package api

import (
	"math"
)

// tileJSONDoc is a TileJSON 3.0.0 document
// (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0).
type tileJSONDoc struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Version      string        `json:"version"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       []float64     `json:"bounds,omitempty"`
	Center       []float64     `json:"center,omitempty"`
	VectorLayers []vectorLayer `json:"vector_layers"`
}

// vectorLayer describes one layer of the tiles in TileJSON.
type vectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// tileJSON serves the TileJSON 3.0.0 document for /tiles/{z}/{x}/{y}.mvt:
// the tile URL template on the request's base URL (or Config.BaseURL), the
// zoom range, the World's lon/lat bounds and centre, and the layers the
// World has data for, with their attributes and zooms. 404 when the World
// has no geodetic CRS.
func (s *Server) tileJSON(rq *request) (response, error) {
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	snap := rq.snap
	if snap.CRS() == nil {
		return nil, notFound("no tiles: the World has no geodetic CRS")
	}
	doc := tileJSONDoc{
		TileJSON:     "3.0.0",
		Name:         s.cfg.Title,
		Description:  "Vector tiles of the city twin: buildings with heights, roads, pipes and network nodes",
		Version:      "1.0.0",
		Scheme:       "xyz",
		Tiles:        []string{s.base(rq.Request) + "/tiles/{z}/{x}/{y}.mvt"},
		MinZoom:      tileMinZoom,
		MaxZoom:      tileMaxZoom,
		VectorLayers: []vectorLayer{},
	}
	for _, tl := range tileLayers {
		if snap.Layer(tl.name).Len() == 0 {
			continue
		}
		doc.VectorLayers = append(doc.VectorLayers, vectorLayer{ID: tl.name, Description: tl.description,
			MinZoom: tl.minZoom, MaxZoom: tileMaxZoom, Fields: fieldTypes(tl.fields)})
	}
	if b, ok := snap.BoundsLonLat(); ok {
		doc.Bounds = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		c := b.Center()
		doc.Center = []float64{c[0], c[1], float64(fitZoom(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]))}
	}
	return okJSON(doc), nil
}

// fitZoom is the zoom at which an extent of dlon × dlat degrees fills about
// one tile, within tileMinZoom…tileMaxZoom (latitude degrees are counted as
// longitude degrees: near enough for a city-sized extent).
func fitZoom(dlon, dlat float64) int {
	d := math.Max(dlon, dlat)
	if !(d > 0) {
		return tileMaxZoom
	}
	z := int(math.Floor(math.Log2(360 / d)))
	return max(tileMinZoom, min(tileMaxZoom, z))
}

// fieldTypes maps each field to its TileJSON type.
func fieldTypes(fs []tileField) map[string]string {
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[f.name] = f.kind.tileJSONType()
	}
	return m
}

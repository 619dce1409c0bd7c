package api

import (
	"twin/engine"
	"twin/geo"
)

// layerTitles describes the World's standard layers.
var layerTitles = map[string]string{
	geo.LayerBuildings:     "Buildings: footprints with heights (OSM, CityJSON)",
	geo.LayerBuildingParts: "Building parts",
	geo.LayerRoads:         "Roads: one feature per street (OSM way)",
	geo.LayerLinks:         "Road links: the directed road graph",
	geo.LayerRoadNodes:     "Road nodes: junctions and traffic signals",
	geo.LayerRestrictions:  "Turn restrictions",
	geo.LayerPipes:         "Pipes: sewers and water mains with invert elevations",
	geo.LayerPipeNodes:     "Pipe nodes: manholes, outfalls, tanks, reservoirs",
	geo.LayerSubcatchments: "Drainage subcatchments",
	geo.LayerRainGauges:    "Rain gauges",
	geo.LayerSensors:       "Sensors with their latest readings",
	geo.LayerUnits:         "Emergency units",
	geo.LayerPOIs:          "Points of interest: fire, police, ambulance stations, hospitals and clinics mapped as points (OSM nodes)",
}

// collectionDoc describes one collection (OGC API – Features
// /collections/{id}, with the Part 2 crs and storageCrs members).
func (s *Server) collectionDoc(rq *request, id string, l *engine.Layer) map[string]any {
	base := s.base(rq.Request) + "/collections/" + pathEscape(id)
	title := layerTitles[id]
	if title == "" {
		title = id
	}
	doc := map[string]any{
		"id":          id,
		"title":       title,
		"description": title,
		"itemType":    "feature",
		"crs":         crsURIs(supportedCRS(rq.snap)),
		"links": []link{
			{Href: base, Rel: "self", Type: typeJSON},
			{Href: base + "/items", Rel: "items", Type: typeGeoJSON, Title: title},
		},
	}
	if c := rq.snap.CRS(); c != nil {
		doc["storageCrs"] = c.URI()
	}
	if b, ok := l.Bounds(); ok {
		if ll, ok := rq.snap.LonLatHull(b); ok {
			doc["extent"] = map[string]any{"spatial": map[string]any{
				"bbox": [][]float64{{ll.Min[0], ll.Min[1], ll.Max[0], ll.Max[1]}},
				"crs":  crsCRS84.URI(),
			}}
		}
	}
	return doc
}

func (s *Server) collections(rq *request) (response, error) {
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	var cols []map[string]any
	for _, name := range rq.snap.LayerNames() {
		cols = append(cols, s.collectionDoc(rq, name, rq.snap.Layer(name)))
	}
	b := s.base(rq.Request)
	return okJSON(map[string]any{
		"links":       []link{{Href: b + "/collections", Rel: "self", Type: typeJSON}},
		"crs":         crsURIs(supportedCRS(rq.snap)),
		"collections": cols,
	}), nil
}

func (s *Server) collection(rq *request) (response, error) {
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	l, id, err := layerOf(rq)
	if err != nil {
		return nil, err
	}
	return okJSON(s.collectionDoc(rq, id, l)), nil
}

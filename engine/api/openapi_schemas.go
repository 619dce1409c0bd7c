package api

// openAPISchemas returns the document's reusable schemas: the OGC API –
// Features resources (after the schemas of OGC 17-069r4, Annex B), GeoJSON
// (RFC 7946), the RFC 7807 problem, and twin's own answers. Every call
// builds fresh values, so callers may change them.
func openAPISchemas() map[string]*oaSchema {
	s := map[string]*oaSchema{
		"exception": problemSchema(),
		"link": object(map[string]*oaSchema{
			"href":     str("the URL of the linked resource"),
			"rel":      str("the relation type: self, next, prev, collection, items, data, …"),
			"type":     str("the media type of the linked resource"),
			"title":    str(""),
			"hreflang": str(""),
		}, "href", "rel"),
		"landingPage": object(map[string]*oaSchema{
			"title":       str(""),
			"description": str(""),
			"links":       arrayOf(schemaRef("link")),
		}, "links"),
		"confClasses": object(map[string]*oaSchema{
			"conformsTo": arrayOf(str("a conformance class URI")),
		}, "conformsTo"),
		"collections": object(map[string]*oaSchema{
			"links":       arrayOf(schemaRef("link")),
			"crs":         arrayOf(str("a CRS URI offered by every collection")),
			"collections": arrayOf(schemaRef("collection")),
		}, "links", "collections"),
		"collection": collectionSchema(),
		"extent": object(map[string]*oaSchema{
			"spatial": object(map[string]*oaSchema{
				"bbox": arrayOf(bboxSchema("lon/lat box: west, south, east, north (or with heights: west, south, low, east, north, high)")),
				"crs":  {Type: "string", Enum: []any{crsCRS84.URI()}},
			}),
		}),
		"featureCollectionGeoJSON": featureCollectionSchema(),
		"featureGeoJSON":           featureSchema(),
		"elevation": object(map[string]*oaSchema{
			"point":       {Type: "array", Items: &oaSchema{Type: "number"}, MinItems: count(2), MaxItems: count(2), Description: "the queried point, lon/lat in degrees (CRS84)"},
			"elevation_m": {Type: "number", Description: "terrain height above the vertical datum of the loaded DEM, metres"},
			"crs":         str("the CRS of point (CRS84)"),
		}, "point", "elevation_m", "crs"),
		"tileJSON":    tileJSONSchema(),
		"polygonBody": polygonBodySchema(),
	}
	for name, g := range geometrySchemas() {
		s[name] = g
	}
	return s
}

// problemSchema is RFC 7807 problem details, as every error response
// carries them, with twin's "parameter" extension member.
func problemSchema() *oaSchema {
	p := object(map[string]*oaSchema{
		"type":      str(`a URI identifying the problem type; "about:blank" when the status says it all`),
		"title":     str("the HTTP status text"),
		"status":    {Type: "integer", Minimum: num(400), Maximum: num(599), Description: "the HTTP status code"},
		"detail":    str("what was wrong with this request"),
		"parameter": str("the query parameter, path element or header at fault, if any"),
	}, "type", "title", "status")
	p.Description = "An RFC 7807 problem details document (application/problem+json)."
	return p
}

func collectionSchema() *oaSchema {
	c := object(map[string]*oaSchema{
		"id":          str("the collection's id, as used in paths"),
		"title":       str(""),
		"description": str(""),
		"links":       arrayOf(schemaRef("link")),
		"extent":      schemaRef("extent"),
		"itemType":    {Type: "string", Default: "feature"},
		"crs":         arrayOf(str("a CRS URI the collection can be served in (OGC API – Features Part 2)")),
		"storageCrs":  str("the CRS the World stores coordinates in: its local metric CRS"),
	}, "id", "links")
	return c
}

// bboxSchema is a box of 4 or 6 numbers.
func bboxSchema(description string) *oaSchema {
	return &oaSchema{Type: "array", Description: description, MinItems: count(4), MaxItems: count(6),
		Items: &oaSchema{Type: "number"}}
}

func featureCollectionSchema() *oaSchema {
	fc := object(map[string]*oaSchema{
		"type":           {Type: "string", Enum: []any{"FeatureCollection"}},
		"features":       arrayOf(schemaRef("featureGeoJSON")),
		"links":          arrayOf(schemaRef("link")),
		"timeStamp":      {Type: "string", Format: "date-time", Description: "when the response was generated"},
		"numberMatched":  {Type: "integer", Minimum: num(0), Description: "the number of features matching the selection, over all pages"},
		"numberReturned": {Type: "integer", Minimum: num(0), Description: "the number of features in this response"},
	}, "type", "features")
	fc.Description = "A GeoJSON FeatureCollection (RFC 7946) with the OGC API – Features paging members."
	return fc
}

func featureSchema() *oaSchema {
	f := object(map[string]*oaSchema{
		"type": {Type: "string", Enum: []any{"Feature"}},
		"geometry": {Nullable: true, Description: "the feature's geometry; null for features without one",
			OneOf: []*oaSchema{schemaRef("geometryGeoJSON")}},
		"properties": {Type: "object", Nullable: true, Description: "the feature's attributes; lengths in metres, speeds in m/s unless the name says otherwise (maxspeed_kmh)"},
		"id":         {OneOf: []*oaSchema{{Type: "string"}, {Type: "integer"}}},
		"links":      arrayOf(schemaRef("link")),
	}, "type", "geometry", "properties")
	f.Description = "A GeoJSON Feature (RFC 7946)."
	return f
}

// geometrySchemas are the GeoJSON geometry objects and geometryGeoJSON, one
// of them. Positions are lon, lat[, height] in CRS84 unless the request
// named another CRS.
func geometrySchemas() map[string]*oaSchema {
	pos := &oaSchema{Type: "array", MinItems: count(2), Items: &oaSchema{Type: "number"},
		Description: "a position: x, y[, z] in the response CRS's axis order"}
	line := &oaSchema{Type: "array", MinItems: count(2), Items: pos}
	ring := &oaSchema{Type: "array", MinItems: count(4), Items: pos, Description: "a closed ring"}
	geom := func(typ string, coords *oaSchema) *oaSchema {
		return object(map[string]*oaSchema{
			"type":        {Type: "string", Enum: []any{typ}},
			"coordinates": coords,
			"bbox":        {Type: "array", MinItems: count(4), Items: &oaSchema{Type: "number"}},
		}, "type", "coordinates")
	}
	out := map[string]*oaSchema{
		"pointGeoJSON":           geom("Point", pos),
		"multipointGeoJSON":      geom("MultiPoint", arrayOf(pos)),
		"linestringGeoJSON":      geom("LineString", line),
		"multilinestringGeoJSON": geom("MultiLineString", arrayOf(line)),
		"polygonGeoJSON":         geom("Polygon", arrayOf(ring)),
		"multipolygonGeoJSON":    geom("MultiPolygon", arrayOf(arrayOf(ring))),
		"geometrycollectionGeoJSON": object(map[string]*oaSchema{
			"type":       {Type: "string", Enum: []any{"GeometryCollection"}},
			"geometries": arrayOf(schemaRef("geometryGeoJSON")),
		}, "type", "geometries"),
	}
	out["geometryGeoJSON"] = &oaSchema{OneOf: []*oaSchema{
		schemaRef("pointGeoJSON"), schemaRef("multipointGeoJSON"),
		schemaRef("linestringGeoJSON"), schemaRef("multilinestringGeoJSON"),
		schemaRef("polygonGeoJSON"), schemaRef("multipolygonGeoJSON"),
		schemaRef("geometrycollectionGeoJSON"),
	}}
	return out
}

// polygonBodySchema is the body of POST …/within: a Polygon or
// MultiPolygon, bare or as a Feature's geometry.
func polygonBodySchema() *oaSchema {
	feature := object(map[string]*oaSchema{
		"type": {Type: "string", Enum: []any{"Feature"}},
		"geometry": {OneOf: []*oaSchema{
			schemaRef("polygonGeoJSON"), schemaRef("multipolygonGeoJSON"),
		}},
		"properties": {Type: "object", Nullable: true},
	}, "type", "geometry")
	return &oaSchema{
		Description: "A GeoJSON Polygon or MultiPolygon, or a Feature with one, in filter-crs (default CRS84, lon/lat). Rings must be closed and have at least 4 positions.",
		OneOf:       []*oaSchema{schemaRef("polygonGeoJSON"), schemaRef("multipolygonGeoJSON"), feature},
	}
}

// tileJSONSchema is TileJSON 3.0.0 (github.com/mapbox/tilejson-spec), with
// the members required there.
func tileJSONSchema() *oaSchema {
	zoom := &oaSchema{Type: "integer", Minimum: num(0), Maximum: num(30)}
	layer := object(map[string]*oaSchema{
		"id":          str("the MVT layer name"),
		"description": str(""),
		"fields":      {Type: "object", AdditionalProperties: &oaSchema{Type: "string"}, Description: "attribute name → type or description"},
		"minzoom":     zoom,
		"maxzoom":     zoom,
	}, "id", "fields")
	t := object(map[string]*oaSchema{
		"tilejson":      {Type: "string", Example: "3.0.0"},
		"tiles":         {Type: "array", MinItems: count(1), Items: str("a tile URL template with {z}, {x} and {y}")},
		"vector_layers": arrayOf(layer),
		"name":          str(""),
		"description":   str(""),
		"attribution":   str(""),
		"scheme":        {Type: "string", Enum: []any{"xyz", "tms"}},
		"minzoom":       zoom,
		"maxzoom":       zoom,
		"bounds":        {Type: "array", MinItems: count(4), MaxItems: count(4), Items: &oaSchema{Type: "number"}, Description: "west, south, east, north in degrees"},
		"center":        {Type: "array", MinItems: count(2), MaxItems: count(3), Items: &oaSchema{Type: "number"}, Description: "lon, lat[, zoom]"},
	}, "tilejson", "tiles", "vector_layers")
	t.Description = "A TileJSON 3.0.0 document for the vector tiles."
	return t
}

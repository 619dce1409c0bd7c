package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"twin/engine"
	"twin/geo"
	"twin/geo/geojson"
	"twin/geo/proj"
)

// reservedParams are the query parameters items understands itself; any
// other parameter filters on the property of that name.
var reservedParams = map[string]bool{"bbox": true, "bbox-crs": true, "crs": true, "limit": true,
	"offset": true, "datetime": true, "f": true}

// layerOf returns the collection's layer or a 404.
func layerOf(rq *request) (*engine.Layer, string, error) {
	id := rq.PathValue("id")
	l := rq.snap.Layer(id)
	if l == nil || l.Len() == 0 {
		return nil, id, notFound("no collection %q", id)
	}
	return l, id, nil
}

// itemsQuery is a parsed items request.
type itemsQuery struct {
	area     area
	hasArea  bool
	when     timeRange
	hasWhen  bool
	props    map[string]string
	limit    int
	offset   int
	crs      *proj.CRS
	rawQuery url.Values
}

func (s *Server) parseItems(rq *request) (itemsQuery, error) {
	q := rq.URL.Query()
	var iq itemsQuery
	var err error
	if err = checkFormat(rq.Request); err != nil {
		return iq, err
	}
	if iq.crs, err = parseCRS(rq.snap, "crs", q.Get("crs"), crsCRS84); err != nil {
		return iq, err
	}
	if iq.area, iq.hasArea, err = bboxParam(rq.snap, q); err != nil {
		return iq, err
	}
	if iq.when, iq.hasWhen, err = datetimeParam(q); err != nil {
		return iq, err
	}
	if iq.limit, err = intParam(q, "limit", s.cfg.DefaultLimit, 1, s.cfg.MaxLimit); err != nil {
		return iq, err
	}
	if iq.offset, err = intParam(q, "offset", 0, 0, 1<<31-1); err != nil {
		return iq, err
	}
	for k, vs := range q {
		if !reservedParams[k] {
			if iq.props == nil {
				iq.props = map[string]string{}
			}
			iq.props[k] = vs[0]
		}
	}
	iq.rawQuery = q
	return iq, nil
}

// filtered reports whether the query needs more than the ID order.
func (iq itemsQuery) filtered() bool { return iq.hasArea || iq.hasWhen || len(iq.props) > 0 }

func (iq itemsQuery) keep(f geo.Feature) bool {
	if !iq.hasWhen && len(iq.props) == 0 {
		return true
	}
	props := f.Properties()
	for k, want := range iq.props {
		if v, ok := props[k]; !ok || propString(v) != want {
			return false
		}
	}
	if iq.hasWhen {
		t, ok := featureTime(props)
		if !ok || !iq.when.contains(t) {
			return false
		}
	}
	return true
}

// propString formats a property value as a query string would spell it.
func propString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	}
	return ""
}

// featureTime reads a feature's time from its "datetime", "ts" or "time"
// property (RFC 3339).
func featureTime(props map[string]any) (time.Time, bool) {
	for _, k := range []string{"datetime", "ts", "time"} {
		if s, ok := props[k].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (s *Server) items(rq *request) (response, error) {
	l, id, err := layerOf(rq)
	if err != nil {
		return nil, err
	}
	iq, err := s.parseItems(rq)
	if err != nil {
		return nil, err
	}
	var page []geo.Feature
	matched := 0
	if !iq.filtered() {
		matched = l.Len()
		for i := iq.offset; i < matched && len(page) < iq.limit; i++ {
			f, _ := l.At(i)
			page = append(page, f)
		}
	} else {
		var all []geo.Feature
		collect := func(f geo.Feature) bool {
			if iq.keep(f) {
				all = append(all, f)
			}
			return true
		}
		if iq.hasArea {
			iq.area.search(l, collect)
			sortByID(all)
		} else {
			l.Ascend("", collect)
		}
		matched = len(all)
		if iq.offset < matched {
			page = all[iq.offset:min(matched, iq.offset+iq.limit)]
		}
	}
	return s.collectionPage(rq, id, iq, page, matched), nil
}

// featurePage streams one page of a collection as GeoJSON.
type featurePage struct {
	s          *Server
	collection string
	features   []geo.Feature
	crs        *proj.CRS
	foreign    map[string]any
}

func (s *Server) collectionPage(rq *request, id string, iq itemsQuery, page []geo.Feature, matched int) response {
	base := s.base(rq.Request) + "/collections/" + pathEscape(id)
	self := base + "/items"
	links := []link{
		{Href: self + encodeQuery(iq.rawQuery, -1), Rel: "self", Type: typeGeoJSON},
		{Href: base, Rel: "collection", Type: typeJSON},
	}
	if next := iq.offset + len(page); next < matched {
		links = append(links, link{Href: self + encodeQuery(iq.rawQuery, next), Rel: "next", Type: typeGeoJSON})
	}
	if iq.offset > 0 {
		links = append(links, link{Href: self + encodeQuery(iq.rawQuery, max(0, iq.offset-iq.limit)), Rel: "prev", Type: typeGeoJSON})
	}
	return featurePage{s: s, collection: id, features: page, crs: iq.crs, foreign: map[string]any{
		"numberMatched":  matched,
		"numberReturned": len(page),
		"timeStamp":      time.Now().UTC().Format(time.RFC3339),
		"links":          links,
	}}
}

// encodeQuery re-encodes q with offset replaced (offset < 0: as it was).
func encodeQuery(q url.Values, offset int) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	if offset >= 0 {
		c.Set("offset", strconv.Itoa(offset))
	}
	if len(c) == 0 {
		return ""
	}
	return "?" + c.Encode()
}

func (p featurePage) write(w http.ResponseWriter, rq *request) error {
	h := w.Header()
	h.Set("Content-Type", typeGeoJSON)
	h.Set("Content-Crs", "<"+p.crs.URI()+">")
	enc, err := geojson.NewWriter(w, geojson.EncodeOptions{Project: toWire(rq.snap, p.crs),
		Precision: wirePrecision(p.crs), Foreign: p.foreign})
	if err != nil {
		return err
	}
	for _, f := range p.features {
		if err := enc.Write(f); err != nil {
			return err
		}
	}
	p.s.metrics.served(p.collection, len(p.features))
	return enc.Close()
}

func (s *Server) item(rq *request) (response, error) {
	l, id, err := layerOf(rq)
	if err != nil {
		return nil, err
	}
	if err := checkFormat(rq.Request); err != nil {
		return nil, err
	}
	c, err := parseCRS(rq.snap, "crs", rq.URL.Query().Get("crs"), crsCRS84)
	if err != nil {
		return nil, err
	}
	fid := rq.PathValue("fid")
	f, ok := l.Get(fid)
	if !ok {
		return nil, notFound("no feature %q in collection %q", fid, id)
	}
	base := s.base(rq.Request) + "/collections/" + pathEscape(id)
	return singleFeature{s: s, collection: id, f: f, crs: c, links: []link{
		{Href: base + "/items/" + pathEscape(fid), Rel: "self", Type: typeGeoJSON},
		{Href: base, Rel: "collection", Type: typeJSON},
	}}, nil
}

type singleFeature struct {
	s          *Server
	collection string
	f          geo.Feature
	crs        *proj.CRS
	links      []link
}

func (sf singleFeature) write(w http.ResponseWriter, rq *request) error {
	h := w.Header()
	h.Set("Content-Type", typeGeoJSON)
	h.Set("Content-Crs", "<"+sf.crs.URI()+">")
	sf.s.metrics.served(sf.collection, 1)
	return geojson.EncodeFeature(w, sf.f, geojson.EncodeOptions{Project: toWire(rq.snap, sf.crs),
		Precision: wirePrecision(sf.crs), Foreign: map[string]any{"links": sf.links}})
}

package api

import (
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

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
	sc := s.scratch()
	matched := 0
	if !iq.filtered() {
		matched = l.Len()
		for i := iq.offset; i < matched && len(sc.page) < iq.limit; i++ {
			f, _ := l.At(i)
			sc.page = append(sc.page, f)
		}
	} else {
		collect := func(id string, f geo.Feature) bool {
			if iq.keep(f) {
				sc.hits = append(sc.hits, hit{id, f})
			}
			return true
		}
		if iq.hasArea {
			iq.area.searchID(l, collect)
			sortHits(sc.hits, iq.offset+iq.limit)
		} else {
			l.Ascend("", func(f geo.Feature) bool { return collect(f.FeatureID(), f) })
		}
		matched = len(sc.hits)
		for i := iq.offset; i < matched && len(sc.page) < iq.limit; i++ {
			sc.page = append(sc.page, sc.hits[i].f)
		}
	}
	fp := s.collectionPage(rq, id, iq, sc.page, matched)
	fp.scratch = sc
	return fp, nil
}

// searchID is area.search passing the IDs from the index along.
func (a area) searchID(l *engine.Layer, fn func(string, geo.Feature) bool) {
	if a.empty {
		return
	}
	l.SearchPolygonID(a.poly, a.inner, fn)
}

// hit is a matched feature with its ID, read once for sorting.
type hit struct {
	id string
	f  geo.Feature
}

func compareHits(a, b hit) int { return strings.Compare(a.id, b.id) }

// sortHits orders the first k hits by ID, as the k smallest IDs of all:
// a full sort, or for a page far smaller than the matches (limit 10 of a
// few hundred) a partial insertion sort, O(n + k·m) for m insertions.
func sortHits(hs []hit, k int) {
	if k <= 0 {
		return
	}
	if k*4 >= len(hs) {
		slices.SortFunc(hs, compareHits)
		return
	}
	slices.SortFunc(hs[:k], compareHits)
	for i := k; i < len(hs); i++ {
		if hs[i].id >= hs[k-1].id {
			continue
		}
		// Swap it for the largest of the k, then move it into place.
		x := hs[i]
		hs[i] = hs[k-1]
		j := k - 1
		for j > 0 && hs[j-1].id > x.id {
			hs[j] = hs[j-1]
			j--
		}
		hs[j] = x
	}
}

// pageScratch is what one items response allocates, kept in Server.pages
// and reused: the GeoJSON writer with its 80 KB buffer and the match lists.
type pageScratch struct {
	enc  geojson.Writer
	hits []hit
	page []geo.Feature
}

// scratch takes a pageScratch from the pool.
func (s *Server) scratch() *pageScratch {
	if sc, ok := s.pages.Get().(*pageScratch); ok {
		return sc
	}
	return &pageScratch{}
}

// release clears sc's references and returns it to the pool.
func (s *Server) release(sc *pageScratch) {
	sc.enc.Reset(io.Discard, geojson.EncodeOptions{}) // drop the writer and the page's members
	clear(sc.hits)
	clear(sc.page)
	sc.hits, sc.page = sc.hits[:0], sc.page[:0]
	s.pages.Put(sc)
}

// featurePage streams one page of a collection as GeoJSON.
type featurePage struct {
	s          *Server
	collection string
	features   []geo.Feature
	crs        *proj.CRS
	foreign    map[string]any
	near       orb.Bound    // where the features are, in World metres, when known
	cacheable  bool         // features straight from a layer: their encodings may be kept
	scratch    *pageScratch // holds features; released after writing (nil: take one then)
}

func (s *Server) collectionPage(rq *request, id string, iq itemsQuery, page []geo.Feature, matched int) featurePage {
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
	fp := featurePage{s: s, collection: id, features: page, crs: iq.crs, cacheable: true, foreign: map[string]any{
		"numberMatched":  matched,
		"numberReturned": len(page),
		"timeStamp":      time.Now().UTC().Format(time.RFC3339),
		"links":          links,
	}}
	if iq.hasArea {
		// The page's features meet the area; most lie within half its size.
		b := iq.area.poly.Bound()
		fp.near = b.Pad(math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) / 2)
	}
	return fp
}

// encodeQuery re-encodes q with offset replaced (offset < 0: as it was):
// url.Values.Encode of the changed copy, written without the copy.
func encodeQuery(q url.Values, offset int) string {
	keys := make([]string, 0, len(q)+1)
	for k := range q {
		if k != "offset" || offset < 0 {
			keys = append(keys, k)
		}
	}
	if offset >= 0 {
		keys = append(keys, "offset")
	}
	if len(keys) == 0 {
		return ""
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		if k == "offset" && offset >= 0 {
			vs = []string{strconv.Itoa(offset)}
		}
		ek := url.QueryEscape(k)
		for _, v := range vs {
			if b.Len() == 0 {
				b.WriteByte('?')
			} else {
				b.WriteByte('&')
			}
			b.WriteString(ek)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

func (p featurePage) write(w http.ResponseWriter, rq *request) error {
	h := w.Header()
	h.Set("Content-Type", typeGeoJSON)
	h.Set("Content-Crs", "<"+p.crs.URI()+">")
	prec := wirePrecision(p.crs)
	sc := p.scratch
	if sc == nil {
		sc = p.s.scratch()
	}
	defer p.s.release(sc)
	enc := &sc.enc
	opt := geojson.EncodeOptions{Project: fitProjection(toWire(rq.snap, p.crs), p.features, prec, p.near),
		Precision: prec, Foreign: p.foreign}
	if p.cacheable && p.crs == crsCRS84 {
		// The layers' features are immutable and the World's CRS fixed: the
		// default wire form of each is formatted once (FeatureCache).
		opt.Cache = &p.s.wire
	}
	if err := enc.Reset(w, opt); err != nil {
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

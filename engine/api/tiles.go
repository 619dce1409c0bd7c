package api

import (
	"hash/fnv"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/paulmach/orb/maptile"

	"twin/engine"
)

// Vector tiles: GET /tiles/{z}/{x}/{y}.mvt serves one Mapbox Vector Tile
// (MVT 2, extent 4096) of the World in the XYZ scheme (Web Mercator, y from
// the north), with the layers in tileLayers:
//
//	layer       zooms  attributes
//	buildings   13+    id, height, min_height, ground, levels, type, name
//	roads       10+    id, class, name, oneway, maxspeed_kmh, lanes
//	                   (motorway/trunk/primary from 10, secondary 11,
//	                   tertiary 12, residential and similar 13, service 14,
//	                   paths and the rest 15)
//	pipes       14+    id, network, kind, diameter
//	pipe_nodes  16+    id, network, kind, invert, max_depth, ground
//	road_nodes  16+    id, signal, degree
//
// Lengths and elevations are metres, speeds km/h. A tile with no features is
// an empty MVT: 200 with a zero-length body (a tile with no layers), which
// every client reads as "nothing here", rather than a 204 that some treat as
// an error. The body is gzipped (Content-Encoding: gzip) when the client
// accepts gzip. The ETag names the World's version (and data), so a client
// revalidating with If-None-Match gets a 304 until the World changes;
// Cache-Control asks clients to revalidate (the World changes with deltas).
//
// Errors: 400 for a z outside 0…22, an x or y outside 0…2^z−1, or a y
// without the .mvt suffix; 404 when the World has no geodetic CRS (its
// coordinates cannot be placed on the map).

// parseTilePath parses the path elements of /tiles/{z}/{x}/{y}.mvt. Numbers
// are plain decimal digits.
func parseTilePath(zs, xs, ys string) (maptile.Tile, error) {
	z, err := tileNumber("z", zs, tileMaxServe)
	if err != nil {
		return maptile.Tile{}, err
	}
	n := uint64(1)<<z - 1
	x, err := tileNumber("x", xs, n)
	if err != nil {
		return maptile.Tile{}, err
	}
	digits, ok := strings.CutSuffix(ys, ".mvt")
	if !ok {
		return maptile.Tile{}, badParam("y", "%q: want the row followed by .mvt, e.g. 123.mvt", ys)
	}
	y, err := tileNumber("y", digits, n)
	if err != nil {
		return maptile.Tile{}, err
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// tileNumber parses a decimal number in 0…hi.
func tileNumber(name, s string, hi uint64) (uint64, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, badParam(name, "%q is not a whole number", s)
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v > hi {
		return 0, badParam(name, "%.24s is outside 0..%d", s, hi)
	}
	return v, nil
}

// tile serves one Mapbox Vector Tile.
func (s *Server) tile(rq *request) (response, error) {
	t, err := parseTilePath(rq.PathValue("z"), rq.PathValue("x"), rq.PathValue("y"))
	if err != nil {
		return nil, err
	}
	if rq.snap.CRS() == nil {
		return nil, notFound("no tiles: the World has no geodetic CRS")
	}
	tag := tileETag(rq.snap)
	if etagMatch(rq.Header.Get("If-None-Match"), tag) {
		return tileResponse{etag: tag, notModified: true}, nil
	}
	sc, _ := s.tiles.Get().(*tileScratch)
	if sc == nil {
		sc = new(tileScratch)
	}
	body, counts := renderTile(rq.snap, t, sc)
	for _, c := range counts {
		s.metrics.served(c.layer, c.n)
	}
	return tileResponse{etag: tag, body: body, sc: sc, pool: &s.tiles,
		gzip: acceptsGzip(rq.Header.Values("Accept-Encoding"))}, nil
}

// tileResponse writes a tile body, gzipped when asked, or a 304. The body
// lies in sc's memory, which goes back to pool once written.
type tileResponse struct {
	etag        string
	body        []byte
	gzip        bool
	notModified bool
	sc          *tileScratch
	pool        *sync.Pool
}

func (tr tileResponse) write(w http.ResponseWriter, _ *request) error {
	if tr.sc != nil {
		defer tr.pool.Put(tr.sc)
	}
	h := w.Header()
	h.Set("Cache-Control", "public, no-cache")
	h.Set("Vary", "Accept-Encoding")
	if tr.notModified {
		h.Set("ETag", `"`+tr.etag+`"`)
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := tr.body
	etag := tr.etag
	if tr.gzip && len(body) > 0 {
		var err error
		if body, err = tr.sc.gzip(body); err != nil {
			return err
		}
		etag += "-gzip"
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", typeMVT)
	h.Set("ETag", `"`+etag+`"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

// gzip compresses body into sc's memory at gzip's fastest level
// (klauspost/compress: about twice as fast as compress/gzip at its fastest,
// for a tile about as small; the writer is reused).
func (sc *tileScratch) gzip(body []byte) ([]byte, error) {
	sc.gz.Reset()
	if sc.zw == nil {
		sc.zw, _ = gzip.NewWriterLevel(&sc.gz, gzip.BestSpeed) // a valid level never fails
	} else {
		sc.zw.Reset(&sc.gz)
	}
	sc.zw.Write(body)
	if err := sc.zw.Close(); err != nil {
		return nil, err
	}
	return sc.gz.Bytes(), nil
}

// tileFormat changes whenever the tiles' content changes for the same data
// (layers, attributes, zooms), so that cached tiles of an older server are
// not taken for current.
const tileFormat = 1

// tileETag identifies the tiles of one snapshot: a hash of its version, CRS
// and layer sizes (so that another World reaching the same version after a
// restart does not match) and the tile format. O(layers).
func tileETag(snap *engine.Snapshot) string {
	h := fnv.New64a()
	var b []byte
	b = strconv.AppendUint(b, snap.Version(), 10)
	b = strconv.AppendInt(append(b, '/'), tileFormat, 10)
	if c := snap.CRS(); c != nil {
		b = append(append(b, '/'), c.String()...)
	}
	for _, name := range snap.LayerNames() {
		b = append(append(b, '/'), name...)
		b = strconv.AppendInt(append(b, ':'), int64(snap.Layer(name).Len()), 10)
	}
	h.Write(b)
	return "v" + strconv.FormatUint(snap.Version(), 10) + "-" + strconv.FormatUint(h.Sum64(), 36)
}

// etagMatch reports whether an If-None-Match header names tag (weak
// comparison, RFC 9110 §13.1.2; the -gzip variant of a tag matches it too,
// since both encode the same tile).
func etagMatch(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			return true
		}
		t = strings.TrimPrefix(t, "W/")
		t = strings.TrimSuffix(strings.TrimPrefix(t, `"`), `"`)
		if t == tag || t == tag+"-gzip" {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding headers accept gzip: a gzip
// (or x-gzip, or *) coding whose q-value is not 0 (RFC 9110 §12.5.3).
func acceptsGzip(headers []string) bool {
	star := false
	for _, hv := range headers {
		for _, part := range strings.Split(hv, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			q := 1.0
			if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && !math.IsNaN(f) {
					q = f
				}
			}
			switch coding {
			case "gzip", "x-gzip":
				return q > 0
			case "*":
				star = q > 0
			}
		}
	}
	return star
}

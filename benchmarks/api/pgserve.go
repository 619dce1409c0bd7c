package apibench

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ErrQuery: an items or tile request pgserve cannot answer.
var ErrQuery = errors.New("apibench: bad request")

// MaxLimit is the largest page pgserve serves, as twin's default.
const MaxLimit = 10000

// ItemsQuery is a parsed items request: a lon/lat box, a page size and an
// offset.
type ItemsQuery struct {
	BBox          orb.Bound
	Limit, Offset int
}

// ParseItemsQuery reads bbox (required: four finite numbers, min ≤ max,
// latitudes within ±90), limit (1…MaxLimit, default 10) and offset (≥ 0,
// default 0). Errors wrap ErrQuery. It is the minimal parsing a service
// needs before it may send numbers to the database.
func ParseItemsQuery(q url.Values) (ItemsQuery, error) {
	iq := ItemsQuery{Limit: 10}
	parts := strings.Split(q.Get("bbox"), ",")
	if len(parts) != 4 {
		return iq, fmt.Errorf("%w: bbox needs 4 numbers", ErrQuery)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return iq, fmt.Errorf("%w: bbox: %q is not a finite number", ErrQuery, p)
		}
		v[i] = f
	}
	if v[0] > v[2] || v[1] > v[3] || v[1] < -90 || v[3] > 90 {
		return iq, fmt.Errorf("%w: bbox out of order or range", ErrQuery)
	}
	iq.BBox = orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	var err error
	if iq.Limit, err = intParam(q, "limit", 10, 1, MaxLimit); err != nil {
		return iq, err
	}
	iq.Offset, err = intParam(q, "offset", 0, 0, math.MaxInt32)
	return iq, err
}

func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: %s must be an integer in [%d, %d]", ErrQuery, name, lo, hi)
	}
	return n, nil
}

// Handler is pgserve's HTTP side: a minimal service that asks PostGIS for
// every answer, with no caching. Routes: GET
// /collections/{collection}/items (bbox, limit, offset; the page as
// PostGIS builds it) and GET /tiles/{z}/{x}/{y}.mvt (the buildings tile
// from ST_AsMVT). Bad parameters get a 400, database errors a 500.
// Safe for concurrent use.
func Handler(collection string, pg *PostGIS) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /collections/"+collection+"/items", func(w http.ResponseWriter, r *http.Request) {
		iq, err := ParseItemsQuery(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body, err := pg.Items(r.Context(), nil, iq.BBox, iq.Limit, iq.Offset)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/geo+json")
		w.Write(body)
	})
	mux.HandleFunc("GET /tiles/{z}/{x}/{y}", func(w http.ResponseWriter, r *http.Request) {
		z, x, y, err := parseTile(r.PathValue("z"), r.PathValue("x"), strings.TrimSuffix(r.PathValue("y"), ".mvt"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body, err := pg.Tile(r.Context(), z, x, y)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
		w.Write(body)
	})
	return mux
}

// parseTile reads z/x/y with 0 ≤ z ≤ 24 and x, y inside the zoom's grid.
func parseTile(zs, xs, ys string) (z, x, y int, err error) {
	z, err1 := strconv.Atoi(zs)
	x, err2 := strconv.Atoi(xs)
	y, err3 := strconv.Atoi(ys)
	if err1 != nil || err2 != nil || err3 != nil || z < 0 || z > 24 || x < 0 || y < 0 || x >= 1<<z || y >= 1<<z {
		return 0, 0, 0, fmt.Errorf("%w: tile %s/%s/%s", ErrQuery, zs, xs, ys)
	}
	return z, x, y, nil
}

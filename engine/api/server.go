package api

import (
	"crypto/sha256"
	"log/slog"
	"net/http"
	"slices"
	"sync"

	"twin/engine"
	"twin/geo/geojson"
)

// Server serves one World. Create it with New; it is an http.Handler.
type Server struct {
	cfg       Config
	world     *engine.World
	log       *slog.Logger
	mux       *http.ServeMux
	metrics   *metrics
	tokenHash []byte
	anyOrigin bool
	ready     func() bool
	live      *liveRoutes          // the delta routes, once MountLive has run
	scen      *scenarioRoutes      // the scenario routes, once MountScenarios has run
	pages     sync.Pool            // *pageScratch, reused by the items responses
	wire      geojson.FeatureCache // CRS84 encodings of served features
	tiles     sync.Pool            // *tileScratch, reused by the tile renderings
}

// New returns a Server for world. log may be nil (logs are discarded). It
// fails with ErrConfig when cfg does not validate.
func New(world *engine.World, cfg Config, log *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg.withDefaults(), world: world, log: log, mux: http.NewServeMux(),
		ready: func() bool { return true }}
	if cfg.Token != "" {
		h := sha256.Sum256([]byte(cfg.Token))
		s.tokenHash = h[:]
	}
	s.anyOrigin = slices.Contains(cfg.CORSOrigins, "*")
	s.metrics = newMetrics(func() float64 { return float64(world.Snapshot().Version()) })
	s.routes()
	return s, nil
}

// SetReady installs the readiness check behind /readyz (default: always
// ready). Call it before serving.
func (s *Server) SetReady(ready func() bool) { s.ready = ready }

// Handle registers an extra route (pattern as for http.ServeMux) with the
// server's logging, metrics, CORS, limits and, when write is set, token
// check. Other packages add their endpoints (delta ingest, streams) this way.
// Call it before serving.
func (s *Server) Handle(pattern, name string, write bool, h http.Handler) {
	s.mux.Handle(pattern, s.route(name, write, h))
}

func (s *Server) routes() {
	get := func(pattern, name string, h handler) {
		s.mux.Handle("GET "+pattern, s.route(name, false, s.wrap(name, h)))
	}
	get("/{$}", "landing", s.landing)
	get("/conformance", "conformance", s.conformance)
	get("/api", "api", s.openAPI)
	get("/collections", "collections", s.collections)
	get("/collections/{id}", "collection", s.collection)
	get("/collections/{id}/items", "items", s.items)
	get("/collections/{id}/items/{fid}", "item", s.item)
	get("/collections/{id}/nearest", "nearest", s.nearest)
	s.mux.Handle("POST /collections/{id}/within", s.route("within", false, s.wrap("within", s.within)))
	get("/under", "under", s.under)
	get("/elevation", "elevation", s.elevation)
	get("/building", "building", s.building)
	get("/tiles.json", "tilejson", s.tileJSON)
	get("/tiles/{z}/{x}/{y}", "tile", s.tile)
	// The probes skip the token check (and CORS and limits): orchestrators
	// probe without credentials, even where ProtectReads guards the data.
	s.mux.Handle("GET /healthz", s.observe("healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})))
	s.mux.Handle("GET /readyz", s.observe("readyz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if !s.ready() {
			writeProblem(w, problem(http.StatusServiceUnavailable, "", "not ready"))
			return
		}
		w.Write([]byte("ready\n"))
	})))
	s.mux.Handle("GET /metrics", s.route("metrics", false, s.metrics.handler()))
}

// ServeHTTP implements http.Handler. Paths no route knows get a 404
// problem; known paths with another method a 405 problem with Allow, except
// CORS preflights from an allowed origin, which get 204.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, p := s.mux.Handler(r2); p != "" {
			allowed = append(allowed, m)
		}
	}
	var p *Problem
	if len(allowed) > 0 {
		if slices.Contains(allowed, http.MethodGet) {
			allowed = append(allowed, http.MethodHead)
		}
		w.Header().Set("Allow", joinComma(allowed))
		p = problem(http.StatusMethodNotAllowed, "", "%s is not allowed on %s", r.Method, r.URL.Path)
	} else {
		p = notFound("no such resource: %s", r.URL.Path)
	}
	// Through CORS: it answers preflights (OPTIONS), which no route
	// registers, and lets browsers read the problem.
	s.observe("unmatched", s.cors(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeProblem(w, p) }))).ServeHTTP(w, r)
}

func joinComma(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

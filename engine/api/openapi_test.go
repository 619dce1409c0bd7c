package api

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"twin/engine/live"
)

// loadOpenAPI fetches /api from ts, checks its media type, and loads and
// validates it with kin-openapi (OpenAPI 3.0 structural and schema rules).
func loadOpenAPI(t *testing.T, ts *httptest.Server, header http.Header) *openapi3.T {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/api", nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /api: %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != typeOpenAPI {
		t.Errorf("GET /api: content type %q, want %q", ct, typeOpenAPI)
	}
	doc, err := openapi3.NewLoader().LoadFromData(body)
	if err != nil {
		t.Fatalf("loading the document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the document does not validate: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentValidates(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		header http.Header
	}{
		{"default", Config{}, nil},
		{"protected reads, small pages", Config{Token: "s3cret", ProtectReads: true, DefaultLimit: 5, MaxLimit: 50},
			http.Header{"Authorization": {"Bearer s3cret"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.cfg)
			doc := loadOpenAPI(t, ts, tc.header)
			if doc.OpenAPI != "3.0.3" {
				t.Errorf("openapi %q", doc.OpenAPI)
			}
			if len(doc.Servers) != 1 || doc.Servers[0].URL != ts.URL {
				t.Errorf("servers %v, want the request's base URL %s", doc.Servers, ts.URL)
			}
			// The collection ids are enumerated from the snapshot.
			var want []any
			for _, name := range sampleWorld(t).Snapshot().LayerNames() {
				want = append(want, name)
			}
			got := doc.Components.Parameters["collectionId"].Value.Schema.Value.Enum
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("collectionId enum %v, want %v", got, want)
			}
			// The limit parameter carries the configured page sizes.
			lim := doc.Components.Parameters["limit"].Value.Schema.Value
			d := Config{DefaultLimit: tc.cfg.DefaultLimit, MaxLimit: tc.cfg.MaxLimit}.withDefaults()
			if *lim.Max != float64(d.MaxLimit) || lim.Default != float64(d.DefaultLimit) {
				t.Errorf("limit max %v default %v, want %d, %d", *lim.Max, lim.Default, d.MaxLimit, d.DefaultLimit)
			}
			// /under takes up to MaxLimit features, all of them by default.
			under := doc.Components.Parameters["underLimit"].Value
			if under.Name != "limit" || *under.Schema.Value.Max != float64(d.MaxLimit) || under.Schema.Value.Default != float64(d.MaxLimit) {
				t.Errorf("/under limit %s max %v default %v, want limit with %d, %d", under.Name,
					*under.Schema.Value.Max, under.Schema.Value.Default, d.MaxLimit, d.MaxLimit)
			}
			_, hasBearer := doc.Components.SecuritySchemes["bearerAuth"]
			if !hasBearer {
				t.Error("no bearerAuth security scheme")
			}
			if got := len(doc.Security) > 0; got != tc.cfg.ProtectReads {
				t.Errorf("document-wide security %v, want it only when reads are protected", doc.Security)
			}
			// The probes answer without a token.
			for _, path := range []string{"/healthz", "/readyz"} {
				op := doc.Paths.Find(path).Get
				if op.Security == nil || len(*op.Security) != 0 || op.Responses.Value("401") != nil {
					t.Errorf("%s is not marked open: security %v", path, op.Security)
				}
			}
		})
	}
}

// registeredRoutes reads the route patterns a file registers (calls
// get("/path", …), s.mux.Handle("METHOD /path", …) and s.Handle("METHOD
// /path", …)) and spells them as the document does, so a route added there
// without a document entry fails the test. It fails when it finds fewer
// than least.
func registeredRoutes(t *testing.T, filename string, least int) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), filename, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	spell := strings.NewReplacer("{id}", "{collectionId}", "{fid}", "{featureId}", "{$}", "", "{y}", "{y}.mvt")
	var routes []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		pattern, _ := strconv.Unquote(lit.Value)
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			if fn.Name == "get" {
				routes = append(routes, "GET "+spell.Replace(pattern))
			}
		case *ast.SelectorExpr:
			mux := false
			switch x := fn.X.(type) {
			case *ast.SelectorExpr: // s.mux.Handle
				mux = x.Sel.Name == "mux"
			case *ast.Ident: // s.Handle
				mux = x.Name == "s"
			}
			if mux && fn.Sel.Name == "Handle" {
				routes = append(routes, spell.Replace(pattern))
			}
		}
		return true
	})
	if len(routes) < least {
		t.Fatalf("found only %d routes in %s: %v", len(routes), filename, routes)
	}
	return routes
}

// checkRoutesDocumented fails for each route the document lacks, or whose
// operation lacks the responses every route may give.
func checkRoutesDocumented(t *testing.T, doc *openapi3.T, routes []string) {
	t.Helper()
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("the document lacks %s", r)
			continue
		}
		op := item.GetOperation(method)
		if op.Responses.Value("500") == nil {
			t.Errorf("%s: no 500 response", r)
		}
		if strings.Contains(path, "{collectionId}") && op.Responses.Value("404") == nil {
			t.Errorf("%s: no 404 response for an unknown collection", r)
		}
	}
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t, newTestServer(t, Config{}), nil)
	checkRoutesDocumented(t, doc, registeredRoutes(t, "server.go", 10))
	for _, name := range []string{"BadRequest", "Unauthorized", "NotFound", "MethodNotAllowed", "PayloadTooLarge"} {
		if doc.Components.Responses[name] == nil {
			t.Errorf("no %s response component", name)
		}
	}
	// GDAL's OAPIF driver reads per-collection items paths for queryables.
	op := doc.Paths.Find("/collections/buildings/items").GetOperation("GET")
	var names []string
	for _, p := range op.Parameters {
		names = append(names, p.Value.Name)
	}
	for _, want := range []string{"bbox", "limit", "height", "type"} {
		if !slices.Contains(names, want) {
			t.Errorf("/collections/buildings/items lacks parameter %q (has %v)", want, names)
		}
	}
}

// TestOpenAPILiveRoutes checks that the live routes MountLive adds (read
// from live.go) are documented exactly where they are mounted, with the
// bearer requirement on POST /deltas whether or not reads are protected.
func TestOpenAPILiveRoutes(t *testing.T) {
	routes := registeredRoutes(t, "live.go", 4)
	t.Run("not mounted", func(t *testing.T) {
		doc := loadOpenAPI(t, newTestServer(t, Config{}), nil)
		for _, r := range routes {
			if _, path, _ := strings.Cut(r, " "); doc.Paths.Find(path) != nil {
				t.Errorf("the document of a server without live routes has %s", path)
			}
		}
		if doc.Components.Schemas["delta"] != nil {
			t.Error("the document of a server without live routes has the delta schema")
		}
	})
	tests := []struct {
		name   string
		cfg    Config
		header http.Header
	}{
		{"open reads", Config{}, nil},
		{"protected reads", Config{ProtectReads: true}, http.Header{"Authorization": {"Bearer " + liveToken}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := mountLive(t, smallWorld(t), tc.cfg, live.Options{}, nil)
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			doc := loadOpenAPI(t, ts, tc.header)
			checkRoutesDocumented(t, doc, routes)
			post := doc.Paths.Find("/deltas").Post
			if post == nil {
				t.Fatal("no POST /deltas")
			}
			if post.Security == nil || len(*post.Security) != 1 || (*post.Security)[0]["bearerAuth"] == nil {
				t.Errorf("POST /deltas security %v, want bearerAuth", post.Security)
			}
			for _, code := range []string{"200", "400", "401", "413", "415", "422", "503"} {
				if post.Responses.Value(code) == nil {
					t.Errorf("POST /deltas: no %s response", code)
				}
			}
			for _, path := range []string{"/deltas/stream", "/deltas/ws", "/deltas/version"} {
				op := doc.Paths.Find(path).Get
				if open := op.Security == nil && op.Responses.Value("401") == nil; open == tc.cfg.ProtectReads {
					t.Errorf("GET %s: 401 documented %v, want it only when reads are protected", path, !open)
				}
			}
			var params []string
			for _, p := range doc.Paths.Find("/deltas/stream").Get.Parameters {
				params = append(params, p.Value.In+":"+p.Value.Name)
			}
			if !slices.Contains(params, "query:since") || !slices.Contains(params, "header:Last-Event-ID") {
				t.Errorf("GET /deltas/stream parameters %v, want since and Last-Event-ID", params)
			}
		})
	}
}

// TestOpenAPIProblemSchema checks error answers that no operation of the
// document routes (405 on a known path, 404 on an unknown one) against the
// exception schema directly.
func TestOpenAPIProblemSchema(t *testing.T) {
	ts := newTestServer(t, Config{})
	doc := loadOpenAPI(t, ts, nil)
	schema := doc.Components.Schemas["exception"].Value
	for _, tc := range []struct{ method, path string }{
		{"DELETE", "/collections/buildings/items"},
		{"GET", "/collections/buildings/within"},
		{"GET", "/no/such/path"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var v any
			if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
				t.Fatal(err)
			}
			if err := schema.VisitJSON(v); err != nil {
				t.Errorf("not a problem document: %v", err)
			}
		})
	}
}

// BenchmarkOpenAPI measures building and encoding the document for the
// sample city, as GET /api does.
func BenchmarkOpenAPI(b *testing.B) {
	s, err := New(sampleWorld(b), Config{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	snap := s.world.Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		doc := s.openAPIDoc(snap, "http://twin.test")
		if err := json.NewEncoder(io.Discard).Encode(doc); err != nil {
			b.Fatal(err)
		}
	}
}

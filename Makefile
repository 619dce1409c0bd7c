# twin — see README.md. `make demo` runs the main job on the sample city;
# `make test` installs the test tools it needs and runs every test.

GO        ?= go
FUZZTIME  ?= 10000x
BIN       := bin/twin

.PHONY: all build demo deps test unit race fuzz vet bench bench-api clean report-check gl

all: build

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/twin

demo: build
	./$(BIN) demo

deps:
	./scripts/deps.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	CGO_ENABLED=0 $(GO) vet ./...

unit:
	CGO_ENABLED=0 $(GO) test -count=1 ./...

# The snapshot-isolation tests and the router's queries during cost updates
# under the race detector (needs cgo and gcc).
race:
	CGO_ENABLED=1 $(GO) test -count=1 -race ./engine/...
	CGO_ENABLED=1 $(GO) test -count=1 -race -run 'TestConcurrent' ./sim/dispatch

fuzz:
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

# The OpenGL renderer's image tests and the snapshot/wall command tests
# under Xvfb with Mesa's llvmpipe
# (installs the GL/X11 headers and Xvfb first; REQUIRE_GL=1 fails instead
# of skipping when no display comes up).
gl:
	./scripts/deps-gl.sh
	REQUIRE_GL=1 CGO_ENABLED=1 xvfb-run -a $(GO) test -count=1 ./render/gl/...
	REQUIRE_GL=1 CGO_ENABLED=1 xvfb-run -a $(GO) test -count=1 -run '^TestGL' ./cmd/twin

# report.html in headless Chromium: not blank, every chart drawn.
report-check:
	GO=$(GO) ./scripts/report-check.sh

test: deps vet unit race fuzz report-check gl

bench:
	CGO_ENABLED=0 $(GO) test -run='^$$' -bench=. -benchmem ./benchmarks/

# Spatial API against PostGIS (installs PostgreSQL, PostGIS, wrk; minutes).
bench-api:
	./scripts/bench-api.sh

clean:
	rm -rf bin

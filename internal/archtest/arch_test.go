package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// packages lists the non-test packages matching pattern with their direct
// imports and their full dependency closure.
func packages(t *testing.T, pattern string) map[string][2][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}", pattern).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pattern, err)
	}
	pkgs := map[string][2][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) == 3 {
			pkgs[parts[0]] = [2][]string{strings.Fields(parts[1]), strings.Fields(parts[2])}
		}
	}
	if len(pkgs) == 0 {
		t.Fatalf("go list %s found nothing", pattern)
	}
	return pkgs
}

// testOnly are helper packages imported only by tests; they may read files
// and run reference tools.
var testOnly = map[string]bool{
	"twin/geo/internal/inp/inptest": true,
}

// TestCoreDependencies: geo and sim never depend on the engine, the API, the
// renderer, the command, HTTP or OpenGL, and never import os directly.
func TestCoreDependencies(t *testing.T) {
	forbiddenDeps := []string{"twin/engine", "twin/render", "twin/cmd", "net/http", "github.com/go-gl/"}
	for _, pattern := range []string{"twin/geo/...", "twin/sim/..."} {
		for pkg, imp := range packages(t, pattern) {
			if testOnly[pkg] {
				continue
			}
			for _, d := range imp[1] {
				for _, bad := range forbiddenDeps {
					if d == bad || strings.HasPrefix(d, bad+"/") || strings.HasPrefix(bad, "github.com/") && strings.HasPrefix(d, bad) {
						t.Errorf("%s depends on %s", pkg, d)
					}
				}
			}
			for _, d := range imp[0] {
				if d == "os" || d == "os/exec" || d == "net" {
					t.Errorf("%s imports %s: the pure core takes readers, not files", pkg, d)
				}
				if testOnly[d] {
					t.Errorf("%s imports the test helper %s", pkg, d)
				}
			}
		}
	}
}

// TestNoCgoBelowRender: everything but the GL driver builds without cgo.
func TestNoCgoBelowRender(t *testing.T) {
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = "../.."
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build ./... failed:\n%s", out)
	}
}

// TestScenariosDependencies: the scenario runner and its reports sit above
// the engine and the simulations and below the API and the command: they
// never import the API, the renderer, the command or OpenGL.
func TestScenariosDependencies(t *testing.T) {
	forbidden := []string{"twin/engine/api", "twin/render", "twin/cmd", "github.com/go-gl/"}
	for pkg, imp := range packages(t, "twin/scenarios/...") {
		for _, d := range imp[1] {
			for _, bad := range forbidden {
				if d == bad || strings.HasPrefix(d, bad+"/") || strings.HasPrefix(bad, "github.com/") && strings.HasPrefix(d, bad) {
					t.Errorf("%s depends on %s", pkg, d)
				}
			}
		}
	}
}

package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRenderCorePure: the render root and render/scene (the data the GL
// driver draws) stay pure Go: no cgo anywhere in their dependencies, no GL
// or windowing library, no render/gl, no command, no HTTP and no direct os
// import, so scene building is testable without a GPU.
func TestRenderCorePure(t *testing.T) {
	forbidden := []string{"twin/render/gl", "twin/cmd", "net/http", "github.com/go-gl/"}
	for _, pattern := range []string{"twin/render", "twin/render/scene"} {
		for pkg, imp := range packages(t, pattern) {
			for _, d := range imp[1] {
				for _, bad := range forbidden {
					if d == bad || strings.HasPrefix(d, bad+"/") || strings.HasPrefix(bad, "github.com/") && strings.HasPrefix(d, bad) {
						t.Errorf("%s depends on %s", pkg, d)
					}
				}
			}
			for _, d := range imp[0] {
				if d == "C" || d == "os" || d == "os/exec" || d == "unsafe" {
					t.Errorf("%s imports %s", pkg, d)
				}
			}
		}
		out, err := exec.Command("go", "list", "-deps", "-f", "{{if .CgoFiles}}{{.ImportPath}}{{end}}", pattern).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pattern, err)
		}
		for _, p := range strings.Fields(string(out)) {
			t.Errorf("%s depends on the cgo package %s", pattern, p)
		}
	}
}

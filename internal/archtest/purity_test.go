package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// globalRand are package-level functions of math/rand and math/rand/v2 that
// draw from the shared global source.
var globalRand = map[string]bool{"Int": true, "Intn": true, "IntN": true, "Int31": true, "Int31n": true,
	"Int63": true, "Int63n": true, "Int64": true, "Int64N": true, "Uint32": true, "Uint64": true,
	"Float32": true, "Float64": true, "Perm": true, "Shuffle": true, "Seed": true, "N": true, "NormFloat64": true, "ExpFloat64": true}

// TestCorePurity: the non-test code of geo and sim never reads the clock
// (time.Now) or the global random source: time and randomness are inputs.
func TestCorePurity(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	for _, root := range []string{"../../geo", "../../sim"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
				strings.Contains(path, "testdata") || strings.Contains(path, "inptest") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			checked++
			names := importNames(f)
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				id, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				switch names[id.Name] {
				case "time":
					if sel.Sel.Name == "Now" || sel.Sel.Name == "Since" {
						t.Errorf("%s: time.%s in the pure core", fset.Position(sel.Pos()), sel.Sel.Name)
					}
				case "math/rand", "math/rand/v2":
					if globalRand[sel.Sel.Name] {
						t.Errorf("%s: global rand.%s in the pure core; take a seeded *rand.Rand", fset.Position(sel.Pos()), sel.Sel.Name)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}

// importNames maps the names a file uses for its imports to their paths.
func importNames(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		p := strings.Trim(im.Path.Value, `"`)
		name := filepath.Base(p)
		if p == "math/rand/v2" {
			name = "rand"
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = p
	}
	return m
}

package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the absolute path of the shared data directory: $TWIN_SHARED_DATA
// when set, else ../shared/data relative to the module root.
func Root() string {
	if d := os.Getenv("TWIN_SHARED_DATA"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	// file is <module>/internal/sharedtest/sharedtest.go
	mod := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(mod), "shared", "data")
}

// Path returns the absolute path of rel inside the shared data directory. When
// the file is missing it skips t, or fails it under CI=true.
func Path(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Root(), rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data %s missing under CI: %v", rel, err)
		}
		t.Skipf("shared data %s not found (%v); run with ../shared beside the checkout", rel, err)
	}
	return p
}

// Open opens rel inside the shared data directory, as Path, and closes it at
// the end of the test.
func Open(t testing.TB, rel string) *os.File {
	t.Helper()
	f, err := os.Open(Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// Tool reports whether an external command (cs2cs, ogrinfo, osmium, …) is on
// PATH. When it is not, it skips t, or fails it under CI=true, where
// `make test` has installed it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := lookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed under CI (make deps installs it): %v", name, err)
		}
		t.Skipf("%s not installed; `make deps` installs it", name)
	}
	return p
}

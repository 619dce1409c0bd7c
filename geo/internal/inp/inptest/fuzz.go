package inptest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

// headBytes is how much of a shared file Seed adds: whole files make the
// fuzzer spend its time minimising large inputs.
const headBytes = 1200

// Seed adds each of seeds to f's corpus, then the head (first 1200 bytes)
// of each shared data file in rels that exists; missing files are left
// out, so that fuzzing runs without the shared data too.
func Seed(f *testing.F, seeds []string, rels []string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, rel := range rels {
		if b, err := os.ReadFile(filepath.Join(sharedtest.Root(), rel)); err == nil {
			f.Add(b[:min(len(b), headBytes)])
		}
	}
}

// Failed reports whether a decode failed (err is not nil), and fails t at
// once unless err is then a *geo.ParseError with a line, the only error a
// decoder may return for bad input.
func Failed(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	var pe *geo.ParseError
	if !errors.As(err, &pe) || pe.Line < 1 {
		t.Fatalf("error %v (%T) is not a positioned *geo.ParseError", err, err)
	}
	return true
}

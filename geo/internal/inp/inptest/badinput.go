package inptest

import (
	"errors"
	"strings"
	"testing"

	"twin/geo"
)

// BadInput is one case of a decoder's bad-input table.
type BadInput struct {
	Name string
	// Src is the whole input file.
	Src string
	// Strict decodes with Options.Strict.
	Strict bool
	// Line is the line the error must name; 0 when no error is expected.
	Line int
	// Kind is the geo sentinel the error must wrap.
	Kind error
	// Also is the format package's sentinel the error must wrap too, or nil.
	Also error
	// Warn, when Line is 0, is a text the one expected warning contains;
	// "" expects no warning.
	Warn string
}

// Decoder decodes src, named name, with Options.Strict set to strict, and
// returns the model's warnings or the error.
type Decoder func(src, name string, strict bool) ([]geo.Warning, error)

// RunBadInput decodes each case as "bad.inp" in a subtest named after it
// and checks the outcome: with Line 0, success and the warnings Warn asks
// for; otherwise a *geo.ParseError for bad.inp at Line wrapping Kind and,
// when set, Also.
func RunBadInput(t *testing.T, decode Decoder, cases []BadInput) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			warnings, err := decode(tt.Src, "bad.inp", tt.Strict)
			if tt.Line == 0 {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if tt.Warn == "" && len(warnings) != 0 || tt.Warn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0].Msg, tt.Warn)) {
					t.Errorf("warnings %v, want %q", warnings, tt.Warn)
				}
				return
			}
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v (%T), want *geo.ParseError", err, err)
			}
			if pe.File != "bad.inp" || pe.Line != tt.Line || !errors.Is(err, tt.Kind) {
				t.Errorf("got %v (line %d), want line %d wrapping %v", err, pe.Line, tt.Line, tt.Kind)
			}
			if tt.Also != nil && !errors.Is(err, tt.Also) {
				t.Errorf("got %v, want it to wrap %v", err, tt.Also)
			}
		})
	}
}

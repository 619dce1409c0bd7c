package inp

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"twin/geo"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"spaces and tabs", "a \tb  c", []string{"a", "b", "c"}},
		{"quoted with space", `1.0 2.0 "Circular Culvert" ""  "Arial" 12`, []string{"1.0", "2.0", "Circular Culvert", "", "Arial", "12"}},
		{"quote glued to word", `a"b c"d`, []string{"a", "b c", "d"}},
		{"unclosed quote", `x "rest of line`, []string{"x", "rest of line"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokenize(tt.in, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	src := "\xef\xbb\xbf[TITLE]\r\nNet 1\r\n\r\n[Junctions]\r\n;ID Elev\r\n;PUMP: note\r\n J1  710 ;cat A\rJ2 700\n[END]"
	f, err := Read(strings.NewReader(src), "t.inp")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Sections) != 3 || f.Sections[1].Name != "JUNCTIONS" || f.Sections[1].Line != 4 {
		t.Fatalf("sections %+v", f.Sections)
	}
	j := f.Sections[1].Lines
	if len(j) != 2 || j[0].Num != 7 || j[0].Comment != "cat A" || !reflect.DeepEqual(j[0].Notes, []string{"ID Elev", "PUMP: note"}) ||
		j[1].Num != 8 || j[1].Fields[1] != "700" {
		t.Errorf("lines %+v", j)
	}
	if f.Sections[0].Lines[0].Text != "Net 1" {
		t.Errorf("title %+v", f.Sections[0].Lines)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"unclosed header", "[A]\nx\n[B\n", 3},
		{"line too long", "[A]\n" + strings.Repeat("1", MaxLineLen+1), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.src), "t.inp")
			var pe *geo.ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line || !errors.Is(err, geo.ErrSyntax) {
				t.Errorf("got %v, want a syntax error on line %d", err, tt.line)
			}
		})
	}
}

func TestParseFloat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"-.5", -0.5, true}, {"104.", 104, true}, {"1.5E-3", 0.0015, true},
		{"1e-400", 0, true}, // underflow to zero is harmless
		{"NaN", 0, false}, {"Inf", 0, false}, {"-infinity", 0, false}, {"0x1p3", 0, false},
		{"1_000", 0, false}, {"1e999", 0, false}, {"", 0, false}, {"1,5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFloat(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseFloat(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1:00", 3600, true}, {"0:00:05", 5, true}, {"27:00", 97200, true}, {"168:00", 604800, true},
		{"0.25", 900, true}, {".125", 450, true}, {"1:30:30", 5430, true},
		{"1:60", 0, false}, {"-1", 0, false}, {"1.5:00", 0, false}, {"a", 0, false}, {"1:2:3:4", 0, false},
		{"1e3", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Clock(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("Clock(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParserStickyError(t *testing.T) {
	p := Parser{File: "f.inp"}
	l := &Line{Num: 4, Fields: []string{"a", "x", "2"}}
	if v := p.Float(l, 1, "depth"); v != 0 || p.Err == nil {
		t.Fatalf("Float(x) = %v, err %v", v, p.Err)
	}
	first := p.Err
	p.Float(l, 9, "missing")
	if p.Err != first || !strings.Contains(p.Err.Error(), "f.inp:4") {
		t.Errorf("error %v, want the first one at f.inp:4", p.Err)
	}
	if p := (Parser{}); p.Int(&Line{Fields: []string{"1.5"}}, 0, "n") != 0 || !errors.Is(p.Err, geo.ErrInvalid) {
		t.Errorf("Int(1.5): %v", p.Err)
	}
}

package render

import (
	"errors"
	"strings"
	"testing"
)

func TestDecodeWall(t *testing.T) {
	tests := []struct {
		name, yaml string
		w, h       int
		err        bool
	}{
		{"3x3 1080p with 6 mm bezel at 0.63 mm pitch", "cols: 3\nrows: 3\nwidth: 1920\nheight: 1080\nbezel_x_mm: 6.3\nbezel_y_mm: 6.3\npixel_pitch_mm: 0.63\n", 3*1920 + 2*10, 3*1080 + 2*10, false},
		{"json", `{"cols":2,"rows":1,"bezel_x_px":20}`, 2*1920 + 20, 1080, false},
		{"zero value", "{}", 1920, 1080, false},
		{"negative", "cols: -1\n", 0, 0, true},
		{"mm without pitch", "bezel_x_mm: 5\n", 0, 0, true},
		{"unknown field", "colums: 3\n", 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := DecodeWallYAML(strings.NewReader(tc.yaml))
			if tc.err {
				if !errors.Is(err, ErrWall) {
					t.Fatalf("err %v, want ErrWall", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if vw, vh := w.VirtualSize(); vw != tc.w || vh != tc.h {
				t.Errorf("virtual size %d×%d, want %d×%d", vw, vh, tc.w, tc.h)
			}
		})
	}
	if _, err := DecodeWallJSON(strings.NewReader(`{"cols":2,"x":1}`)); !errors.Is(err, ErrWall) {
		t.Errorf("JSON unknown field: %v", err)
	}
}

func FuzzDecodeWallYAML(f *testing.F) {
	f.Add([]byte("cols: 3\nrows: 3\nbezel_x_px: 12\n"))
	f.Add([]byte(`{"cols":2}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if w, err := DecodeWallJSON(strings.NewReader(string(b))); err == nil && w.Validate() != nil {
			t.Fatal("decoded JSON config does not validate")
		}
		w, err := DecodeWallYAML(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if w.Validate() != nil {
			t.Fatal("decoded config does not validate")
		}
		if vw, vh := w.VirtualSize(); vw <= 0 || vh <= 0 {
			t.Fatalf("virtual size %d×%d", vw, vh)
		}
	})
}

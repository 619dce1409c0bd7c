package gl

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestFlipRows: GL reads rows bottom-up; flipRows puts row 0 on top, for
// odd and even heights, and flipping twice is the identity.
func TestFlipRows(t *testing.T) {
	for _, h := range []int{1, 2, 5} {
		img := image.NewRGBA(image.Rect(0, 0, 3, h))
		for y := 0; y < h; y++ {
			img.SetRGBA(1, y, color.RGBA{uint8(y), 0, 0, 255})
		}
		flipRows(img)
		for y := 0; y < h; y++ {
			if got := img.RGBAAt(1, y).R; int(got) != h-1-y {
				t.Errorf("h=%d: row %d holds source row %d, want %d", h, y, got, h-1-y)
			}
		}
		flipRows(img)
		if img.RGBAAt(1, 0).R != 0 {
			t.Errorf("h=%d: flipping twice is not the identity", h)
		}
	}
}

// TestWritePNG: the PNG decodes back to the same pixels.
func TestWritePNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 255
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 3; y++ {
		for x := 0; x < 4; x++ {
			if got, want := color.RGBAModel.Convert(back.At(x, y)), img.RGBAAt(x, y); got != want {
				t.Errorf("(%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

func TestOptionsDefaults(t *testing.T) {
	o := Options{}.withDefaults()
	if o.Width != 1280 || o.Height != 720 || o.Samples != 4 || o.Clear != skyColor {
		t.Errorf("defaults = %+v", o)
	}
	cases := []struct {
		name string
		o    Options
		ok   bool
	}{
		{"zero", Options{}, true},
		{"4K", Options{Width: 3840, Height: 2160}, true},
		{"negative width", Options{Width: -1}, false},
		{"too tall", Options{Height: maxSide + 1}, false},
		{"no MSAA", Options{Samples: 1}, true},
		{"too many samples", Options{Samples: 17}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.o.Validate(); (err == nil) != c.ok || err != nil && !errors.Is(err, ErrBadOptions) {
				t.Errorf("Validate = %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func ExampleOptions_Validate() {
	err := Options{Width: 10000, Height: 100}.Validate()
	fmt.Println(err)
	// Output: gl: bad options: size 10000x100 outside 0..8192
}

package report

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// page draws a white page with a text block and n framed charts of
// 300×200 px; ink draws a line inside every chart.
func page(n int, ink bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 800, 300*n+200))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(20, 20, 600, 120), image.NewUniform(color.Black), image.Point{}, draw.Src)
	for i := 0; i < n; i++ {
		r := image.Rect(50, 150+300*i, 350, 350+300*i)
		draw.Draw(img, r, image.NewUniform(FrameColor), image.Point{}, draw.Src)
		draw.Draw(img, r.Inset(3), image.NewUniform(color.White), image.Point{}, draw.Src)
		if ink {
			draw.Draw(img, image.Rect(r.Min.X+20, r.Min.Y+50, r.Max.X-20, r.Min.Y+60), image.NewUniform(color.RGBA{R: 200, A: 255}), image.Point{}, draw.Src)
		}
	}
	return img
}

func TestCheckScreenshot(t *testing.T) {
	blank := image.NewRGBA(image.Rect(0, 0, 400, 400))
	draw.Draw(blank, blank.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	tests := []struct {
		name   string
		img    image.Image
		min    int
		frames int
		ok     bool
	}{
		{"charts with ink", page(3, true), 3, 3, true},
		{"fewer charts than wanted", page(2, true), 3, 2, false},
		{"empty charts", page(2, false), 2, 2, false},
		{"blank page", blank, 1, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			frames, err := CheckScreenshot(tc.img, tc.min)
			if (err == nil) != tc.ok || err != nil && !errors.Is(err, ErrScreenshot) {
				t.Fatalf("err %v, want ok %v", err, tc.ok)
			}
			if len(frames) != tc.frames {
				t.Fatalf("%d frames, want %d", len(frames), tc.frames)
			}
			for _, f := range frames {
				if f.Bounds.Dx() != 300 || f.Bounds.Dy() != 200 {
					t.Errorf("frame %v, want 300×200", f.Bounds)
				}
			}
		})
	}
}

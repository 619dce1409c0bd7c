package floodout

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
)

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func rgb(c color.Color) (int, int, int) {
	r, g, b, _ := c.RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

// TestDepthMap draws a bowl of water on a 60 × 40 grid and checks the
// image size the scale implies, the colour of a flooded cell (the ramp
// colour blended at 85 % over the grey of its hillshade, computed here
// from the ramp's definition, ±1 per channel for rounding), that a dry
// cell stays grey (R = G = B) and that the legend is drawn.
func TestDepthMap(t *testing.T) {
	g := testDEM(60, 40)
	depth := testDepth(g, 20, 20, 8, 1.2)
	tests := []struct {
		name         string
		opt          MapOptions
		wantW, wantH int
	}{
		{"fit", MapOptions{}, 1000 + legendWidth, 667},
		{"scale 4", MapOptions{PixelsPerCell: 4}, 240 + legendWidth, legendHeight},
		{"scale 0.5", MapOptions{PixelsPerCell: 0.5, MaxDepth: 2}, 30 + legendWidth, legendHeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := DepthMap(&buf, g, depth, tt.opt); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, buf.Bytes())
			if b := img.Bounds(); b.Dx() != tt.wantW || b.Dy() != tt.wantH {
				t.Fatalf("size %d × %d, want %d × %d", b.Dx(), b.Dy(), tt.wantW, tt.wantH)
			}
			top := tt.opt.MaxDepth
			if top == 0 {
				top = rampTop(depth, DefaultMinDepth)
			}
			hs := Hillshade(g)
			wet := 20*g.Cols + 20
			want := over(DepthColor(float64(depth[wet]), top), shade(hs[wet]), waterOpacity)
			p := tt.opt.PixelOf(g, 20, 20)
			r, gg, b := rgb(img.At(p.X, p.Y))
			if abs(r-int(want.R)) > 1 || abs(gg-int(want.G)) > 1 || abs(b-int(want.B)) > 1 || b < r+40 {
				t.Errorf("flooded cell (20, 20) at pixel %v is (%d, %d, %d), want %v", p, r, gg, b, want)
			}
			p = tt.opt.PixelOf(g, 50, 5)
			if r, gg, b := rgb(img.At(p.X, p.Y)); r != gg || gg != b || r == 255 {
				t.Errorf("dry cell (50, 5) at pixel %v is (%d, %d, %d), want grey", p, r, gg, b)
			}
			if n := inkPixels(img, img.Bounds().Dx()-legendWidth); n < 500 {
				t.Errorf("legend has %d non-white pixels, want ≥ 500", n)
			}
		})
	}
}

func abs(v int) int { return max(v, -v) }

// inkPixels counts the non-white pixels right of x0.
func inkPixels(img image.Image, x0 int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := x0; x < b.Max.X; x++ {
			if r, g, bb := rgb(img.At(x, y)); r != 255 || g != 255 || bb != 255 {
				n++
			}
		}
	}
	return n
}

// TestExtentMap: cells at or above MinDepth are ExtentColor over grey,
// shallower ones stay grey.
func TestExtentMap(t *testing.T) {
	g := testDEM(30, 20)
	depth := testDepth(g, 10, 10, 5, 1)
	opt := MapOptions{PixelsPerCell: 3, MinDepth: 0.5}
	var buf bytes.Buffer
	if err := ExtentMap(&buf, g, depth, opt); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes())
	for _, c := range []struct {
		col, row int
		wet      bool
	}{{10, 10, true}, {11, 10, true}, {14, 10, false}, {25, 3, false}} {
		p := opt.PixelOf(g, c.col, c.row)
		r, gg, b := rgb(img.At(p.X, p.Y))
		if wet := b > r+40; wet != c.wet || !wet && (r != gg || gg != b) {
			t.Errorf("cell (%d, %d), depth %.2f m: pixel (%d, %d, %d), flooded %v", c.col, c.row, depth[c.row*g.Cols+c.col], r, gg, b, c.wet)
		}
	}
}

func TestMapErrors(t *testing.T) {
	g := testDEM(10, 10)
	tests := []struct {
		name  string
		depth []float32
		opt   MapOptions
		want  error
	}{
		{"short depth", make([]float32, 99), MapOptions{}, ErrSize},
		{"negative scale", make([]float32, 100), MapOptions{PixelsPerCell: -1}, ErrOptions},
		{"NaN min", make([]float32, 100), MapOptions{MinDepth: math.NaN()}, ErrOptions},
		{"max below min", make([]float32, 100), MapOptions{MinDepth: 0.5, MaxDepth: 0.2}, ErrOptions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, draw := range []func() error{
				func() error { return DepthMap(&bytes.Buffer{}, g, tt.depth, tt.opt) },
				func() error { return ExtentMap(&bytes.Buffer{}, g, tt.depth, tt.opt) },
			} {
				if err := draw(); !errors.Is(err, tt.want) {
					t.Errorf("error %v, want %v", err, tt.want)
				}
			}
		})
	}
}

// TestMapDeterministic: the same inputs give the same bytes.
func TestMapDeterministic(t *testing.T) {
	g := testDEM(50, 30)
	depth := testDepth(g, 15, 15, 9, 2)
	var a, b bytes.Buffer
	if err := DepthMap(&a, g, depth, MapOptions{Title: "max depth"}); err != nil {
		t.Fatal(err)
	}
	if err := DepthMap(&b, g, depth, MapOptions{Title: "max depth"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of the same map differ")
	}
}

// TestDepthColor checks the ramp's ends and a midpoint against its stops
// (ColorBrewer Blues): 0 → (198, 219, 239), top → (8, 48, 107), and
// halfway between the 0.33 and 0.66 stops the mean of their colours.
func TestDepthColor(t *testing.T) {
	tests := []struct {
		d    float64
		want color.RGBA
	}{
		{0, color.RGBA{198, 219, 239, 255}},
		{-1, color.RGBA{198, 219, 239, 255}},
		{2, color.RGBA{8, 48, 107, 255}},
		{5, color.RGBA{8, 48, 107, 255}},
		{0.99, color.RGBA{70, 144, 198, 255}}, // (107+33)/2, (174+113)/2 = 143.5 → 144, (214+181)/2 = 197.5 → 198
	}
	for _, tt := range tests {
		if got := DepthColor(tt.d, 2); got != tt.want {
			t.Errorf("DepthColor(%g, 2) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

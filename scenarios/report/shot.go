package report

import (
	"errors"
	"fmt"
	"image"
	"image/color"
)

// FrameColor is the border colour report.html draws around every chart
// (3 px solid), so that a screenshot of the page can find the charts.
var FrameColor = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}

// ErrScreenshot: a screenshot of report.html does not show its charts.
var ErrScreenshot = errors.New("report: screenshot check failed")

// Frame is a chart found in a screenshot, in pixels.
type Frame struct {
	Bounds image.Rectangle
	// Ink is the share of the frame's inside that is not background
	// (white), 0–1.
	Ink float64
}

// CheckScreenshot finds the chart frames (rectangles bordered in
// FrameColor, at least 150×100 px) in a screenshot of report.html and
// checks that the page is not blank (over 1 % of the pixels are not
// white), that at least minCharts frames are there, and that each
// frame's inside has ink on over 2 % of its pixels. O(pixels).
func CheckScreenshot(img image.Image, minCharts int) ([]Frame, error) {
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return nil, fmt.Errorf("%w: empty image", ErrScreenshot)
	}
	if share := inkShare(img, b); share <= 0.01 {
		return nil, fmt.Errorf("%w: the page is blank (%.2f %% ink)", ErrScreenshot, 100*share)
	}
	var frames []Frame
	for _, r := range frameBoxes(img) {
		inner := r.Inset(6)
		frames = append(frames, Frame{Bounds: r, Ink: inkShare(img, inner)})
	}
	if len(frames) < minCharts {
		return frames, fmt.Errorf("%w: %d chart frames, want at least %d", ErrScreenshot, len(frames), minCharts)
	}
	for _, f := range frames {
		if f.Ink <= 0.02 {
			return frames, fmt.Errorf("%w: chart at %v is empty (%.2f %% ink)", ErrScreenshot, f.Bounds, 100*f.Ink)
		}
	}
	return frames, nil
}

// inkShare is the share of pixels in r that are not near-white.
func inkShare(img image.Image, r image.Rectangle) float64 {
	if r.Empty() {
		return 0
	}
	ink := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if cr, cg, cb, _ := img.At(x, y).RGBA(); cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(r.Dx()*r.Dy())
}

func isFrame(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	near := func(v uint32, want uint8) bool {
		d := int(v>>8) - int(want)
		return d >= -12 && d <= 12
	}
	return near(r, FrameColor.R) && near(g, FrameColor.G) && near(b, FrameColor.B)
}

// frameBoxes returns the bounding boxes of the connected frame-coloured
// regions that are at least 150×100 px, top to bottom, left to right.
func frameBoxes(img image.Image) []image.Rectangle {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	seen := make([]bool, w*h)
	var out []image.Rectangle
	var stack []int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*w + x
			if seen[i] || !isFrame(img.At(b.Min.X+x, b.Min.Y+y)) {
				continue
			}
			box := image.Rect(x, y, x+1, y+1)
			seen[i] = true
			stack = append(stack[:0], i)
			for len(stack) > 0 {
				j := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				px, py := j%w, j/w
				box = box.Union(image.Rect(px, py, px+1, py+1))
				for _, n := range [4][2]int{{px + 1, py}, {px - 1, py}, {px, py + 1}, {px, py - 1}} {
					if n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h {
						continue
					}
					k := n[1]*w + n[0]
					if !seen[k] && isFrame(img.At(b.Min.X+n[0], b.Min.Y+n[1])) {
						seen[k] = true
						stack = append(stack, k)
					}
				}
			}
			if box.Dx() >= 150 && box.Dy() >= 100 {
				out = append(out, box.Add(b.Min))
			}
		}
	}
	return out
}
